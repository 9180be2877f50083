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
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.iis.HttpSysSslBindings;
import dev.ndesdiag.iis.IisSites;
import dev.ndesdiag.iis.SslBinding;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies the HTTPS 443 binding of the site hosting {@code CertSrv/mscep}: IIS has it, HTTP.sys
 * holds a certificate for it, and that certificate is in LocalMachine\My, time-valid, has its
 * private key, Server Authentication, and the server's internal name (and the external name of
 * {@code externalUrl}, unless an application proxy rewrites it). A name the certificate lacks is
 * WinHTTP error 12175 (CN invalid) in NDESPlugin.log.
 */
public final class HttpsBindingCertificateCheck extends AbstractCheck {

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
        Optional<IisSites.Site> site = IisSites.scepSite(context.get(NdesInputs.IIS));
        if (site.isEmpty()) {
            return CheckResult.skipped("SCEP_SITE_NOT_FOUND", "No site in applicationHost.config hosts "
                    + IisSites.SCEP_APPLICATION + ", so there is no binding to check (NDES is not installed in IIS).");
        }
        Optional<IisSites.Binding> https = site.get().https().stream().filter(b -> b.port() == 443).findFirst()
                .or(() -> site.get().https().stream().findFirst());
        if (https.isEmpty()) {
            return CheckResult.of(Finding.fail("HTTPS_BINDING_MISSING", "The site \"" + site.get().name() + "\" that hosts "
                            + IisSites.SCEP_APPLICATION + " has no HTTPS binding: the policy module and devices reach NDES "
                            + "over HTTPS 443.")
                    .withEvidence("site", site.get().name())
                    .withEvidence("bindings", site.get().bindings().stream().map(IisSites.Binding::display).toList())
                    .withRemediation("In IIS Manager > " + site.get().name() + " > Bindings, add https on port 443, IP "
                            + "address All Unassigned, with the server's TLS certificate."));
        }
        Optional<List<SslBinding>> httpSys = HttpSysSslBindings.of(context);
        if (httpSys.isEmpty()) {
            return CheckResult.missingInput(SnapshotPart.REGISTRY, "HTTP.sys's TLS bindings (SslBindingInfo)",
                    "reg export \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\" registry\\http-parameters.reg /y"
                            + " (or netsh http show sslcert > commands\\netsh-http-sslcert.txt)");
        }
        IisSites.Binding b = https.get();
        List<Finding> findings = new ArrayList<>();
        if (!b.ip().equals("*")) {
            findings.add(Finding.warn("HTTPS_BINDING_SPECIFIC_IP", "The HTTPS binding of \"" + site.get().name()
                            + "\" is on IP " + b.ip() + " rather than All Unassigned; the policy module's own calls to the "
                            + "server have been seen to fail with such a binding.")
                    .withEvidence("binding", b.display())
                    .withRemediation("Set the binding's IP address to All Unassigned (*) in IIS Manager."));
        }
        Optional<SslBinding> bound = HttpSysSslBindings.forIisBinding(httpSys.get(), b.ip(), b.port(), b.host(), b.sni());
        if (bound.isEmpty()) {
            findings.add(Finding.fail("HTTPS_BINDING_NO_CERTIFICATE", "IIS binds " + b.display() + " but HTTP.sys has no "
                            + "certificate for it, so the TLS handshake fails before IIS sees a request.")
                    .withEvidence("binding", b.display())
                    .withEvidence("httpSysEndpoints", httpSys.get().stream().map(SslBinding::endpoint).toList())
                    .withRemediation("Edit the binding in IIS Manager and select the TLS certificate again."));
            return CheckResult.of(findings);
        }
        CertificateStores stores = context.find(NdesInputs.CERTIFICATES).orElseThrow();
        String tp = bound.get().thumbprint();
        Optional<StoredCertificate> cert = stores.store(bound.get().store()).orElse(List.of()).stream()
                .filter(c -> c.thumbprint().equals(tp)).findFirst();
        if (cert.isEmpty()) {
            findings.add(Finding.fail("HTTPS_CERT_MISSING", "HTTP.sys serves certificate " + tp + " from store "
                            + bound.get().store() + " on " + bound.get().endpoint() + ", but that certificate is not in the "
                            + "store: TLS fails.")
                    .withEvidence("thumbprint", tp)
                    .withRemediation("Import the certificate with its key into LocalMachine\\My or bind another one."));
            return CheckResult.of(findings);
        }
        findings.addAll(fitness(cert.get(), context));
        return CheckResult.of(findings);
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
        if (external.isPresent() && !external.get().endsWith(".msappproxy.net")
                && !CertificateNames.matches(c.certificate(), external.get())) {
            findings.add(TlsCertificateFacts.evidence(Finding.warn("HTTPS_CERT_MISSING_EXTERNAL_NAME", "The HTTPS "
                            + "certificate " + c.thumbprint() + " does not name the external host " + external.get()
                            + "; devices reaching NDES by that name fail TLS unless a proxy in front presents its own certificate.")
                    .withEvidence("externalHost", external.get())
                    .withRemediation("Add " + external.get() + " as a DNS SAN, or terminate TLS for it on the proxy."), c));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.pass("HTTPS_CERT_FIT", "The HTTPS certificate " + c.thumbprint() + " is time-valid, has "
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
