package dev.ndesdiag.checks.connector;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.SystemInfo;
import dev.ndesdiag.connector.ConfiguredServiceAccount;
import java.util.Optional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import dev.ndesdiag.inputs.NdesInputs;

/**
 * The connector's services must be present, running, start automatically and run under one account
 * (the connector's service account: SYSTEM or the account chosen at configuration). The services are
 * those of the Certificate Connector for Microsoft Intune ({@code PFXCertificateConnectorSvc},
 * {@code PKICertificateConnectorSvc}, {@code PkiCreateConnectorSvc}, {@code PkiRevokeConnectorSvc},
 * {@code PfxCreateLegacyConnectorSvc}); the legacy Microsoft Intune Connector's {@code NDESConnectorSvc}
 * is unsupported. Each service's account is compared with the one the connector was configured with
 * ({@code PFXCertificateConnector\CA*}: {@code UseSystemAccount} or {@code Username}, see
 * {@link ConfiguredServiceAccount}): a service changed by hand to another account lacks the rights
 * granted to the configured one.
 */
public final class ConnectorServicesCheck extends AbstractCheck {

    static final List<String> SERVICES = List.of("PFXCertificateConnectorSvc", "PKICertificateConnectorSvc",
            "PkiCreateConnectorSvc", "PkiRevokeConnectorSvc", "PfxCreateLegacyConnectorSvc");
    static final String LEGACY = "NDESConnectorSvc";
    static final String INSTALL = "https://learn.microsoft.com/en-us/intune/intune-service/protect/certificate-connector-install";
    /** Microsoft's Validate-NDESConfiguration.ps1, which reads the configured account from PFXCertificateConnector\CA*. */
    static final String VALIDATE_NDES = "https://github.com/markstan/Validate-NDESConfiguration";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ConnectorServicesCheck() {
        super(CheckDescriptor.of("connector-services",
                        "The connector's services are present, running, automatic and under one account", Category.CONNECTOR)
                .withSymptoms("devices get no SCEP certificate", "connector not reporting to Intune")
                .requires(NdesInputs.SYSTEM)
                .uses(NdesInputs.INTUNE)
                .withReferences(INSTALL, VALIDATE_NDES));
    }

    @Override
    public CheckResult run(CheckContext context) {
        SystemInfo system = context.get(NdesInputs.SYSTEM);
        List<SystemInfo.Service> present = new ArrayList<>();
        for (String name : SERVICES) {
            system.service(name).ifPresent(present::add);
        }
        List<Finding> findings = new ArrayList<>();
        system.service(LEGACY).ifPresent(l -> findings.add(Finding.warn("CONNECTOR_LEGACY_SERVICE", "The legacy Microsoft Intune "
                        + "Connector's service NDESConnectorSvc is still installed (" + l.status() + "); it is unsupported and "
                        + "competes with the current connector for the NDES policy module.")
                .withEvidence("service", LEGACY).withEvidence("status", l.status())
                .withRemediation("Uninstall the Microsoft Intune Connector (Programs and Features) once the Certificate Connector "
                        + "for Microsoft Intune is configured.")));
        if (present.isEmpty()) {
            findings.add(Finding.fail("CONNECTOR_SERVICES_ABSENT", "None of the Certificate Connector's services is installed ("
                            + String.join(", ", SERVICES) + "): nothing hands Intune's SCEP requests to this server.")
                    .withEvidence("servicesCollected", system.services().size())
                    .withRemediation("Install and configure the Certificate Connector for Microsoft Intune with the SCEP feature.")
                    .withReference(INSTALL));
            return CheckResult.of(findings);
        }
        Set<String> accounts = new LinkedHashSet<>();
        for (SystemInfo.Service s : present) {
            s.account().map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).ifPresent(accounts::add);
            if (!s.status().equalsIgnoreCase("Running")) {
                findings.add(Finding.fail("CONNECTOR_SERVICE_NOT_RUNNING", s.name() + " is " + s.status() + ": the connector does "
                                + "not process the requests of its feature.")
                        .withEvidence("service", s.name()).withEvidence("status", s.status())
                        .withEvidence("account", s.account().orElse(""))
                        .withRemediation("Start-Service " + s.name() + "; if it stops again, read the connector's Admin and "
                                + "Operational logs (Microsoft > Intune > Certificate Connectors) and the System log for its logon.")
                        .withReference(INSTALL));
            } else if (s.startType().filter(t -> !t.equalsIgnoreCase("Automatic")).isPresent()) {
                findings.add(Finding.warn("CONNECTOR_SERVICE_NOT_AUTOMATIC", s.name() + " starts " + s.startType().get()
                                + ": after the next restart it will not run.")
                        .withEvidence("service", s.name()).withEvidence("startType", s.startType().get())
                        .withRemediation("Set-Service " + s.name() + " -StartupType Automatic"));
            } else {
                findings.add(Finding.pass("CONNECTOR_SERVICE_RUNNING", s.name() + " runs" + s.account().map(a -> " as " + a).orElse("")
                        + ".").withEvidence("service", s.name()));
            }
        }
        if (accounts.size() > 1) {
            findings.add(Finding.warn("CONNECTOR_SERVICE_ACCOUNTS_DIFFER", "The connector's services run under different accounts ("
                            + String.join(", ", accounts) + "); the connector configures them all with its one service account, "
                            + "so one was changed by hand and may lack the account's rights on the CA and templates.")
                    .withEvidence("accounts", String.join(", ", accounts))
                    .withRemediation("Run the connector's configuration again and set the service account there, not in services.msc."));
        }
        findings.addAll(configured(present, context.find(NdesInputs.INTUNE), context.problems(NdesInputs.INTUNE)));
        return CheckResult.of(findings);
    }

    /** Compares each service's account with the one the connector's configuration recorded. */
    static List<Finding> configured(List<SystemInfo.Service> present, Optional<Registry> intune, List<InputProblem> problems) {
        Optional<InputProblem> broken = intune.flatMap(r -> ConfiguredServiceAccount.unreadable(r, problems));
        if (broken.isPresent()) {
            return List.of(broken.get().toFinding());
        }
        List<ConfiguredServiceAccount> recorded = intune.map(ConfiguredServiceAccount::read).orElse(List.of());
        if (recorded.size() != 1) {
            String why = intune.isEmpty() ? "registry/intune.reg was not collected"
                    : recorded.isEmpty() ? "PFXCertificateConnector has no CA* key with UseSystemAccount or Username"
                    : "its CA* keys record different accounts (" + String.join(", ",
                            recorded.stream().map(ConfiguredServiceAccount::words).toList()) + ")";
            return List.of(Finding.skipped("CONNECTOR_CONFIGURED_ACCOUNT_UNKNOWN", "The account the connector was configured "
                            + "with is unknown (" + why + "), so the services' accounts are not compared with it.")
                    .withEvidence("file", "registry/intune.reg")
                    .withRemediation("reg export HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune registry\\intune.reg /y"));
        }
        ConfiguredServiceAccount want = recorded.get(0);
        List<Finding> findings = new ArrayList<>();
        List<String> same = new ArrayList<>();
        for (SystemInfo.Service s : present) {
            Optional<String> account = s.account().map(String::strip).filter(a -> !a.isEmpty());
            if (account.isEmpty()) {
                continue;
            }
            switch (want.compare(account.get())) {
                case SAME -> same.add(s.name());
                case DIFFERENT -> findings.add(Finding.warn("CONNECTOR_SERVICE_NOT_CONFIGURED_ACCOUNT", s.name() + " runs as "
                                + account.get() + ", but the connector was configured with " + want.words() + ". The rights "
                                + "the connector needs (Read and Enroll on the templates, the CA's permissions, Log on as a "
                                + "service) were set up for " + want.words() + "; requests this service handles can fail "
                                + "with access denied.")
                        .withEvidence("service", s.name()).withEvidence("account", account.get())
                        .withEvidence("configured", want.words()).withEvidence("key", want.key())
                        .withRemediation("Run the Certificate Connector for Microsoft Intune wizard again and choose the "
                                + "account on its Service Account page, rather than changing the service's Log On in "
                                + "services.msc.")
                        .withReference(INSTALL));
                default -> findings.add(Finding.skipped("CONNECTOR_ACCOUNT_NOT_COMPARABLE", s.name() + " runs as "
                                + account.get() + " and the connector was configured with " + want.words()
                                + "; one is a UPN and the other a DOMAIN\\name, which the bundle cannot match.")
                        .withEvidence("service", s.name()).withEvidence("configured", want.words()));
            }
        }
        if (!same.isEmpty() && findings.stream().noneMatch(f -> f.code().equals("CONNECTOR_SERVICE_NOT_CONFIGURED_ACCOUNT"))) {
            findings.add(Finding.pass("CONNECTOR_SERVICES_CONFIGURED_ACCOUNT", String.join(", ", same) + " run as "
                    + want.words() + ", the account the connector was configured with.")
                    .withEvidence("configured", want.words()).withEvidence("key", want.key()));
        }
        return findings;
    }
}
