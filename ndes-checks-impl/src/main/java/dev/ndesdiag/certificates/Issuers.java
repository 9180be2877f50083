package dev.ndesdiag.certificates;

import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;

/**
 * Finds the CA certificate of the bundle that issued a certificate, as the Windows chain engine
 * picks it: among the certificates whose subject is the issuer's name and whose key verifies the
 * signature, a time-valid one wins over an expired or not yet valid one, and among those the one
 * valid longest. A CA renewed with the same key therefore chains through its renewed certificate,
 * whatever order the stores list the expired and the renewed copy in.
 *
 * <p>Source: the chain engine builds every candidate chain and keeps the best-scored one, time
 * validity weighing first (Microsoft TechNet wiki "PKI: Certificate Chaining Engine (CCE)",
 * https://social.technet.microsoft.com/wiki/contents/articles/3147.pki-certificate-chaining-engine-cce.aspx,
 * also https://www.sysadmins.lv/blog-en/certificate-chaining-engine-how-this-works.aspx).
 */
public final class Issuers {

    private Issuers() {
    }

    /** What the bundle's CA and Root stores say about a certificate's issuer. */
    public enum Verdict {
        /** A CA certificate with the issuer's name verifies the signature. */
        FOUND,
        /** CA certificates with the issuer's name exist, but none verifies the signature (a renewed CA key). */
        WRONG_KEY,
        /** No CA certificate with the issuer's name is in the stores. */
        ABSENT
    }

    /**
     * The verdict, the issuer when found, and the CA's current certificate.
     *
     * @param verdict what the stores say
     * @param issuer the certificate that verifies the signature, chosen as the chain engine does
     * @param current the CA's current certificate: the time-valid certificate of that name issued last
     */
    public record Lookup(Verdict verdict, Optional<StoredCertificate> issuer, Optional<StoredCertificate> current) {

        /**
         * Tells whether the signature verifies only with a key the CA no longer issues with: the CA was
         * renewed with a new key, and the certificate still belongs to the old one.
         *
         * @return true when the issuer found is not the CA's current key
         */
        public boolean previousKey() {
            return issuer.isPresent() && current.isPresent()
                    && !Arrays.equals(issuer.get().certificate().getPublicKey().getEncoded(),
                            current.get().certificate().getPublicKey().getEncoded());
        }
    }

    /**
     * Looks up a certificate's issuer in the bundle's CA, Root and My stores.
     *
     * @param cert the certificate
     * @param stores the bundle's stores
     * @param now the time the chain is judged at (the collection time)
     * @return the lookup
     */
    public static Lookup of(X509Certificate cert, CertificateStores stores, Instant now) {
        X500Principal issuerName = cert.getIssuerX500Principal();
        List<StoredCertificate> named = Stream.of("CA", "Root", "My")
                .flatMap(s -> stores.store(s).orElse(List.of()).stream())
                .filter(c -> !c.archived())
                .filter(c -> c.certificate().getSubjectX500Principal().equals(issuerName))
                .toList();
        Optional<StoredCertificate> current = named.stream()
                .filter(c -> ExpiryHorizon.of(c.certificate(), now).isTimeValid())
                .max(Comparator.comparing((StoredCertificate c) -> c.certificate().getNotBefore()));
        Optional<StoredCertificate> issuer = named.stream()
                .filter(c -> Signatures.signedBy(cert, c.certificate()))
                .max(Comparator.comparing((StoredCertificate c) -> ExpiryHorizon.of(c.certificate(), now).isTimeValid())
                        .thenComparing(c -> c.certificate().getNotAfter()));
        if (issuer.isPresent()) {
            return new Lookup(Verdict.FOUND, issuer, current);
        }
        return new Lookup(named.isEmpty() ? Verdict.ABSENT : Verdict.WRONG_KEY, Optional.empty(), current);
    }

}
