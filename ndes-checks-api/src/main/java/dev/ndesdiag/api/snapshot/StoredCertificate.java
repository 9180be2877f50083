package dev.ndesdiag.api.snapshot;

import java.security.cert.X509Certificate;
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
