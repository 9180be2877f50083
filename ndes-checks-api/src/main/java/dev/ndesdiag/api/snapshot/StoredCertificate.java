package dev.ndesdiag.api.snapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * StoredCertificate is one certificate of a LocalMachine store, with what is known of its private key.
 *
 * @param store the store name as in the bundle, such as {@code My}, {@code Root} or {@code CA}; never null
 * @param file the certificate's file inside the bundle; never null
 * @param thumbprint the upper-case SHA-1 thumbprint computed from the certificate's DER; never null
 * @param certificate the parsed certificate; never null
 * @param privateKey the key sidecar, when the bundle has one
 * @since 0.1.0
 */
public record StoredCertificate(
        String store,
        String file,
        String thumbprint,
        X509Certificate certificate,
        Optional<PrivateKeyInfo> privateKey) {

    /** Validates the components. */
    public StoredCertificate {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(thumbprint, "thumbprint");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * Computes a certificate's thumbprint as Windows shows it: the upper-case hex SHA-1 of its DER.
     *
     * @param certificate the certificate; never null
     * @return the thumbprint, 40 upper-case hex digits; never null
     * @throws IllegalArgumentException when the certificate cannot be encoded
     */
    public static String thumbprintOf(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
        }
    }

    /**
     * Tells whether Windows archived this certificate, as its key sidecar says. Renewal archives the
     * certificate it replaces; CryptoAPI and NDES skip archived certificates when they enumerate a
     * store, so an archived certificate is never one NDES uses.
     *
     * @return true when the sidecar marks it archived; false when it does not, or there is no sidecar
     * @since 0.2.0
     */
    public boolean archived() {
        return privateKey.map(PrivateKeyInfo::archived).orElse(false);
    }

    /**
     * Returns the subject in RFC 2253 form, such as {@code CN=NDES01-MSCEP-RA,O=Contoso}.
     *
     * @return the subject; never null
     */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    /**
     * Returns the issuer in RFC 2253 form.
     *
     * @return the issuer; never null
     */
    public String issuer() {
        return certificate.getIssuerX500Principal().getName();
    }
}
