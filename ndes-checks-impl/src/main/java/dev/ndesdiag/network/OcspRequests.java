package dev.ndesdiag.network;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP as the collector asks and the checks read it, with Bouncy Castle: the request for one
 * certificate (SHA-1 certificate id, as Windows clients send it), and the status an answer gives
 * for a certificate.
 */
public final class OcspRequests {

    private OcspRequests() {
    }

    /** What an OCSP answer says of one certificate. */
    public enum Status {
        /** The responder vouches for it, within the answer's validity. */
        GOOD,
        /** The responder says it is revoked. */
        REVOKED,
        /** The answer is not a usable statement about this certificate (unknown, stale, error status, other certificate). */
        UNUSABLE
    }

    /**
     * Encodes the OCSP request for a certificate as an RFC 6960 A.1 GET path segment.
     *
     * @param cert the certificate
     * @param issuer its issuer
     * @return the base64, URL-encoded DER request; empty when it cannot be built
     */
    public static Optional<String> encoded(X509Certificate cert, X509Certificate issuer) {
        try {
            byte[] der = new OCSPReqBuilder().addRequest(id(cert.getSerialNumber(), issuer)).build().getEncoded();
            return Optional.of(URLEncoder.encode(Base64.getEncoder().encodeToString(der), StandardCharsets.US_ASCII));
        } catch (OCSPException | IOException | CertificateEncodingException | OperatorCreationException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads what an OCSP answer says of a certificate.
     *
     * @param answer the DER OCSP response
     * @param cert the certificate
     * @param issuer its issuer
     * @param now the time it is judged at
     * @return the status
     */
    public static Status status(byte[] answer, X509Certificate cert, X509Certificate issuer, Instant now) {
        try {
            OCSPResp resp = new OCSPResp(answer);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL || !(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
                return Status.UNUSABLE;
            }
            CertificateID wanted = id(cert.getSerialNumber(), issuer);
            for (SingleResp single : basic.getResponses()) {
                if (!single.getCertID().equals(wanted)) {
                    continue;
                }
                if (single.getNextUpdate() != null && now.isAfter(single.getNextUpdate().toInstant())) {
                    return Status.UNUSABLE;
                }
                CertificateStatus s = single.getCertStatus();
                if (s == CertificateStatus.GOOD) {
                    return Status.GOOD;
                }
                return s instanceof RevokedStatus ? Status.REVOKED : Status.UNUSABLE;
            }
            return Status.UNUSABLE;
        } catch (IOException | OCSPException | CertificateEncodingException | OperatorCreationException | RuntimeException e) {
            return Status.UNUSABLE;
        }
    }

    private static CertificateID id(BigInteger serial, X509Certificate issuer)
            throws OperatorCreationException, CertificateEncodingException, OCSPException {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        return new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), serial);
    }
}
