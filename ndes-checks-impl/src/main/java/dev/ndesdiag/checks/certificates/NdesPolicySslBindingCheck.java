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
import dev.ndesdiag.api.value.Setting;
import dev.ndesdiag.api.value.Settings;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.iis.ScepHttpsBinding;
import dev.ndesdiag.iis.SslBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the Intune policy module's client certificate ({@code MSCEP\Modules\NDESPolicy\NDESCertThumbprint}):
 * present in LocalMachine\My and not archived, time-valid, with its key, the Client Authentication EKU
 * and the server's name. Microsoft documents two layouts, and both are healthy: one certificate for
 * both roles (then it needs Server Authentication too, since HTTP.sys serves it), or a separate
 * client-authentication certificate beside the server-authentication certificate of the SCEP site.
 * After a renewal the value still names the old certificate, which is archived, expires or is
 * deleted; the policy module then cannot authenticate to the Certificate Registration Point and
 * the SCEP pool answers HTTP 503.
 *
 * <p>Sources: "Configure infrastructure to support SCEP" (client and server authentication
 * certificates; "use the same certificate for server and client authentication" only when it meets
 * both), https://learn.microsoft.com/mem/intune/protect/certificates-scep-configure; HTTP 503 cause
 * 4 and its fix (renew, reinstall the connector, restart the connector and W3SVC),
 * https://learn.microsoft.com/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes#http-error-503.
 */
public final class NdesPolicySslBindingCheck extends AbstractCheck {

    static final String KEY = "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy";
    static final String VALUE = "NDESCertThumbprint";
    private static final String REFERENCE =
            "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module";
    private static final String CAUSE_4 = "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/"
            + "troubleshoot-scep-certificate-device-to-ndes#http-error-503";
    private static final String LAYOUTS = "https://learn.microsoft.com/en-us/mem/intune/protect/certificates-scep-configure";

    private static final String RENEWAL = "Renew the client authentication certificate as Microsoft documents it: "
            + "certlm.msc > Personal > the certificate > All Tasks > Renew Certificate with New Key (Client Authentication "
            + "EKU; Subject CN and DNS SAN = the NDES server's FQDN). Then reinstall the Certificate Connector for "
            + "Microsoft Intune so that it links the new certificate (the configuration wizard has no certificate page), "
            + "and restart the connector service and the World Wide Web Publishing Service (W3SVC).";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public NdesPolicySslBindingCheck() {
        super(CheckDescriptor.of("ndes-policy-ssl-binding",
                        "The NDES policy module's client certificate is present, valid and fit for its role",
                        Category.CERTIFICATES)
                .withSymptoms("HTTP 503", "NDESPlugin.log stops at \"Sending request to certificate registration point\"",
                        "Certificate Registration Point answers 403")
                .requires(NdesInputs.MSCEP, NdesInputs.MY).uses(ScepHttpsBinding.INPUTS)
                .withReferences(REFERENCE, CAUSE_4, LAYOUTS));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Registry registry = context.get(NdesInputs.MSCEP);
        CertificateStores stores = context.find(NdesInputs.CERTIFICATES).orElseThrow();
        Optional<InputProblem> broken = Settings.unreadable(registry.key(KEY), VALUE, context.problems(NdesInputs.MSCEP));
        if (broken.isPresent()) {
            return CheckResult.of(broken.get().toFinding());
        }
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
        ScepHttpsBinding binding = ScepHttpsBinding.of(context);
        Optional<StoredCertificate> cert = stores.store("My").orElse(List.of()).stream()
                .filter(c -> c.thumbprint().equals(tp)).findFirst();
        if (cert.isEmpty() && binding.state() == ScepHttpsBinding.State.STORE_NOT_COLLECTED
                && binding.httpSysBinding().filter(b -> b.thumbprint().equals(tp)).isPresent()) {
            return CheckResult.skipped("NDES_POLICY_CERT_STORE_NOT_COLLECTED", "The policy module's certificate " + tp
                    + " is the HTTPS certificate, which HTTP.sys takes from the " + binding.httpSysBinding().get().store()
                    + " store, and the bundle does not hold that store: " + binding.explanation());
        }
        if (cert.isEmpty()) {
            Optional<StoredCertificate> elsewhere = stores.byThumbprint(tp).filter(c -> !c.archived());
            if (elsewhere.isPresent()) {
                findings.add(TlsCertificateFacts.evidence(Finding.warn("NDES_POLICY_CERT_NOT_IN_MY", "The policy module's "
                                + "certificate " + tp + " is in the " + elsewhere.get().store() + " store, not in "
                                + "LocalMachine\\My, where Microsoft's procedures keep the client authentication "
                                + "certificate; whether the policy module finds it there is not documented.")
                        .withEvidence("store", elsewhere.get().store())
                        .withRemediation("Import the certificate with its key into LocalMachine\\My as well (certlm.msc > "
                                + "Personal > Import), then restart the connector service and W3SVC.")
                        .withReference(CAUSE_4), elsewhere.get()));
                cert = elsewhere;
            }
        }
        if (cert.isEmpty() || cert.get().archived()) {
            boolean archived = cert.isPresent();
            findings.add(Finding.fail(archived ? "NDES_POLICY_CERT_ARCHIVED" : "NDES_POLICY_CERT_MISSING",
                            "The policy module's certificate " + tp + (archived
                                    ? " was archived (a renewal replaced it), and Windows does not hand out archived "
                                            + "certificates"
                                    : " is not in LocalMachine\\My")
                            + ": the policy module cannot authenticate to the Certificate Registration Point and the "
                            + "SCEP pool answers HTTP 503.")
                    .withEvidence("ndesCertThumbprint", tp)
                    .withRemediation(RENEWAL)
                    .withReference(CAUSE_4));
            return CheckResult.of(findings);
        }
        Optional<List<String>> served = binding.state().unknown() ? Optional.empty()
                : Optional.of(binding.httpSysBinding().map(SslBinding::thumbprint).stream().toList());
        boolean servesHttps = served.map(l -> l.contains(tp)).orElse(false);
        findings.addAll(fitness(cert.get(), servesHttps, context));
        findings.add(layout(tp, served, binding));
        return CheckResult.of(findings);
    }

    private static Finding layout(String tp, Optional<List<String>> served, ScepHttpsBinding binding) {
        if (served.isEmpty()) {
            return Finding.skipped("HTTPS_BINDING_NOT_COLLECTED", "Whether the policy module's certificate is also the "
                            + "HTTPS certificate was not checked (either layout is fine): " + binding.explanation())
                    .withRemediation("reg export \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\" "
                            + "registry\\http-parameters.reg /y, or netsh http show sslcert > commands\\netsh-http-sslcert.txt");
        }
        if (served.get().contains(tp)) {
            return Finding.pass("NDES_POLICY_SAME_AS_HTTPS", "The policy module's certificate " + tp + " is also the "
                    + "certificate HTTP.sys serves for the SCEP site: one certificate in both roles.").withEvidence("thumbprint", tp);
        }
        return Finding.pass("NDES_POLICY_SEPARATE_CLIENT_CERT", "The policy module uses its own client authentication "
                        + "certificate " + tp + (served.get().isEmpty() ? "" : ", separate from the HTTPS certificate "
                        + String.join(", ", served.get())) + ": the two-certificate layout Microsoft documents.")
                .withEvidence("ndesCertThumbprint", tp)
                .withEvidence("httpsThumbprints", served.get())
                .withReference(LAYOUTS);
    }

    private static List<Finding> fitness(StoredCertificate c, boolean servesHttps, CheckContext context) {
        List<Finding> findings = new ArrayList<>(TlsCertificateFacts.validity("NDES_POLICY",
                "The policy module's certificate", c, context.now(),
                "the policy module cannot authenticate to the Certificate Registration Point and devices get HTTP 503",
                RENEWAL));
        findings.addAll(TlsCertificateFacts.privateKey("NDES_POLICY", "the policy module's certificate", c, RENEWAL));
        if (!CertificateNames.allows(c.certificate(), CertificateNames.CLIENT_AUTH)) {
            findings.add(TlsCertificateFacts.evidence(Finding.fail("NDES_POLICY_CERT_NO_CLIENT_AUTH",
                    "The policy module's certificate " + c.thumbprint() + " lacks the Client Authentication EKU ("
                            + CertificateNames.CLIENT_AUTH + "): the Certificate Registration Point answers 403 to the "
                            + "policy module's requests (logged in the IIS log) and enrolments fail.")
                    .withRemediation(RENEWAL).withReference(CAUSE_4), c));
        }
        if (servesHttps && !CertificateNames.allows(c.certificate(), CertificateNames.SERVER_AUTH)) {
            findings.add(TlsCertificateFacts.evidence(Finding.fail("NDES_POLICY_CERT_NO_SERVER_AUTH",
                    "The policy module's certificate " + c.thumbprint() + " is also the SCEP site's HTTPS certificate, "
                            + "but lacks the Server Authentication EKU (" + CertificateNames.SERVER_AUTH + "): one "
                            + "certificate may serve both roles only when it meets both sets of criteria.")
                    .withRemediation("Bind a server authentication certificate to the SCEP site's HTTPS binding, or "
                            + "issue one certificate with both EKUs (CN and DNS SAN = the NDES FQDN), bind it and link it: "
                            + RENEWAL)
                    .withReference(LAYOUTS), c));
        }
        Optional<String> fqdn = context.manifest().host().fqdn();
        if (fqdn.isPresent() && !CertificateNames.matches(c.certificate(), fqdn.get())) {
            findings.add(TlsCertificateFacts.evidence(Finding.fail("NDES_POLICY_CERT_WRONG_NAME", "The policy module's "
                            + "certificate " + c.thumbprint() + " does not name the server " + fqdn.get() + " (names: "
                            + String.join(", ", CertificateNames.dnsNames(c.certificate())) + ").")
                    .withEvidence("host", fqdn.get())
                    .withRemediation("Issue it with CN and a DNS SAN equal to " + fqdn.get() + ": " + RENEWAL), c));
        }
        if (findings.stream().noneMatch(f -> f.status() != dev.ndesdiag.api.Status.SKIPPED)) {
            findings.add(Finding.pass("NDES_POLICY_CERT_FIT", "The policy module's certificate " + c.thumbprint()
                    + " is time-valid, has Client Authentication" + (servesHttps ? " and Server Authentication" : "")
                    + " and the server's name.")
                    .withEvidence("thumbprint", c.thumbprint()));
        }
        return findings;
    }
}
