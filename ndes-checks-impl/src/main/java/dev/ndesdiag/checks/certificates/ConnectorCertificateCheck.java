package dev.ndesdiag.checks.certificates;

import dev.ndesdiag.certificates.ExpiryHorizon;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.connector.ConnectorRegistry;
import dev.ndesdiag.iis.SslBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies which Intune Certificate Connector is installed and the health of its identity
 * certificate. The legacy "Microsoft Intune Connector" ({@code NDESConnector}) has been unsupported
 * since 6.2109.51.0. The "Certificate Connector for Microsoft Intune" ({@code PFXCertificateConnector})
 * authenticates to Intune with a certificate issued by "Microsoft Intune ImportPFX Connector CA",
 * named by {@code EncryptionCertThumbprint}; when it expires, uploads and the Certificate
 * Registration Point's answers fail (HTTP 403) until someone signs in to the connector again. On an
 * NDES server its SCEP feature must be enabled ({@code EnableSCEP} = 1): without it the policy module
 * is not installed, mscep.dll answers the bare URL with HTTP 200 ("Network Device Enrollment
 * Service" page) instead of 403, and challenges are never verified.
 */
public final class ConnectorCertificateCheck extends AbstractCheck {

    static final String INTUNE = "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune";
    static final String NEW = INTUNE + "\\PFXCertificateConnector";
    static final String LEGACY = INTUNE + "\\NDESConnector";
    private static final String SIGN_IN = "Open the connector's configuration (%ProgramFiles%\\Microsoft Intune\\"
            + "PFXCertificateConnector\\ConnectorUI\\PFXCertificateConnectorUI.exe, run as administrator) and Sign In "
            + "again: it enrols a new identity certificate. Then restart the connector services.";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ConnectorCertificateCheck() {
        super(CheckDescriptor.of("connector-certificate",
                        "The Intune Certificate Connector is the supported generation and its identity certificate is valid",
                        Category.CONNECTOR)
                .withSymptoms("HTTP 403 from the Certificate Registration Point", "certificate uploads to Intune fail")
                .requires(NdesInputs.INTUNE, NdesInputs.MY).uses(NdesInputs.CERTIFICATES)
                .withReferences("https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-overview"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Registry registry = context.get(NdesInputs.INTUNE);
        boolean hasNew = registry.key(NEW).isPresent();
        boolean hasLegacy = registry.key(LEGACY).isPresent();
        if (!hasNew && !hasLegacy) {
            return CheckResult.of(Finding.fail("CONNECTOR_NOT_INSTALLED", "Neither the Certificate Connector for "
                            + "Microsoft Intune nor the legacy Intune connector is configured on this server, so Intune "
                            + "cannot deliver SCEP challenges or certificates through it.")
                    .withEvidence("key", INTUNE)
                    .withRemediation("Install the Certificate Connector for Microsoft Intune (IntuneCertificateConnector.exe "
                            + "from the Intune admin center) and enable SCEP in its configuration."));
        }
        List<Finding> findings = new ArrayList<>();
        if (hasLegacy) {
            findings.add(Finding.warn("CONNECTOR_LEGACY", "The legacy Microsoft Intune Connector (NDESConnector) is "
                            + (hasNew ? "still registered beside the new connector" : "installed")
                            + " and is out of support: with the release of the Certificate Connector for Microsoft "
                            + "Intune 6.2109.51.0 the previous connectors are no longer supported, and past their grace "
                            + "period they can stop working at any time.")
                    .withEvidence("key", LEGACY)
                    .withRemediation("Uninstall the Microsoft Intune Connector and install the Certificate Connector for "
                            + "Microsoft Intune (IntuneCertificateConnector.exe), then configure SCEP in it."));
        }
        if (hasNew) {
            List<InputProblem> problems = context.problems(NdesInputs.INTUNE);
            findings.add(scepFeature(registry, problems));
            findings.addAll(identity(registry, problems, context.find(NdesInputs.CERTIFICATES).orElseThrow(), context.now()));
        }
        return CheckResult.of(findings);
    }

    /** The connector's SCEP feature, {@code EnableSCEP} (REG_DWORD or REG_SZ "1", as installers write it). */
    private static Finding scepFeature(Registry registry, List<InputProblem> problems) {
        Optional<InputProblem> broken = ConnectorRegistry.unreadable(registry, "", "EnableSCEP", problems);
        if (broken.isPresent()) {
            return broken.get().toFinding();
        }
        Optional<RegistryValue> value = registry.value(NEW, "EnableSCEP");
        if (value.isEmpty()) {
            return Finding.skipped("CONNECTOR_SCEP_FEATURE_UNKNOWN", NEW + "\\EnableSCEP is not in the bundle, so whether "
                    + "the connector's SCEP feature is enabled was not checked.")
                    .withRemediation("reg export \"" + INTUNE.replace("HKLM", "HKEY_LOCAL_MACHINE") + "\" registry\\intune.reg /y");
        }
        Optional<String> text = value.get().string().map(String::strip);
        boolean enabled = value.get().number().isPresent() ? value.get().number().getAsLong() == 1 : text.filter("1"::equals).isPresent();
        if (enabled) {
            return Finding.pass("CONNECTOR_SCEP_ENABLED", "The connector's SCEP feature is enabled (EnableSCEP = 1).");
        }
        return Finding.fail("CONNECTOR_SCEP_DISABLED", "The Certificate Connector for Microsoft Intune on this NDES server "
                        + "has its SCEP feature disabled (" + NEW + "\\EnableSCEP = " + value.get().display() + "): the NDES "
                        + "policy module is not installed, so mscep.dll answers the bare URL with HTTP 200 (the \"Network "
                        + "Device Enrollment Service\" page) instead of 403 and Intune SCEP challenges are never verified.")
                .withEvidence("key", NEW)
                .withEvidence("EnableSCEP", value.get().display())
                .withRemediation("Run the connector's configuration (PFXCertificateConnectorUI.exe, as administrator), "
                        + "select the SCEP feature on the Features page and finish the wizard; then iisreset. A PKCS-only "
                        + "connector belongs on a server without NDES.")
                .withReference("https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-install");
    }

    private static List<Finding> identity(Registry registry, List<InputProblem> problems, CertificateStores stores, Instant now) {
        Optional<InputProblem> broken = ConnectorRegistry.unreadable(registry, "", "EncryptionCertThumbprint", problems);
        if (broken.isPresent()) {
            return List.of(broken.get().toFinding());
        }
        Optional<String> tp = registry.value(NEW, "EncryptionCertThumbprint").flatMap(RegistryValue::string)
                .map(SslBinding::normaliseThumbprint).filter(t -> !t.isEmpty());
        if (tp.isEmpty()) {
            return List.of(Finding.fail("CONNECTOR_NOT_SIGNED_IN", "The Certificate Connector for Microsoft Intune has no "
                            + "identity certificate (" + NEW + "\\EncryptionCertThumbprint is empty): it never finished "
                            + "signing in to Intune.")
                    .withEvidence("key", NEW)
                    .withRemediation(SIGN_IN));
        }
        Optional<StoredCertificate> cert = stores.byThumbprint(tp.get());
        if (cert.isEmpty()) {
            return List.of(Finding.fail("CONNECTOR_CERT_MISSING", "The connector's identity certificate " + tp.get()
                            + " is not in the certificate stores of the bundle: the connector cannot authenticate to Intune.")
                    .withEvidence("thumbprint", tp.get())
                    .withRemediation(SIGN_IN));
        }
        StoredCertificate c = cert.get();
        ExpiryHorizon h = ExpiryHorizon.of(c.certificate(), now);
        long days = ExpiryHorizon.daysLeft(c.certificate(), now);
        String date = c.certificate().getNotAfter().toInstant().toString().substring(0, 10);
        String name = "The connector's identity certificate " + c.subject() + " (" + c.thumbprint() + ")";
        Finding f = switch (h) {
            case EXPIRED -> Finding.fail("CONNECTOR_CERT_EXPIRED", name + " expired on " + date + " (" + -days
                    + " days before collection): the connector cannot reach Intune, so the Certificate Registration "
                    + "Point answers HTTP 403 and uploads fail.").withRemediation(SIGN_IN);
            case NOT_YET_VALID -> Finding.fail("CONNECTOR_CERT_NOT_YET_VALID", name + " is not valid yet; check the clock.")
                    .withRemediation("Check the server's time (w32tm /query /status), then restart the connector services.");
            case WITHIN_14_DAYS -> Finding.warn("CONNECTOR_CERT_EXPIRING_URGENT", name + " expires in " + days
                    + " days, on " + date + ". Sign in again now.").withRemediation(SIGN_IN);
            case WITHIN_30_DAYS -> Finding.warn("CONNECTOR_CERT_EXPIRING_SOON", name + " expires in " + days
                    + " days, on " + date + ".").withRemediation(SIGN_IN);
            case WITHIN_60_DAYS -> Finding.pass("CONNECTOR_CERT_EXPIRING", name + " expires in " + days + " days, on "
                    + date + "; the connector renews it itself, check it did.");
            case VALID -> Finding.pass("CONNECTOR_CERT_VALID", name + " is valid until " + date + ".");
        };
        return List.of(f.withEvidence("thumbprint", c.thumbprint())
                .withEvidence("issuer", c.issuer())
                .withEvidence("notAfter", c.certificate().getNotAfter().toInstant().toString())
                .withEvidence("daysLeft", days));
    }
}
