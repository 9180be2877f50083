package dev.ndesdiag.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.TestPki;
import java.math.BigInteger;
import java.security.Principal;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A certificate's signature is verified once per key, however many checks ask, and whether they ask
 * one after another or all at once (the start of every bundle: several checks look up the RA
 * certificates' issuer at the same moment).
 */
class SignaturesTest {

    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void theIssuersKeyVerifiesAndAnotherKeyDoesNot() {
        TestPki.Issued ca = TestPki.root("CN=Contoso Issuing CA", FROM, TO);
        TestPki.Issued other = TestPki.root("CN=Contoso Issuing CA", FROM, TO);
        TestPki.Issued ra = TestPki.leaf("CN=NDES01-MSCEP-RA", ca, FROM, TO);

        assertThat(Signatures.check(ra.certificate(), ca.certificate().getPublicKey())).isEqualTo(Signatures.Outcome.VERIFIED);
        assertThat(Signatures.check(ra.certificate(), other.certificate().getPublicKey())).isEqualTo(Signatures.Outcome.MISMATCH);
        assertThat(Signatures.signedBy(ra.certificate(), ca.certificate())).isTrue();
        assertThat(Signatures.signedBy(ra.certificate(), other.certificate())).isFalse();
        assertThat(Signatures.selfSigned(ca.certificate())).isTrue();
        assertThat(Signatures.selfSigned(ra.certificate())).isFalse();
    }

    @Test
    void askingAgainDoesNotVerifyAgain() {
        TestPki.Issued ca = TestPki.root("CN=Contoso Issuing CA", FROM, TO);
        Counting ra = new Counting(TestPki.leaf("CN=NDES01-MSCEP-RA", ca, FROM, TO).certificate(), 0);

        for (int i = 0; i < 5; i++) {
            assertThat(Signatures.signedBy(ra, ca.certificate())).isTrue();
        }

        assertThat(ra.verifications.get()).isEqualTo(1);
    }

    @Test
    void checksAskingAtTheSameTimeWaitForOneVerification() throws Exception {
        TestPki.Issued ca = TestPki.root("CN=Contoso Issuing CA", FROM, TO);
        Counting ra = new Counting(TestPki.leaf("CN=NDES01-MSCEP-RA", ca, FROM, TO).certificate(), 100);
        int checks = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(checks);
        try {
            List<Future<Signatures.Outcome>> asked = new ArrayList<>();
            for (int i = 0; i < checks; i++) {
                asked.add(pool.submit(() -> {
                    start.await();
                    return Signatures.check(ra, ca.certificate().getPublicKey());
                }));
            }
            start.countDown();
            for (Future<Signatures.Outcome> f : asked) {
                assertThat(f.get()).isEqualTo(Signatures.Outcome.VERIFIED);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ra.verifications.get()).isEqualTo(1);
    }

    /** A certificate that counts how often its signature is verified, each verification taking a while. */
    private static final class Counting extends X509Certificate {
        private final X509Certificate real;
        private final long millis;
        final AtomicInteger verifications = new AtomicInteger();

        Counting(X509Certificate real, long millis) {
            this.real = real;
            this.millis = millis;
        }

        @Override
        public void verify(PublicKey key) throws java.security.cert.CertificateException, java.security.NoSuchAlgorithmException,
                java.security.InvalidKeyException, java.security.NoSuchProviderException, java.security.SignatureException {
            verifications.incrementAndGet();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            real.verify(key);
        }

        @Override
        public void verify(PublicKey key, String sigProvider) throws java.security.cert.CertificateException,
                java.security.NoSuchAlgorithmException, java.security.InvalidKeyException, java.security.NoSuchProviderException,
                java.security.SignatureException {
            verify(key);
        }

        @Override
        public byte[] getEncoded() throws CertificateEncodingException {
            return real.getEncoded();
        }

        @Override
        public String toString() {
            return real.toString();
        }

        @Override
        public PublicKey getPublicKey() {
            return real.getPublicKey();
        }

        @Override
        public void checkValidity() throws java.security.cert.CertificateExpiredException,
                java.security.cert.CertificateNotYetValidException {
            real.checkValidity();
        }

        @Override
        public void checkValidity(Date date) throws java.security.cert.CertificateExpiredException,
                java.security.cert.CertificateNotYetValidException {
            real.checkValidity(date);
        }

        @Override
        public int getVersion() {
            return real.getVersion();
        }

        @Override
        public BigInteger getSerialNumber() {
            return real.getSerialNumber();
        }

        @Override
        @SuppressWarnings("deprecation")
        public Principal getIssuerDN() {
            return real.getIssuerDN();
        }

        @Override
        @SuppressWarnings("deprecation")
        public Principal getSubjectDN() {
            return real.getSubjectDN();
        }

        @Override
        public javax.security.auth.x500.X500Principal getIssuerX500Principal() {
            return real.getIssuerX500Principal();
        }

        @Override
        public javax.security.auth.x500.X500Principal getSubjectX500Principal() {
            return real.getSubjectX500Principal();
        }

        @Override
        public Date getNotBefore() {
            return real.getNotBefore();
        }

        @Override
        public Date getNotAfter() {
            return real.getNotAfter();
        }

        @Override
        public byte[] getTBSCertificate() throws CertificateEncodingException {
            return real.getTBSCertificate();
        }

        @Override
        public byte[] getSignature() {
            return real.getSignature();
        }

        @Override
        public String getSigAlgName() {
            return real.getSigAlgName();
        }

        @Override
        public String getSigAlgOID() {
            return real.getSigAlgOID();
        }

        @Override
        public byte[] getSigAlgParams() {
            return real.getSigAlgParams();
        }

        @Override
        public boolean[] getIssuerUniqueID() {
            return real.getIssuerUniqueID();
        }

        @Override
        public boolean[] getSubjectUniqueID() {
            return real.getSubjectUniqueID();
        }

        @Override
        public boolean[] getKeyUsage() {
            return real.getKeyUsage();
        }

        @Override
        public int getBasicConstraints() {
            return real.getBasicConstraints();
        }

        @Override
        public boolean hasUnsupportedCriticalExtension() {
            return real.hasUnsupportedCriticalExtension();
        }

        @Override
        public Set<String> getCriticalExtensionOIDs() {
            return real.getCriticalExtensionOIDs();
        }

        @Override
        public Set<String> getNonCriticalExtensionOIDs() {
            return real.getNonCriticalExtensionOIDs();
        }

        @Override
        public byte[] getExtensionValue(String oid) {
            return real.getExtensionValue(oid);
        }
    }
}
