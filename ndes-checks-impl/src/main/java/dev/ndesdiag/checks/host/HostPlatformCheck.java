package dev.ndesdiag.checks.host;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.SystemInfo;
import dev.ndesdiag.host.HostState;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.mscep.MscepRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The platform NDES and the Intune Certificate Connector are supported on: Windows Server 2012 R2
 * (build 9600) or later, a server (ProductType {@code ServerNT}) with Desktop Experience
 * (InstallationType {@code Server}, not {@code Server Core}: the connector's sign-in wizard needs
 * it), joined to a domain, not a domain controller, and not the issuing CA itself (Intune does not
 * support NDES on the server that runs the Enterprise CA).
 */
public final class HostPlatformCheck extends AbstractCheck {

    static final int WINDOWS_2012_R2 = 9600;
    static final String SCEP_DOC = "https://learn.microsoft.com/en-us/mem/intune/protect/certificates-scep-configure";
    static final String CONNECTOR_DOC = "https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-prerequisites";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public HostPlatformCheck() {
        super(CheckDescriptor.of("host-platform",
                        "The server is Windows Server 2012 R2 or later with Desktop Experience, domain-joined, not a DC and not the CA",
                        Category.CONFIGURATION)
                .withSymptoms("connector setup fails", "connector sign-in page does not open", "unsupported NDES server")
                .requires(NdesInputs.HOST_STATE)
                .uses(NdesInputs.SYSTEM, NdesInputs.MSCEP)
                .withReferences(SCEP_DOC, CONNECTOR_DOC));
    }

    @Override
    public CheckResult run(CheckContext context) {
        HostState.Reading reading = HostState.reading(context.get(NdesInputs.HOST_STATE));
        if (reading.unreadable().isPresent()) {
            return reading.unreadable().get();
        }
        HostState state = reading.state().orElseThrow();
        Manifest.Host host = context.manifest().host();
        List<Finding> findings = new ArrayList<>();
        findings.add(version(state, host));
        findings.add(sku(state));
        findings.add(desktop(state));
        findings.add(domain(state));
        findings.add(certificateAuthority(host, context.find(NdesInputs.SYSTEM), context.find(NdesInputs.MSCEP),
                context.problems(NdesInputs.MSCEP)));
        return CheckResult.of(findings);
    }

    private static Finding version(HostState state, Manifest.Host host) {
        OptionalInt build = state.currentBuild();
        if (build.isEmpty()) {
            build = host.osVersion().map(HostPlatformCheck::buildOf).orElse(OptionalInt.empty());
        }
        if (build.isEmpty()) {
            return Finding.skipped("OS_VERSION_UNKNOWN", "Neither host-state nor the manifest gives the Windows build.")
                    .withRemediation("Collect commands/host-state.txt (ndes-diag collect).");
        }
        int b = build.getAsInt();
        if (b < WINDOWS_2012_R2) {
            return Finding.fail("OS_TOO_OLD", "Windows build " + b + " is older than Windows Server 2012 R2 (build 9600), "
                            + "the oldest release Intune supports for NDES and the Certificate Connector.")
                    .withEvidence("build", b).withEvidence("os", host.os().orElse("unknown"))
                    .withRemediation("Move NDES to a supported Windows Server (2016 or later is advisable; 2012 R2 is out of support).")
                    .withReference(SCEP_DOC);
        }
        return Finding.pass("OS_SUPPORTED", "Windows build " + b + " is Windows Server 2012 R2 or later.")
                .withEvidence("build", b);
    }

    private static OptionalInt buildOf(String osVersion) {
        String[] parts = osVersion.split("\\.");
        try {
            if (parts.length >= 3) {
                return OptionalInt.of(Integer.parseInt(parts[2]));
            }
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }

    private static Finding sku(HostState state) {
        Optional<String> type = state.productType();
        boolean dcRole = state.domainRole().isPresent() && state.domainRole().getAsInt() >= 4;
        if (type.isEmpty() && state.domainRole().isEmpty()) {
            return Finding.skipped("PRODUCT_TYPE_UNKNOWN", "host-state has neither ProductType nor DomainRole.")
                    .withRemediation("Collect commands/host-state.txt (ndes-diag collect).");
        }
        String t = type.orElse("").toLowerCase(Locale.ROOT);
        if (t.equals("lanmannt") || dcRole) {
            return Finding.fail("DOMAIN_CONTROLLER", "This server is a domain controller (ProductType " + type.orElse("?")
                            + ", DomainRole " + state.domainRole().orElse(-1) + "): NDES needs the local IIS_IUSRS and "
                            + "Administrators groups and a service account that is not a DC's; it is not supported here.")
                    .withEvidence("productType", type.orElse("unknown")).withEvidence("domainRole", state.domainRole().orElse(-1))
                    .withRemediation("Install NDES and the connector on a member server.")
                    .withReference(SCEP_DOC);
        }
        if (t.equals("winnt")) {
            return Finding.fail("NOT_A_SERVER", "This is a workstation edition of Windows (ProductType WinNT): NDES is a "
                            + "Windows Server role.")
                    .withEvidence("productType", type.get())
                    .withRemediation("Run NDES on Windows Server 2012 R2 or later.")
                    .withReference(SCEP_DOC);
        }
        return Finding.pass("SERVER_MEMBER", "A server edition that is not a domain controller (ProductType "
                + type.orElse("unknown") + ").").withEvidence("productType", type.orElse("unknown"));
    }

    private static Finding desktop(HostState state) {
        Optional<String> type = state.installationType();
        if (type.isEmpty()) {
            return Finding.skipped("INSTALLATION_TYPE_UNKNOWN", "host-state has no InstallationType.")
                    .withRemediation("Collect commands/host-state.txt (ndes-diag collect).");
        }
        if (type.get().equalsIgnoreCase("Server Core")) {
            return Finding.fail("SERVER_CORE", "This is Server Core (InstallationType \"" + type.get() + "\"): the "
                            + "Certificate Connector for Microsoft Intune needs Desktop Experience for its configuration "
                            + "wizard and the Microsoft Entra sign-in, so it cannot be set up or re-signed in here.")
                    .withEvidence("installationType", type.get())
                    .withRemediation("Use Windows Server with Desktop Experience for the NDES and connector server "
                            + "(Server Core cannot be converted; reinstall).")
                    .withReference(CONNECTOR_DOC);
        }
        if (!type.get().equalsIgnoreCase("Server")) {
            return Finding.fail("NOT_SERVER_INSTALLATION", "InstallationType is \"" + type.get() + "\", not \"Server\": "
                            + "NDES and the connector need Windows Server with Desktop Experience.")
                    .withEvidence("installationType", type.get())
                    .withRemediation("Use Windows Server with Desktop Experience.")
                    .withReference(CONNECTOR_DOC);
        }
        return Finding.pass("DESKTOP_EXPERIENCE", "Windows Server with Desktop Experience (InstallationType Server).")
                .withEvidence("installationType", type.get());
    }

    private static Finding domain(HostState state) {
        if (state.partOfDomain().isEmpty()) {
            return Finding.skipped("DOMAIN_MEMBERSHIP_UNKNOWN", "host-state does not say whether the server is domain-joined.")
                    .withRemediation("Collect commands/host-state.txt (ndes-diag collect).");
        }
        if (!state.partOfDomain().get()) {
            return Finding.fail("NOT_DOMAIN_JOINED", "The server is not joined to a domain (workgroup \""
                            + state.domain().orElse("?") + "\"): NDES submits to an Enterprise CA as a domain account and "
                            + "Intune requires the NDES server to be domain-joined.")
                    .withEvidence("partOfDomain", false).withEvidence("domain", state.domain().orElse("unknown"))
                    .withRemediation("Join the server to the domain of the CA, then reconfigure NDES.")
                    .withReference(SCEP_DOC);
        }
        return Finding.pass("DOMAIN_JOINED", "Joined to " + state.domain().orElse("a domain") + ".")
                .withEvidence("domain", state.domain().orElse("unknown"));
    }

    private static Finding certificateAuthority(Manifest.Host host, Optional<SystemInfo> system, Optional<Registry> mscep,
            List<InputProblem> problems) {
        Optional<SystemInfo.Service> certSvc = system.flatMap(s -> s.service("CertSvc"));
        if (certSvc.isPresent()) {
            return Finding.fail("CA_ON_NDES_SERVER", "Active Directory Certificate Services (CertSvc, " + certSvc.get().status()
                            + ") is installed on this server: Intune does not support NDES on the server that runs the CA.")
                    .withEvidence("service", "CertSvc").withEvidence("status", certSvc.get().status())
                    .withRemediation("Run NDES on its own member server and point it at the CA.")
                    .withReference(SCEP_DOC);
        }
        Optional<String> caHost = mscep.flatMap(MscepRegistry::caConfig).map(c -> c.split("\\\\", 2)[0].strip());
        Optional<InputProblem> brokenCa = caHost.isEmpty() ? mscep.flatMap(r -> MscepRegistry.caConfigUnreadable(r, problems))
                : Optional.empty();
        if (brokenCa.isPresent()) {
            // the unreadable CAInfo may name this server: neither NDES_SUBMITS_TO_ITSELF nor NOT_THE_CA is known
            return brokenCa.get().toFinding();
        }
        if (caHost.isPresent() && names(host).stream().anyMatch(n -> n.equalsIgnoreCase(caHost.get())
                || caHost.get().toLowerCase(Locale.ROOT).startsWith(n.toLowerCase(Locale.ROOT) + "."))) {
            return Finding.fail("NDES_SUBMITS_TO_ITSELF", "MSCEP\\CAInfo names this server (" + caHost.get()
                            + ") as the CA: Intune does not support NDES on the CA's server.")
                    .withEvidence("caHost", caHost.get())
                    .withRemediation("Run NDES on its own member server and point it at the CA.")
                    .withReference(SCEP_DOC);
        }
        if (system.isEmpty() && caHost.isEmpty()) {
            return Finding.skipped("CA_PRESENCE_UNKNOWN", "Neither system.json nor MSCEP\\CAInfo was collected, so whether "
                    + "this server is the CA is unknown.").withRemediation("Collect system.json and registry/mscep.reg.");
        }
        return Finding.pass("NOT_THE_CA", "No CertSvc service here" + caHost.map(h -> " and NDES submits to " + h).orElse("") + ".");
    }

    private static List<String> names(Manifest.Host host) {
        List<String> names = new ArrayList<>();
        host.fqdn().ifPresent(names::add);
        host.computerName().ifPresent(names::add);
        return names;
    }
}
