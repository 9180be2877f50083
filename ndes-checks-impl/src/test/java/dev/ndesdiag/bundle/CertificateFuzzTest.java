package dev.ndesdiag.bundle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/** Fuzz targets: certificates of {@code certs/} and CRLs as the checks parse them (issue 17, point 7). */
class CertificateFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void aCertificateFileOfAnyBytesIsReadOrAProblemForThatFile(byte[] data) {
        CertificateReader.read(FuzzInputs.bundle(data, "certs/My/0123456789ABCDEF0123456789ABCDEF01234567.cer",
                "certs/My/0123456789ABCDEF0123456789ABCDEF01234567.json"), FuzzInputs.LIMITS);
    }

    /** crl-retrievability parses a fetched CRL so and judges every failure it catches; nothing else may escape. */
    @FuzzTest(maxDuration = "10m")
    void aCrlOfAnyBytesIsParsedOrRefusedWithAnExceptionTheCheckJudges(byte[] data) throws Exception {
        try {
            CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(data));
        } catch (CRLException | CertificateException | RuntimeException expected) {
            // the check's "not a CRL" verdict
        }
    }
}
