package dev.ndesdiag.certificates;

import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A certificate of LocalMachine\My that NDES would take as one of its RA certificates, with the
 * roles it can play and how that was decided.
 *
 * <p>Found by what it is, not only by its template's name: the v1 template names
 * {@code EnrollmentAgentOffline} and {@code CEPEncryption} decide directly; otherwise a certificate
 * with the Certificate Request Agent EKU ({@code 1.3.6.1.4.1.311.20.2.1}) is a signing RA when its
 * key usage allows digital signature and an encryption RA when it allows key encipherment, which
 * finds RA certificates issued from custom (v2) templates too.
 *
 * @param stored the certificate
 * @param roles the roles it can play; never empty
 * @param template the template it was issued from, when the certificate says
 * @param identifiedBy how the roles were decided, for the evidence
 */
public record RaCertificate(StoredCertificate stored, Set<RaRole> roles, Optional<CertificateTemplate> template,
        String identifiedBy) {

    public static final String CERTIFICATE_REQUEST_AGENT = "1.3.6.1.4.1.311.20.2.1";
    public static final String MY = "My";

    public RaCertificate {
        roles = Set.copyOf(roles);
    }

    /**
     * The RA certificates of a snapshot's LocalMachine\My that NDES can see, in store order. Archived
     * certificates are left out: renewal archives the certificate it replaces, and CryptoAPI skips
     * archived certificates when NDES enumerates the store (ICertPropertyArchived,
     * https://learn.microsoft.com/windows/win32/api/certenroll/nn-certenroll-icertpropertyarchived).
     */
    public static List<RaCertificate> in(CertificateStores stores, Optional<Registry> registry) {
        return all(stores, registry).stream().filter(r -> !r.stored().archived()).toList();
    }

    /** The archived RA certificates of LocalMachine\My: leftovers of renewals, NDES ignores them. */
    public static List<RaCertificate> archivedIn(CertificateStores stores, Optional<Registry> registry) {
        return all(stores, registry).stream().filter(r -> r.stored().archived()).toList();
    }

    private static List<RaCertificate> all(CertificateStores stores, Optional<Registry> registry) {
        List<RaCertificate> result = new ArrayList<>();
        for (StoredCertificate c : stores.store(MY).orElse(List.of())) {
            classify(c, registry).ifPresent(result::add);
        }
        return result;
    }

    public static Optional<RaCertificate> classify(StoredCertificate c, Optional<Registry> registry) {
        X509Certificate x = c.certificate();
        Optional<CertificateTemplate> template = CertificateTemplate.of(x, registry);
        Optional<String> name = template.flatMap(CertificateTemplate::name).map(n -> n.toLowerCase(Locale.ROOT));
        for (RaRole role : RaRole.values()) {
            if (name.isPresent() && name.get().equals(role.templateName().toLowerCase(Locale.ROOT))) {
                return Optional.of(new RaCertificate(c, Set.of(role), template, "template " + role.templateName()));
            }
        }
        if (!hasRequestAgentEku(x)) {
            return Optional.empty();
        }
        boolean[] ku = x.getKeyUsage();
        Set<RaRole> roles = EnumSet.noneOf(RaRole.class);
        if (ku == null || ku[0]) {
            roles.add(RaRole.SIGNING);
        }
        if (ku == null || ku[2]) {
            roles.add(RaRole.ENCRYPTION);
        }
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RaCertificate(c, roles, template, "Certificate Request Agent EKU and key usage"));
    }

    private static boolean hasRequestAgentEku(X509Certificate x) {
        try {
            List<String> ekus = x.getExtendedKeyUsage();
            return ekus != null && ekus.contains(CERTIFICATE_REQUEST_AGENT);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** @return the certificate's thumbprint */
    public String thumbprint() {
        return stored.thumbprint();
    }

    /** @return the parsed certificate */
    public X509Certificate certificate() {
        return stored.certificate();
    }

    /** The certificate NDES would use: a time-valid one expiring last, else the one expiring last. */
    public static RaCertificate inUse(List<RaCertificate> candidates, Instant now) {
        Comparator<RaCertificate> byNotAfter = Comparator.comparing(r -> r.certificate().getNotAfter());
        return candidates.stream().filter(r -> ExpiryHorizon.of(r.certificate(), now).isTimeValid()).max(byNotAfter)
                .orElseGet(() -> candidates.stream().max(byNotAfter).orElseThrow());
    }
}
