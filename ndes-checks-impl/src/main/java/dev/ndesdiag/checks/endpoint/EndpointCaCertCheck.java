package dev.ndesdiag.checks.endpoint;

import dev.ndesdiag.certificates.ExpiryHorizon;
import dev.ndesdiag.certificates.Issuers;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.certificates.RaCertificate;
import dev.ndesdiag.certificates.RaRole;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.ScepRequest;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.endpoint.EndpointResponses;
import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Judges GetCACert: the PKCS#7 (read with Bouncy Castle) or single DER certificate must hold the CA certificate and both
 * RA certificates, found and judged as {@code ra-certificates} does (roles, validity, 60 / 30 / 14
 * day horizon), because that is what devices encrypt and verify with.
 */
public final class EndpointCaCertCheck extends AbstractCheck {

    static final Input<ProbeResponse> REQUEST = Inputs.probe(ScepRequest.GET_CA_CERT);

    /**
     * The certificates of a GetCACert answer: a degenerate PKCS#7 (application/x-x509-ca-ra-cert),
     * read with Bouncy Castle's CMS classes, or a single DER certificate (application/x-x509-ca-cert).
     */
    static List<X509Certificate> certificates(byte[] body) throws java.security.cert.CertificateException, CMSException {
        List<X509Certificate> certs = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try {
            for (X509CertificateHolder holder : new CMSSignedData(body).getCertificates().getMatches(null)) {
                certs.add(converter.getCertificate(holder));
            }
            return certs;
        } catch (CMSException e) {
            Certificate single = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(body));
            return List.of((X509Certificate) single);
        }
    }

    /**
     * Whether a certificate of the answer is a CA certificate: basicConstraints cA, or a version 1
     * certificate (which has no extensions at all, so no basicConstraints) that is self-issued or issued
     * another certificate of the answer.
     */
    static boolean isCa(X509Certificate c, List<X509Certificate> answer) {
        if (c.getBasicConstraints() >= 0) {
            return true;
        }
        return c.getVersion() == 1 && (c.getIssuerX500Principal().equals(c.getSubjectX500Principal())
                || answer.stream().anyMatch(o -> o != c && o.getIssuerX500Principal().equals(c.getSubjectX500Principal())));
    }

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public EndpointCaCertCheck() {
        super(CheckDescriptor.of("endpoint-getcacert",
                        "GetCACert returns the CA and both valid RA certificates", Category.ENDPOINT)
                .withSymptoms("devices cannot encrypt their request", "enrollment fails after an RA renewal")
                .requires(REQUEST));
    }

    /**
     * Whether an RA certificate of the answer chains to a CA certificate of the same answer, as a
     * device checks it: after a CA renewal with a new key, an RA certificate of the old key does not,
     * and Windows devices fail (events 32/307, CAPI2 0x800B0109).
     */
    private static Finding chainsInAnswer(RaRole role, RaCertificate ra, List<StoredCertificate> answer, Instant now) {
        List<StoredCertificate> cas = answer.stream().filter(c -> c.certificate().getBasicConstraints() >= 0).toList();
        Issuers.Lookup lookup = Issuers.of(ra.certificate(), new CertificateStores(java.util.Map.of("CA", cas)), now);
        String name = "GetCACert's " + role.displayName() + " certificate " + ra.thumbprint();
        if (lookup.verdict() == Issuers.Verdict.FOUND) {
            return Finding.pass("GETCACERT_RA_CHAINS", name + " chains to the CA certificate in the same answer ("
                    + lookup.issuer().orElseThrow().thumbprint() + ").").withEvidence("thumbprint", ra.thumbprint());
        }
        return Finding.fail("GETCACERT_RA_NOT_FROM_CA", name + " was not issued by the CA certificate GetCACert returns ("
                        + cas.stream().map(StoredCertificate::subject).distinct().reduce((a, b) -> a + ", " + b).orElse("")
                        + "): devices cannot chain the RA certificate to the CA they are given, and Windows devices fail "
                        + "(device events 32/307, CAPI2 0x800B0109). Typically the CA was renewed with a new key and the RA "
                        + "certificates still belong to the old one.")
                .withEvidence("role", role.displayName())
                .withEvidence("thumbprint", ra.thumbprint())
                .withEvidence("raIssuer", ra.stored().issuer())
                .withRemediation("Issue new RA certificates from the CA's current key on the NDES server (see "
                        + "ra-certificates for the steps), remove the old ones, then iisreset.");
    }

    @Override
    public CheckResult run(CheckContext context) throws Exception {
        ProbeResponse res = context.get(REQUEST);
        if (res.httpStatus().orElse(0) != 200 || res.body().isEmpty()) {
            return CheckResult.of(Finding.fail("GETCACERT_FAILED", "GetCACert answered " + EndpointResponses.describe(res)
                            + ": devices cannot get the CA and RA certificates.")
                    .withEvidence("url", res.url())
                    .withRemediation("Fix the bare URL first (see endpoint-mscep)."));
        }
        List<X509Certificate> certs;
        try {
            certs = certificates(res.body().get().toByteArray());
        } catch (java.security.cert.CertificateException | CMSException | RuntimeException e) {
            return CheckResult.of(Finding.fail("GETCACERT_UNREADABLE", "GetCACert's answer is neither a PKCS#7 nor a "
                            + "certificate: " + e.getMessage())
                    .withEvidence("url", res.url())
                    .withRemediation("Check what answers the URL: a proxy page instead of NDES?"));
        }
        List<StoredCertificate> stored = new ArrayList<>();
        for (X509Certificate c : certs) {
            stored.add(new StoredCertificate("GetCACert", res.url(), StoredCertificate.thumbprintOf(c), c, Optional.empty()));
        }
        List<Finding> findings = new ArrayList<>();
        boolean hasCa = certs.stream().anyMatch(c -> isCa(c, certs));
        findings.add(hasCa ? Finding.pass("GETCACERT_HAS_CA", "GetCACert holds the CA certificate.")
                : Finding.fail("GETCACERT_NO_CA", "GetCACert holds no CA certificate: devices cannot build the chain.")
                        .withEvidence("certificates", stored.stream().map(StoredCertificate::subject).toList())
                        .withRemediation("Put the issuing CA certificate in the NDES server's Intermediate store and iisreset."));
        List<RaCertificate> ras = new ArrayList<>();
        stored.forEach(s -> RaCertificate.classify(s, Optional.empty()).ifPresent(ras::add));
        Instant now = context.now();
        for (RaRole role : RaRole.values()) {
            List<RaCertificate> ofRole = ras.stream().filter(x -> x.roles().contains(role)).toList();
            if (ofRole.isEmpty()) {
                findings.add(Finding.fail("GETCACERT_RA_MISSING", "GetCACert holds no " + role.displayName()
                                + " certificate: NDES serves without it and devices fail.")
                        .withEvidence("role", role.displayName())
                        .withRemediation("Run ndes-diag check on a bundle of the server (ra-certificates) and renew or "
                                + "replace that RA certificate, then iisreset."));
                continue;
            }
            RaCertificate ra = RaCertificate.inUse(ofRole, now);
            ExpiryHorizon h = ExpiryHorizon.of(ra.certificate(), now);
            long days = ExpiryHorizon.daysLeft(ra.certificate(), now);
            String name = "GetCACert's " + role.displayName() + " certificate " + ra.thumbprint();
            Finding f = switch (h) {
                case EXPIRED, NOT_YET_VALID -> Finding.fail("GETCACERT_RA_INVALID", name + " is not time-valid (notAfter "
                        + ra.certificate().getNotAfter().toInstant() + "): devices' requests fail.")
                        .withRemediation("Renew it on the server (see ra-certificates), then iisreset.");
                case WITHIN_14_DAYS -> Finding.warn("GETCACERT_RA_EXPIRING_URGENT", name + " expires in " + days
                        + " days; renew it now.").withRemediation("Renew it on the server (see ra-certificates), then iisreset.");
                case WITHIN_30_DAYS -> Finding.warn("GETCACERT_RA_EXPIRING_SOON", name + " expires in " + days + " days.")
                        .withRemediation("Renew it on the server (see ra-certificates), then iisreset.");
                default -> Finding.pass("GETCACERT_RA_VALID", name + " is valid for " + days + " more days.");
            };
            findings.add(f.withEvidence("role", role.displayName()).withEvidence("thumbprint", ra.thumbprint())
                    .withEvidence("daysLeft", days));
            if (hasCa) {
                findings.add(chainsInAnswer(role, ra, stored, now));
            }
        }
        return CheckResult.of(findings);
    }
}
