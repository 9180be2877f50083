package dev.ndesdiag.checks.iis;

import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.iis.EffectiveConfiguration;
import dev.ndesdiag.iis.EffectiveSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the authentication of the legacy connector's Certificate Registration Point application
 * ({@code CertificateRegistrationSvc}): anonymous on and Windows authentication off, as effective
 * settings. With Windows authentication on, the policy module's calls are refused and NDES answers
 * HTTP 500 or 503. The Certificate Connector for Microsoft Intune has no such application; the
 * check is then skipped. Schema defaults (IIS configuration reference): both sections
 * {@code enabled="false"}, both locked ({@code overrideModeDefault="Deny"}), so a web.config cannot set them.
 */
public final class CrpAuthenticationCheck implements Check {

    static final String APPLICATION = "/CertificateRegistrationSvc";
    static final String ANONYMOUS = "system.webServer/security/authentication/anonymousAuthentication";
    static final String WINDOWS = "system.webServer/security/authentication/windowsAuthentication";

    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.of("crp-authentication",
                    "CertificateRegistrationSvc allows anonymous and not Windows authentication", Category.IIS)
            .withSymptoms("HTTP 500", "HTTP 503")
            .withReads(SnapshotPart.IIS_CONFIG)
            .withReferences("https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module");

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public CheckResult run(CheckContext context) {
        IisConfiguration iis = context.snapshot().iis().value().orElseThrow();
        Optional<IisSites.Site> site = IisSites.of(iis).stream()
                .filter(s -> s.applications().stream().anyMatch(a -> a.equalsIgnoreCase(APPLICATION))).findFirst();
        if (site.isEmpty()) {
            return CheckResult.skipped("CRP_NOT_INSTALLED", "No site has the " + APPLICATION.substring(1)
                    + " application: the Certificate Connector for Microsoft Intune does not install one, so there is "
                    + "nothing to check.");
        }
        String path = site.get().name() + APPLICATION;
        EffectiveConfiguration config = new EffectiveConfiguration(iis);
        EffectiveSection anonymous = config.section(ANONYMOUS, path);
        EffectiveSection windows = config.section(WINDOWS, path);
        boolean anonymousOn = anonymous.value("@enabled").map(Boolean::parseBoolean).orElse(false);
        boolean windowsOn = windows.value("@enabled").map(Boolean::parseBoolean).orElse(false);
        List<Finding> findings = new ArrayList<>();
        for (String note : concat(anonymous.notes(), windows.notes())) {
            findings.add(Finding.warn("WEB_CONFIG_SECTION_LOCKED", "IIS ignores a setting: " + note + ".")
                    .withEvidence("path", path)
                    .withRemediation("Set authentication in applicationHost.config (appcmd ... /commit:apphost)."));
        }
        if (windowsOn) {
            findings.add(Finding.fail("CRP_WINDOWS_AUTH_ENABLED", "Windows authentication is on for " + path + " (set in "
                            + windows.source("@enabled") + "): the policy module's calls to the Certificate Registration "
                            + "Point are refused and NDES answers HTTP 500 or 503.")
                    .withEvidence("path", path)
                    .withEvidence("setIn", windows.source("@enabled"))
                    .withRemediation("%windir%\\system32\\inetsrv\\appcmd.exe set config \"" + path + "\" -section:" + WINDOWS
                            + " /enabled:false /commit:apphost, then iisreset."));
        }
        if (!anonymousOn) {
            findings.add(Finding.fail("CRP_ANONYMOUS_DISABLED", "Anonymous authentication is off for " + path + " ("
                            + anonymous.source("@enabled") + "): the policy module cannot reach the Certificate Registration "
                            + "Point and NDES answers HTTP 500 or 503.")
                    .withEvidence("path", path)
                    .withEvidence("setIn", anonymous.source("@enabled"))
                    .withRemediation("%windir%\\system32\\inetsrv\\appcmd.exe set config \"" + path + "\" -section:" + ANONYMOUS
                            + " /enabled:true /commit:apphost, then iisreset."));
        }
        if (!windowsOn && anonymousOn) {
            findings.add(Finding.pass("CRP_AUTHENTICATION_OK", path + " allows anonymous and not Windows authentication.")
                    .withEvidence("path", path));
        }
        return CheckResult.of(findings);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
