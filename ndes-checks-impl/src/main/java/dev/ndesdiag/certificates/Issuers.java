package dev.ndesdiag.certificates;

import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the CA certificate of the bundle that issued a certificate: same name and a verifying signature. */
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

    /** The verdict, and the issuer when found. */
    public record Lookup(Verdict verdict, Optional<StoredCertificate> issuer) {
    }

    public static Lookup of(X509Certificate cert, CertificateStores stores) {
        List<StoredCertificate> named = Stream.of("CA", "Root", "My")
                .flatMap(s -> stores.store(s).orElse(List.of()).stream())
                .filter(c -> c.certificate().getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
                .toList();
        for (StoredCertificate candidate : named) {
            try {
                cert.verify(candidate.certificate().getPublicKey());
                return new Lookup(Verdict.FOUND, Optional.of(candidate));
            } catch (GeneralSecurityException | RuntimeException e) {
                // another certificate of the same name may hold the right key
            }
        }
        return new Lookup(named.isEmpty() ? Verdict.ABSENT : Verdict.WRONG_KEY, Optional.empty());
    }
}
