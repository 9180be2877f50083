package dev.ndesdiag.checks.certificates;

import dev.ndesdiag.certificates.DistributionPoints;
import dev.ndesdiag.certificates.Issuers;
import dev.ndesdiag.certificates.RaCertificate;
import dev.ndesdiag.certificates.RaRole;
import dev.ndesdiag.certificates.Signatures;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.FetchOutcome;
import dev.ndesdiag.api.snapshot.FetchPurpose;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.iis.SslBinding;
import dev.ndesdiag.iis.ScepHttpsBinding;
import dev.ndesdiag.network.CertificateUrls;
import dev.ndesdiag.network.OcspRequests;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies, from what the NDES server itself fetched ({@code network/fetches.json}), that every CRL
 * distribution point of the certificates NDES and the connector use (the RA certificates, the SCEP
 * site's HTTPS certificate, the policy module's client certificate, the connector's identity
 * certificate) and of the CA certificates above them gave a CRL that parses, is signed by the
 * issuing CA and is not past its nextUpdate, that the delta CRL its Freshest CRL extension names is
 * current too, and that none of those certificates is revoked. Without a current base and delta
 * CRL, CryptoAPI reports revocation offline (0x80092013): NDES fails to start (HTTP 500) or the SCEP
 * pool fails (HTTP 503). A responder named in the certificate's AIA that answers "good" lets
 * revocation succeed over OCSP, which makes an unreachable CDP a warning.
 *
 * <p>Sources: Microsoft HTTP 503 cause 2 ("the URLs in the CRL are blocked or unreachable for the
 * certificates that are used by the Intune Certificate Connector"),
 * https://learn.microsoft.com/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes;
 * the chain engine's base and delta CRL and OCSP processing,
 * https://social.technet.microsoft.com/wiki/contents/articles/3147.pki-certificate-chaining-engine-cce.aspx.
 */
public final class CrlRetrievabilityCheck extends AbstractCheck {

    /** What one distribution point gave. */
    private enum UrlState { GOOD, FAILED, EXPIRED, NOT_FETCHED }

    private record UrlVerdict(String url, UrlState state, String detail, boolean revoked, Optional<X509CRL> crl) {

        UrlVerdict(String url, UrlState state, String detail, boolean revoked) {
            this(url, state, detail, revoked, Optional.empty());
        }
    }

    /** What the responders of a certificate's AIA answered for it. */
    private enum OcspState { GOOD, REVOKED, NONE }

    private static final String POLICY_KEY = "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy";
    private static final String CONNECTOR_KEY = "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public CrlRetrievabilityCheck() {
        super(CheckDescriptor.of("crl-retrievability",
                        "Every CRL the server needs was retrievable, valid and signed by its CA; nothing is revoked",
                        Category.CERTIFICATES)
                .withSymptoms("HTTP 500", "HTTP 503", "CAPI2 revocation errors")
                .requires(NdesInputs.CERTIFICATES, NdesInputs.FETCHES)
                .uses(NdesInputs.TEMPLATE_CACHE, NdesInputs.MSCEP, NdesInputs.INTUNE)
                // the SCEP site's HTTPS binding (ScepHttpsBinding), whose stores are required above
                .uses(NdesInputs.IIS, NdesInputs.HTTP_PARAMETERS, NdesInputs.NETSH_SSLCERT)
                .withReferences("https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/"
                        + "troubleshoot-scep-certificate-device-to-ndes#common-causes-for-an-application-pool-crash"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        CertificateStores stores = context.get(NdesInputs.CERTIFICATES);
        List<NetworkFetch> fetches = context.get(NdesInputs.FETCHES);
        Map<String, String> subjects = subjects(context, stores, context.now());
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, String> e : subjects.entrySet()) {
            StoredCertificate c = stores.byThumbprint(e.getKey()).orElseThrow();
            findings.add(judge(c, e.getValue(), stores, fetches, context.now()));
        }
        if (findings.isEmpty()) {
            return CheckResult.skipped("NO_CERTIFICATES_TO_CHECK", "The bundle holds no RA, HTTPS or CA certificate "
                    + "whose revocation NDES depends on.");
        }
        return CheckResult.of(findings);
    }

    /** The certificates whose revocation matters, by thumbprint, with what they are, chains included. */
    private static Map<String, String> subjects(CheckContext context, CertificateStores stores, Instant now) {
        Map<String, String> result = new LinkedHashMap<>();
        List<RaCertificate> ras = RaCertificate.in(stores, context.find(NdesInputs.TEMPLATE_CACHE));
        for (RaRole role : RaRole.values()) {
            List<RaCertificate> ofRole = ras.stream().filter(r -> r.roles().contains(role)).toList();
            if (!ofRole.isEmpty()) {
                result.putIfAbsent(RaCertificate.inUse(ofRole, now).thumbprint(), "the " + role.displayName() + " certificate");
            }
        }
        ScepHttpsBinding.of(context).certificate()
                .ifPresent(c -> result.putIfAbsent(c.thumbprint(), "the SCEP site's HTTPS certificate"));
        context.find(NdesInputs.MSCEP).flatMap(r -> r.value(POLICY_KEY, "NDESCertThumbprint")).flatMap(v -> v.string())
                .map(SslBinding::normaliseThumbprint).filter(tp -> stores.byThumbprint(tp).isPresent())
                .ifPresent(tp -> result.putIfAbsent(tp, "the policy module's client certificate"));
        context.find(NdesInputs.INTUNE).flatMap(r -> r.value(CONNECTOR_KEY, "EncryptionCertThumbprint")).flatMap(v -> v.string())
                .map(SslBinding::normaliseThumbprint).filter(tp -> stores.byThumbprint(tp).isPresent())
                .ifPresent(tp -> result.putIfAbsent(tp, "the connector's identity certificate"));
        for (String tp : List.copyOf(result.keySet())) {
            X509Certificate cert = stores.byThumbprint(tp).orElseThrow().certificate();
            for (int depth = 0; depth < 5; depth++) {
                Optional<StoredCertificate> issuer = Issuers.of(cert, stores, now).issuer();
                if (issuer.isEmpty() || Signatures.selfSigned(cert)) {
                    break;
                }
                if (!Signatures.selfSigned(issuer.get().certificate())) {
                    result.putIfAbsent(issuer.get().thumbprint(), "the CA certificate " + issuer.get().subject());
                }
                cert = issuer.get().certificate();
            }
        }
        return result;
    }

    private static Finding judge(StoredCertificate c, String what, CertificateStores stores, List<NetworkFetch> fetches,
            Instant now) {
        List<String> urls = DistributionPoints.urls(c.certificate());
        if (urls.isEmpty()) {
            return Finding.pass("NO_CDP", what + " (" + c.thumbprint() + ") names no CRL distribution point, so there is "
                    + "no CRL to fetch for it.").withEvidence("thumbprint", c.thumbprint());
        }
        Optional<X509Certificate> issuer = Issuers.of(c.certificate(), stores, now).issuer().map(StoredCertificate::certificate);
        List<UrlVerdict> verdicts = urls.stream()
                .map(u -> verdict(u, FetchPurpose.CRL, c.certificate(), issuer, fetches, now)).toList();
        List<UrlVerdict> deltas = deltaVerdicts(c.certificate(), verdicts, issuer, fetches, now);
        OcspState ocsp = ocsp(c.certificate(), issuer, fetches, now);
        String name = what + " " + c.subject() + " (" + c.thumbprint() + ")";
        boolean isCa = c.certificate().getBasicConstraints() >= 0;
        Finding f;
        long good = verdicts.stream().filter(v -> v.state() == UrlState.GOOD).count();
        long judged = verdicts.stream().filter(v -> v.state() != UrlState.NOT_FETCHED).count();
        boolean unchecked = judged < verdicts.size();
        boolean deltaBad = !deltas.isEmpty() && deltas.stream().noneMatch(v -> v.state() == UrlState.GOOD)
                && deltas.stream().anyMatch(v -> v.state() == UrlState.FAILED || v.state() == UrlState.EXPIRED);
        String ocspNote = " A responder in its AIA answers \"good\" over OCSP, which Windows tries first, so revocation "
                + "checks succeed as long as it answers.";
        if (verdicts.stream().anyMatch(UrlVerdict::revoked) || deltas.stream().anyMatch(UrlVerdict::revoked)
                || ocsp == OcspState.REVOKED) {
            f = Finding.fail("CERT_REVOKED", name + " is revoked by its issuer (" + (ocsp == OcspState.REVOKED
                            ? "OCSP" : deltas.stream().anyMatch(UrlVerdict::revoked) ? "delta CRL" : "CRL")
                            + "): NDES cannot use it and enrollments fail with HTTP 500.")
                    .withRemediation(isCa ? "Issue a new CA certificate and reissue the NDES certificates from it."
                            : "Replace it with a newly issued certificate (see ra-certificates for the certreq steps), then iisreset.");
        } else if (good > 0 && deltaBad) {
            f = ocsp == OcspState.GOOD
                    ? Finding.warn("DELTA_CRL_UNAVAILABLE", "The base CRL of " + name + " is current, but the delta CRL "
                                    + "it names (Freshest CRL) is unreachable or expired from the server." + ocspNote)
                            .withRemediation("Publish a new delta CRL on the issuing CA (certutil -crl delta) and make its "
                                    + "location reachable from the NDES server.")
                    : Finding.fail("DELTA_CRL_UNAVAILABLE", "The base CRL of " + name + " is current, but no delta CRL it "
                                    + "names (Freshest CRL) is reachable and current from the server: CryptoAPI reports "
                                    + "revocation offline (0x80092013), so NDES fails to start (HTTP 500) or the SCEP pool "
                                    + "fails (HTTP 503).")
                            .withRemediation("Publish a new delta CRL on the issuing CA (certutil -crl delta), copy it to "
                                    + "every delta location, and make those reachable from the NDES server (as SYSTEM); "
                                    + "then certutil -urlcache * delete and iisreset.");
        } else if (good > 0 && good < judged) {
            f = Finding.warn("CRL_URL_FAILING", "One or more CRL distribution points of " + name + " failed from the "
                            + "server, though another gave a valid CRL; clients trying the failing one first wait for its time-out.")
                    .withRemediation("Fix or remove the failing distribution point in the CA's CDP extension.");
        } else if (good > 0) {
            f = Finding.pass("CRL_OK", "Every CRL distribution point of " + name + " gave a valid CRL from the server"
                    + (deltas.isEmpty() ? "." : deltas.stream().anyMatch(v -> v.state() == UrlState.GOOD)
                            ? ", and its delta CRL is current." : "; its delta CRL was not fetched."));
        } else if (ocsp == OcspState.GOOD && judged > 0) {
            f = Finding.warn("CRL_UNAVAILABLE_OCSP_ANSWERS", "No CRL distribution point of " + name + " gave a valid CRL "
                            + "from the NDES server." + ocspNote + " If the responder fails, NDES fails to start (HTTP 500).")
                    .withRemediation("Make the CRL distribution points reachable from the NDES server (firewall, proxy, "
                            + "DNS), or publish a current CRL there.");
        } else if (verdicts.stream().allMatch(v -> v.state() == UrlState.NOT_FETCHED)) {
            f = Finding.skipped("CRL_NOT_FETCHED", "network/fetches.json does not say what the server got from the CRL "
                    + "distribution points of " + name + ".").withRemediation("Collect with: certutil -verify -urlfetch <certificate>, or ndes-diag collect.");
        } else if (unchecked && verdicts.stream().noneMatch(v -> v.state() == UrlState.EXPIRED)) {
            f = Finding.warn("CRL_URL_FAILING", "The CRL distribution points of " + name + " that the server fetched "
                            + "failed, and the others were not fetched (an ldap:/// CDP needs the server's domain "
                            + "credentials): revocation works only if those answer.")
                    .withRemediation("Check the unfetched ones on the NDES server: certutil -verify -urlfetch <certificate>; "
                            + "fix or remove the failing distribution point in the CA's CDP extension.");
        } else if (verdicts.stream().anyMatch(v -> v.state() == UrlState.EXPIRED)) {
            f = Finding.fail("CRL_EXPIRED", "The CRL for " + name + " is past its nextUpdate and no distribution point "
                            + "offers a newer one: revocation checks fail, NDES fails to start (HTTP 500) or the SCEP pool "
                            + "fails (HTTP 503)."
                            + (isCa ? " An expired CRL of an offline root also stops the issuing CA itself (Certificate "
                                    + "Services will not start)." : ""))
                    .withRemediation(isCa ? "Bring the root CA online, publish a new CRL (certutil -crl) and copy it to "
                            + "every CDP location; then restart Certificate Services on the issuing CA and iisreset on NDES."
                            : "Publish a new CRL on the issuing CA (certutil -crl) and check its CDP locations.");
        } else {
            f = Finding.fail("CRL_UNAVAILABLE", "No CRL distribution point of " + name + " gave a valid CRL from the "
                            + "NDES server: revocation checks fail, NDES fails to start (HTTP 500) or the SCEP pool fails (HTTP 503).")
                    .withRemediation("From the NDES server (as SYSTEM, with netsh winhttp show proxy), make each URL "
                            + "reachable: firewall, proxy, DNS; then certutil -urlcache * delete and iisreset.");
        }
        List<String> results = new ArrayList<>(verdicts.stream().map(CrlRetrievabilityCheck::describe).toList());
        deltas.forEach(v -> results.add("delta " + describe(v)));
        return f.withEvidence("thumbprint", c.thumbprint())
                .withEvidence("urls", urls)
                .withEvidence("results", results)
                .withEvidence("ocsp", ocsp.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static String describe(UrlVerdict v) {
        return v.url() + " -> " + v.state().name().toLowerCase(java.util.Locale.ROOT) + (v.detail().isEmpty() ? "" : " (" + v.detail() + ")");
    }

    /** The delta CRLs named by the good base CRLs' and the certificate's Freshest CRL extension. */
    private static List<UrlVerdict> deltaVerdicts(X509Certificate cert, List<UrlVerdict> base, Optional<X509Certificate> issuer,
            List<NetworkFetch> fetches, Instant now) {
        java.util.Set<String> urls = new java.util.LinkedHashSet<>(CertificateUrls.deltaUrls(cert));
        base.stream().filter(v -> v.state() == UrlState.GOOD).flatMap(v -> v.crl().stream())
                .forEach(crl -> urls.addAll(CertificateUrls.deltaUrls(crl)));
        return urls.stream().map(u -> verdict(u, FetchPurpose.DELTA_CRL, cert, issuer, fetches, now)).toList();
    }

    /** What the OCSP responders of the certificate's AIA answered, from the server's own fetches. */
    private static OcspState ocsp(X509Certificate cert, Optional<X509Certificate> issuer, List<NetworkFetch> fetches,
            Instant now) {
        if (issuer.isEmpty()) {
            return OcspState.NONE;
        }
        List<String> responders = CertificateUrls.responders(cert);
        OcspState state = OcspState.NONE;
        for (NetworkFetch f : fetches) {
            if (f.purpose().filter(FetchPurpose.OCSP::equals).isEmpty() || f.outcome() != FetchOutcome.OK
                    || f.body().isEmpty() || responders.stream().noneMatch(r -> f.url().regionMatches(true, 0, r, 0, r.length()))) {
                continue;
            }
            switch (OcspRequests.status(f.body().get().toByteArray(), cert, issuer.get(), now)) {
                case REVOKED -> {
                    return OcspState.REVOKED;
                }
                case GOOD -> state = OcspState.GOOD;
                default -> { }
            }
        }
        return state;
    }

    private static UrlVerdict verdict(String url, FetchPurpose purpose, X509Certificate cert, Optional<X509Certificate> issuer,
            List<NetworkFetch> fetches, Instant now) {
        Optional<NetworkFetch> fetch = fetches.stream().filter(f -> sameUrl(f.url(), url))
                .filter(f -> f.purpose().isEmpty() || f.purpose().get() == purpose
                        || f.purpose().get() == FetchPurpose.CRL || f.purpose().get() == FetchPurpose.DELTA_CRL)
                .findFirst();
        if (fetch.isEmpty()) {
            return new UrlVerdict(url, UrlState.NOT_FETCHED, "", false);
        }
        NetworkFetch f = fetch.get();
        if (f.outcome() == FetchOutcome.NOT_FETCHED) {
            // deliberately not fetched (an ldap:/// CDP needs the server's domain credentials): unknown, not failed
            return new UrlVerdict(url, UrlState.NOT_FETCHED, f.error().orElse(""), false);
        }
        if (f.outcome() != FetchOutcome.OK) {
            String detail = f.outcome().wireName() + f.httpStatus().stream().mapToObj(s -> " HTTP " + s).findFirst().orElse("")
                    + f.error().map(e -> ": " + e).orElse("");
            return new UrlVerdict(url, UrlState.FAILED, detail, false);
        }
        if (f.body().isEmpty()) {
            return new UrlVerdict(url, UrlState.FAILED, "fetched, but its file is not in the bundle", false);
        }
        X509CRL crl;
        try {
            crl = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(f.body().get().toByteArray()));
        } catch (CRLException | CertificateException | RuntimeException e) {
            return new UrlVerdict(url, UrlState.FAILED, "not a CRL: " + e.getMessage(), false);
        }
        if (issuer.isPresent()) {
            try {
                crl.verify(issuer.get().getPublicKey());
            } catch (GeneralSecurityException | RuntimeException e) {
                return new UrlVerdict(url, UrlState.FAILED, "not signed by " + issuer.get().getSubjectX500Principal().getName(), false);
            }
        }
        boolean revoked = crl.getRevokedCertificate(cert) != null;
        // time-valid from thisUpdate through nextUpdate: CertVerifyCRLTimeValidity answers "expired" only after nextUpdate
        // (https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certverifycrltimevalidity)
        if (crl.getNextUpdate() != null && now.isAfter(crl.getNextUpdate().toInstant())) {
            return new UrlVerdict(url, UrlState.EXPIRED, "nextUpdate " + crl.getNextUpdate().toInstant(), revoked);
        }
        if (now.isBefore(crl.getThisUpdate().toInstant())) {
            return new UrlVerdict(url, UrlState.FAILED, "thisUpdate " + crl.getThisUpdate().toInstant() + " is in the future", revoked);
        }
        return new UrlVerdict(url, UrlState.GOOD, issuer.isPresent() ? "" : "signature not checked: issuer not in the bundle",
                revoked, Optional.of(crl));
    }

    private static boolean sameUrl(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip())
                || a.strip().replace("%20", " ").equalsIgnoreCase(b.strip().replace("%20", " "));
    }
}
