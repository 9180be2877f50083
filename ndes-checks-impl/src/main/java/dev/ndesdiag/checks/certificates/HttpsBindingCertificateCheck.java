package dev.ndesdiag.checks.certificates;

import dev.ndesdiag.certificates.CertificateNames;
import dev.ndesdiag.certificates.TlsCertificateFacts;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.iis.HttpSysSslBindings;
import dev.ndesdiag.iis.IisSites;
import dev.ndesdiag.iis.ScepHttpsBinding;
import dev.ndesdiag.iis.SslBinding;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies the HTTPS binding of the site hosting {@code CertSrv/mscep} as HTTP.sys holds it
 * ({@link ScepHttpsBinding}: SNI, IP-specific, wildcard, Central Certificate Store, the store the
 * binding names such as {@code WebHosting}): IIS has it, HTTP.sys holds a certificate for it, and
 * that certificate is in its store, time-valid, has its private key, Server Authentication, and the
 * server's internal name. A name the certificate lacks is WinHTTP error 12175 (CN invalid) in
 * NDESPlugin.log. A certificate on the Central Certificate Store share or in a store the bundle does
 * not hold is not judged (SKIPPED); the external name is not judged either (an application proxy
 * in front presents its own certificate).
 */
public final class HttpsBindingCertificateCheck extends AbstractCheck {

    private static final String SCEP_CONFIGURE = "https://learn.microsoft.com/en-us/mem/intune/protect/certificates-scep-configure";
    private static final String RENEWAL = "Renew the TLS certificate (Server Authentication, DNS SANs for every name "
            + "NDES answers), bind the new one to HTTPS 443 in IIS Manager, and if the policy module uses the same "
            + "certificate run the connector's configuration again; then iisreset.";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public HttpsBindingCertificateCheck() {
        super(CheckDescriptor.of("https-binding-certificate",
                        "The SCEP site's HTTPS 443 binding has a valid, fitting certificate", Category.CERTIFICATES)
                .withSymptoms("TLS errors", "WinHTTP 12175 (CN invalid) in NDESPlugin.log", "HTTP 503")
                .requires(NdesInputs.IIS, NdesInputs.MY).uses(NdesInputs.CERTIFICATES).uses(HttpSysSslBindings.INPUTS));
    }

    @Override
    public CheckResult run(CheckContext context) {
        ScepHttpsBinding https = ScepHttpsBinding.of(context);
        IisSites.Site site;
        IisSites.Binding b;
        switch (https.state()) {
            case NO_SCEP_SITE, IIS_NOT_COLLECTED:
                return CheckResult.skipped("SCEP_SITE_NOT_FOUND", "No site in applicationHost.config hosts "
                        + IisSites.SCEP_APPLICATION + ", so there is no binding to check (NDES is not installed in IIS).");
            case NO_HTTPS_BINDING:
                site = https.site().orElseThrow();
                return CheckResult.of(Finding.fail("HTTPS_BINDING_MISSING", "The site \"" + site.name() + "\" that hosts "
                                + IisSites.SCEP_APPLICATION + " has no HTTPS binding: the policy module and devices reach NDES "
                                + "over HTTPS 443.")
                        .withEvidence("site", site.name())
                        .withEvidence("bindings", site.bindings().stream().map(IisSites.Binding::display).toList())
                        .withRemediation("In IIS Manager > " + site.name() + " > Bindings, add https on port 443, IP "
                                + "address All Unassigned, with the server's TLS certificate."));
            case HTTP_SYS_NOT_COLLECTED:
                return CheckResult.missingInput(SnapshotPart.REGISTRY, "HTTP.sys's TLS bindings (SslBindingInfo)",
                        "reg export \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\" registry\\http-parameters.reg /y"
                                + " (or netsh http show sslcert > commands\\netsh-http-sslcert.txt)");
            case NO_CERTIFICATE_BOUND:
                Optional<InputProblem> brokenHash = HttpSysSslBindings.unreadableHash(context);
                if (brokenHash.isPresent()) {
                    return CheckResult.of(brokenHash.get().toFinding());
                }
                b = https.iisBinding().orElseThrow();
                return CheckResult.of(Finding.fail("HTTPS_BINDING_NO_CERTIFICATE", "IIS binds " + b.display() + " but HTTP.sys "
                                + "has no certificate for it, so the TLS handshake fails before IIS sees a request.")
                        .withEvidence("binding", b.display())
                        .withEvidence("httpSysEndpoints", https.httpSysBindings().stream().map(SslBinding::endpoint).toList())
                        .withRemediation("Edit the binding in IIS Manager and select the TLS certificate again."));
            case CENTRAL_CERTIFICATE_STORE:
                b = https.iisBinding().orElseThrow();
                return CheckResult.of(Finding.skipped("HTTPS_CERT_ON_CENTRAL_STORE", "The HTTPS binding " + b.display()
                                + " uses the IIS Central Certificate Store: HTTP.sys loads the certificate from the share (one .pfx "
                                + "per host name), so the bundle cannot show it and it is not judged.")
                        .withEvidence("binding", b.display())
                        .withRemediation("Check the certificate for " + (b.host().isEmpty() ? "the server's name" : b.host())
                                + " on the Central Certificate Store share (IIS Manager > Centralized Certificates)."));
            case STORE_NOT_COLLECTED:
                SslBinding bound = https.httpSysBinding().orElseThrow();
                return CheckResult.of(Finding.skipped("HTTPS_CERT_STORE_NOT_COLLECTED", "HTTP.sys serves certificate "
                                + bound.thumbprint() + " on " + bound.endpoint() + " from the LocalMachine\\" + bound.store()
                                + " store, which the bundle does not hold, so the certificate is not judged.")
                        .withEvidence("thumbprint", bound.thumbprint()).withEvidence("store", bound.store())
                        .withRemediation("Collect the bundle again with ndes-diag collect (it exports LocalMachine\\WebHosting), "
                                + "or export that store's certificates to certs\\" + bound.store() + "\\ by hand."));
            case NOT_IN_STORE:
                SslBinding missing = https.httpSysBinding().orElseThrow();
                return CheckResult.of(Finding.fail("HTTPS_CERT_MISSING", "HTTP.sys serves certificate " + missing.thumbprint()
                                + " from store " + missing.store() + " on " + missing.endpoint() + ", but that certificate is "
                                + "not in the store: TLS fails.")
                        .withEvidence("thumbprint", missing.thumbprint()).withEvidence("store", missing.store())
                        .withRemediation("Import the certificate with its key into LocalMachine\\" + missing.store()
                                + " or bind another one."));
            default:
                break;
        }
        List<Finding> findings = fitness(https.certificate().orElseThrow(), context);
        return CheckResult.of(findings.stream().map(f -> f.withEvidence("binding", https.iisBinding().orElseThrow().display())
                .withEvidence("httpSysEndpoint", https.httpSysBinding().orElseThrow().endpoint())).toList());
    }

    private static List<Finding> fitness(StoredCertificate c, CheckContext context) {
        List<Finding> findings = new ArrayList<>(TlsCertificateFacts.validity("HTTPS", "The HTTPS certificate", c,
                context.now(), "TLS to NDES fails for the policy module, the connector and devices", RENEWAL));
        findings.addAll(TlsCertificateFacts.privateKey("HTTPS", "the HTTPS certificate", c, RENEWAL));
        if (!CertificateNames.allows(c.certificate(), CertificateNames.SERVER_AUTH)) {
            findings.add(TlsCertificateFacts.evidence(Finding.fail("HTTPS_CERT_NO_SERVER_AUTH", "The HTTPS certificate "
                            + c.thumbprint() + " lacks the Server Authentication EKU, so TLS clients refuse it.")
                    .withRemediation("Issue a certificate with Server Authentication for the server's names and bind it."), c));
        }
        Optional<String> fqdn = context.manifest().host().fqdn();
        if (fqdn.isPresent() && !CertificateNames.matches(c.certificate(), fqdn.get())) {
            findings.add(TlsCertificateFacts.evidence(Finding.fail("HTTPS_CERT_WRONG_NAME", "The HTTPS certificate "
                            + c.thumbprint() + " does not name " + fqdn.get() + ": the policy module's call to the "
                            + "Certificate Registration Point fails with WinHTTP 12175 (CN invalid) in NDESPlugin.log.")
                    .withEvidence("host", fqdn.get())
                    .withRemediation("Issue the certificate with a DNS SAN for " + fqdn.get()
                            + " (and for every name NDES is reached by), then bind it to 443."), c));
        }
        Optional<String> external = context.manifest().externalUrl().flatMap(HttpsBindingCertificateCheck::host);
        // *.msappproxy.net is Microsoft Entra application proxy's own domain: its certificate, never this server's
        if (external.isPresent() && !external.get().endsWith(".msappproxy.net")
                && !CertificateNames.matches(c.certificate(), external.get())) {
            // Behind Microsoft Entra application proxy (msappproxy.net or a custom domain) or any proxy that terminates
            // TLS, devices see the proxy's certificate and the proxy reaches NDES by its internal URL, so the external name
            // is not needed here (memdocs certificates-scep-configure.md, server authentication certificate). The bundle
            // cannot show what is in front, so this is not judged.
            findings.add(TlsCertificateFacts.evidence(Finding.skipped("HTTPS_CERT_EXTERNAL_NAME_NOT_JUDGED", "The HTTPS "
                            + "certificate " + c.thumbprint() + " does not name the external host " + external.get()
                            + ". That is right behind Microsoft Entra application proxy or another proxy that presents its own "
                            + "certificate; only devices reaching this server directly by that name would fail TLS.")
                    .withEvidence("externalHost", external.get())
                    .withRemediation("If devices reach this server directly as " + external.get() + ", add it as a DNS SAN; "
                            + "behind an application proxy nothing is needed.")
                    .withReference(SCEP_CONFIGURE), c));
        }
        if (findings.stream().allMatch(f -> f.status() == dev.ndesdiag.api.Status.SKIPPED)) {
            findings.add(0, Finding.pass("HTTPS_CERT_FIT", "The HTTPS certificate " + c.thumbprint() + " is time-valid, has "
                    + "its key, Server Authentication and the server's name.").withEvidence("thumbprint", c.thumbprint()));
        }
        return findings;
    }

    private static Optional<String> host(String url) {
        try {
            return Optional.ofNullable(URI.create(url.strip()).getHost()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
