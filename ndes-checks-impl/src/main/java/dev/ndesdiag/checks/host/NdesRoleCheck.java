package dev.ndesdiag.checks.host;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.SystemInfo;
import dev.ndesdiag.api.value.Setting;
import dev.ndesdiag.api.value.Settings;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The NDES role service is installed (Windows feature {@code ADCS-Device-Enrollment}) and its
 * configuration finished: {@code HKLM\SOFTWARE\Microsoft\ADCS\NDES\ConfigurationStatus} is 2, as
 * the AD CS post-deployment configuration writes it when it completes (1 while installed but not
 * configured). Whether {@code mscep.dll} is where the application points is judged by
 * {@code scep-application}.
 */
public final class NdesRoleCheck extends AbstractCheck {

    static final String NDES_KEY = "HKLM\\SOFTWARE\\Microsoft\\ADCS\\NDES";
    static final String FEATURE = "ADCS-Device-Enrollment";
    static final long CONFIGURED = 2;
    static final String DOC = "https://learn.microsoft.com/en-us/mem/intune/protect/certificates-scep-configure";
    static final String INSTALL_DOC =
            "https://learn.microsoft.com/en-us/powershell/module/adcsdeployment/install-adcsnetworkdeviceenrollmentservice";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public NdesRoleCheck() {
        super(CheckDescriptor.of("ndes-role",
                        "The NDES role service (ADCS-Device-Enrollment) is installed and configured (ConfigurationStatus 2)",
                        Category.CONFIGURATION)
                .withSymptoms("HTTP 404 on /certsrv/mscep/mscep.dll", "NDES was installed but never configured")
                .requires(NdesInputs.ADCS)
                .uses(NdesInputs.SYSTEM)
                .withReferences(DOC, INSTALL_DOC));
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        findings.add(feature(context.find(NdesInputs.SYSTEM)));
        Registry adcs = context.get(NdesInputs.ADCS);
        Optional<RegistryKey> ndes = adcs.key(NDES_KEY);
        Setting<Long> status = Settings.registryDword(ndes, "ConfigurationStatus", context.problems(NdesInputs.ADCS));
        if (status instanceof Setting.Unreadable<Long> u) {
            findings.add(u.problem().toFinding());
        } else if (status instanceof Setting.Valid<Long> v && v.value() == CONFIGURED) {
            findings.add(Finding.pass("NDES_CONFIGURED", "ADCS\\NDES ConfigurationStatus is 2: the NDES configuration finished.")
                    .withEvidence("key", NDES_KEY));
        } else {
            String configured = status instanceof Setting.Valid<Long> v ? String.valueOf(v.value()) : ndes.isPresent() ? "absent" : "no key";
            findings.add(Finding.fail("NDES_NOT_CONFIGURED", "NDES is not configured (ADCS\\NDES ConfigurationStatus "
                            + configured + ", 2 when the configuration finished): IIS has no working SCEP application "
                            + "and devices get HTTP 404 or 500.")
                    .withEvidence("key", NDES_KEY).withEvidence("configured", configured).withEvidence("required", CONFIGURED)
                    .withRemediation("Server Manager > Notifications > Configure Active Directory Certificate Services on the "
                            + "destination server, or Install-AdcsNetworkDeviceEnrollmentService with the service account "
                            + "and the CA; then reboot.")
                    .withReference(INSTALL_DOC));
        }
        return CheckResult.of(findings);
    }

    private static Finding feature(Optional<SystemInfo> system) {
        if (system.isEmpty() || system.get().features().isEmpty()) {
            // every Windows Server has some feature installed: an empty list means the list was not collected
            return Finding.skipped("FEATURES_NOT_COLLECTED", "The installed Windows features were not collected, so whether "
                            + FEATURE + " is installed is unknown.")
                    .withRemediation("Get-WindowsFeature | Where-Object Installed | Select-Object -ExpandProperty Name "
                            + "(ndes-diag collect writes them to system.json)");
        }
        if (system.get().features().stream().noneMatch(FEATURE::equalsIgnoreCase)) {
            return Finding.fail("NDES_ROLE_NOT_INSTALLED", "The Windows feature " + FEATURE + " (Network Device Enrollment "
                            + "Service) is not installed.")
                    .withEvidence("features", String.join(", ", system.get().features()))
                    .withRemediation("Install-WindowsFeature " + FEATURE + " -IncludeManagementTools, then configure it.")
                    .withReference(DOC);
        }
        return Finding.pass("NDES_ROLE_INSTALLED", FEATURE + " is installed.");
    }
}
