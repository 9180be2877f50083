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
import dev.ndesdiag.api.value.Setting;
import dev.ndesdiag.api.value.Settings;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.iis.HttpSysSslBindings;
import dev.ndesdiag.iis.SslBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies that the Intune policy module's certificate ({@code MSCEP\Modules\NDESPolicy\NDESCertThumbprint})
 * is the certificate HTTP.sys serves on port 443, and that it is present, time-valid and fit: Client
 * and Server Authentication and the server's name. After the TLS certificate is renewed, the value
 * still names the old one; the policy module then fails to reach the Certificate Registration Point
 * and the SCEP pool answers HTTP 503.
 */
public final class NdesPolicySslBindingCheck extends AbstractCheck {

    static final String KEY = "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy";
    static final String VALUE = "NDESCertThumbprint";
    private static final String REFERENCE =
            "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module";

    private static final String RENEWAL = "Renew the certificate (Client and Server Authentication, CN and DNS SAN = "
            + "the NDES FQDN), bind the new one to HTTPS 443, run the Certificate Connector's configuration again choosing "
            + "it, restart the connector services and run iisreset.";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public NdesPolicySslBindingCheck() {
        super(CheckDescriptor.of("ndes-policy-ssl-binding",
                        "The NDES policy module's certificate is the HTTPS 443 certificate, and is valid and fit",
                        Category.CERTIFICATES)
                .withSymptoms("HTTP 503", "NDESPlugin.log stops at \"Sending request to certificate registration point\"")
                .requires(NdesInputs.MSCEP, NdesInputs.MY).uses(NdesInputs.CERTIFICATES).uses(HttpSysSslBindings.INPUTS)
                .withReferences(REFERENCE));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Registry registry = context.get(NdesInputs.MSCEP);
        CertificateStores stores = context.find(NdesInputs.CERTIFICATES).orElseThrow();
        Setting<String> thumbprint = Settings.thumbprint(registry.value(KEY, VALUE).flatMap(RegistryValue::string));
        if (thumbprint instanceof Setting.Rejected<String> r) {
            return CheckResult.of(Finding.fail("NDES_POLICY_THUMBPRINT_INVALID", KEY + "\\" + VALUE + " is \"" + r.raw()
                            + "\", which " + r.reason() + ": the policy module cannot find its client certificate and "
                            + "SCEP requests fail (HTTP 503).")
                    .withEvidence("key", KEY).withEvidence("value", VALUE).withEvidence("configured", r.raw())
                    .withRemediation(RENEWAL)
                    .withReference(REFERENCE));
        }
        if (!(thumbprint instanceof Setting.Valid<String> valid)) {
            return CheckResult.skipped("NDES_POLICY_THUMBPRINT_ABSENT", KEY + "\\" + VALUE + " is not set. The "
                    + "Certificate Connector for Microsoft Intune does not always write it, so there is nothing to compare.");
        }
        String tp = valid.value();
        List<Finding> findings = new ArrayList<>();
        Optional<List<SslBinding>> bindings = HttpSysSslBindings.of(context);
        Optional<SslBinding> https = bindings.flatMap(list -> HttpSysSslBindings.forIisBinding(list, "*", 443, "", false)
                .or(() -> list.stream().filter(b -> b.port() == 443).findFirst()));
        if (bindings.isEmpty()) {
            findings.add(Finding.skipped("HTTPS_BINDING_NOT_COLLECTED", "The bundle holds neither the SslBindingInfo "
                            + "registry key nor netsh http show sslcert, so the HTTPS certificate could not be compared.")
                    .withRemediation("reg export \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\" "
                            + "registry\\http-parameters.reg /y, or netsh http show sslcert > commands\\netsh-http-sslcert.txt"));
        } else if (https.isEmpty()) {
            findings.add(Finding.fail("HTTPS_443_NOT_BOUND", "HTTP.sys has no certificate bound to port 443, so the "
                            + "policy module's certificate " + tp + " cannot be the TLS certificate.")
                    .withEvidence("ndesCertThumbprint", tp)
                    .withRemediation("Bind the TLS certificate to HTTPS 443 of the SCEP site in IIS Manager."));
        } else if (!https.get().thumbprint().equals(tp)) {
            findings.add(Finding.fail("NDES_POLICY_THUMBPRINT_STALE", "The policy module uses certificate " + tp
                            + " but HTTPS 443 serves " + https.get().thumbprint() + ". This is the classic HTTP 503 after "
                            + "the TLS certificate was renewed: the policy module still presents the old certificate.")
                    .withEvidence("ndesCertThumbprint", tp)
                    .withEvidence("bound443Thumbprint", https.get().thumbprint())
                    .withEvidence("bindingSource", https.get().source())
                    .withRemediation("Run the Certificate Connector for Microsoft Intune's configuration again and choose the "
                            + "certificate bound to 443 (" + https.get().thumbprint() + ") as the client certificate, or "
                            + "set " + KEY + "\\" + VALUE + " to it; then restart the connector services and run iisreset.")
                    .withReference(REFERENCE));
        } else {
            findings.add(Finding.pass("NDES_POLICY_MATCHES_443", "The policy module's certificate " + tp
                    + " is the one HTTP.sys serves on port 443.").withEvidence("thumbprint", tp));
        }
        Optional<StoredCertificate> cert = stores.store("My").orElse(List.of()).stream()
                .filter(c -> c.thumbprint().equals(tp)).findFirst();
        if (cert.isEmpty()) {
            findings.add(Finding.fail("NDES_POLICY_CERT_MISSING", "The policy module's certificate " + tp
                            + " is not in LocalMachine\\My: the policy module cannot authenticate to Intune and "
                            + "the SCEP pool answers HTTP 503.")
                    .withEvidence("ndesCertThumbprint", tp)
                    .withRemediation("Import the certificate with its key into LocalMachine\\My, or reconfigure the "
                            + "connector with a current certificate (Client and Server Authentication, CN = the NDES FQDN)."));
            return CheckResult.of(findings);
        }
        findings.addAll(fitness(cert.get(), context));
        return CheckResult.of(findings);
    }

    private static List<Finding> fitness(StoredCertificate c, CheckContext context) {
        List<Finding> findings = new ArrayList<>(TlsCertificateFacts.validity("NDES_POLICY",
                "The policy module's certificate", c, context.now(),
                "the policy module cannot authenticate to the Certificate Registration Point and devices get HTTP 503",
                RENEWAL));
        findings.addAll(TlsCertificateFacts.privateKey("NDES_POLICY", "the policy module's certificate", c, RENEWAL));
        for (String[] eku : new String[][] {{CertificateNames.CLIENT_AUTH, "Client Authentication", "CLIENT_AUTH"},
            {CertificateNames.SERVER_AUTH, "Server Authentication", "SERVER_AUTH"}}) {
            if (!CertificateNames.allows(c.certificate(), eku[0])) {
                findings.add(TlsCertificateFacts.evidence(Finding.fail("NDES_POLICY_CERT_NO_" + eku[2],
                        "The policy module's certificate " + c.thumbprint() + " lacks the " + eku[1] + " EKU ("
                                + eku[0] + "); "
                                + (eku[2].equals("CLIENT_AUTH")
                                        ? "the Certificate Registration Point answers 403 to the policy module."
                                        : "it cannot serve HTTPS 443."))
                        .withRemediation("Issue a certificate with both Client and Server Authentication EKUs, CN and DNS "
                                + "SAN = the NDES FQDN, bind it to 443 and reconfigure the connector with it."), c));
            }
        }
        Optional<String> fqdn = context.manifest().host().fqdn();
        if (fqdn.isPresent() && !CertificateNames.matches(c.certificate(), fqdn.get())) {
            findings.add(TlsCertificateFacts.evidence(Finding.fail("NDES_POLICY_CERT_WRONG_NAME", "The policy module's "
                            + "certificate " + c.thumbprint() + " does not name the server " + fqdn.get() + " (names: "
                            + String.join(", ", CertificateNames.dnsNames(c.certificate())) + ").")
                    .withEvidence("host", fqdn.get())
                    .withRemediation("Issue it with CN and a DNS SAN equal to " + fqdn.get() + "."), c));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.pass("NDES_POLICY_CERT_FIT", "The policy module's certificate " + c.thumbprint()
                    + " is time-valid, has its key, Client and Server Authentication and the server's name.")
                    .withEvidence("thumbprint", c.thumbprint()));
        }
        return findings;
    }
}
