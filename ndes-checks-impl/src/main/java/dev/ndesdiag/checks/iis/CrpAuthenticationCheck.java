package dev.ndesdiag.checks.iis;

import dev.ndesdiag.iis.IisSites;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.value.Setting;
import dev.ndesdiag.api.value.Settings;
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
public final class CrpAuthenticationCheck extends AbstractCheck {

    static final Input<IisConfiguration> IIS = Inputs.iisConfiguration();
    static final String APPLICATION = "/CertificateRegistrationSvc";
    static final String ANONYMOUS = "system.webServer/security/authentication/anonymousAuthentication";
    static final String WINDOWS = "system.webServer/security/authentication/windowsAuthentication";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public CrpAuthenticationCheck() {
        super(CheckDescriptor.of("crp-authentication",
                        "CertificateRegistrationSvc allows anonymous and not Windows authentication", Category.IIS)
                .withSymptoms("HTTP 500", "HTTP 503", "HTTP 500.19 on CertificateRegistrationSvc")
                .requires(IIS)
                .withReferences("https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        IisConfiguration iis = context.get(IIS);
        // without a readable applicationHost.config the input is absent or unreadable (IisConfigurationInput),
        // and the runner reports INPUT_MISSING or the file's problem before the check runs
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
        Setting<Boolean> anonymousSetting = Settings.iisBoolean(anonymous.value("@enabled"));
        Setting<Boolean> windowsSetting = Settings.iisBoolean(windows.value("@enabled"));
        List<Finding> findings = new ArrayList<>();
        String what = APPLICATION.substring(1) + " (the policy module's calls, so NDES answers HTTP 500 or 503)";
        findings.addAll(ConfigurationFaults.findings(anonymous, what));
        findings.addAll(ConfigurationFaults.findings(windows, what).stream()
                .filter(f -> !f.code().equals("WEB_CONFIG_MALFORMED")).toList()); // one malformed file, one finding
        unparsable(path, ANONYMOUS, anonymous, anonymousSetting).ifPresent(findings::add);
        unparsable(path, WINDOWS, windows, windowsSetting).ifPresent(findings::add);
        if (findings.stream().anyMatch(f -> f.code().equals("CRP_AUTHENTICATION_UNPARSABLE"))) {
            return CheckResult.of(findings);
        }
        boolean anonymousOn = anonymousSetting instanceof Setting.Valid<Boolean> a && a.value();
        boolean windowsOn = windowsSetting instanceof Setting.Valid<Boolean> w && w.value();
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
        if (!windowsOn && anonymousOn && anonymous.faults().isEmpty() && windows.faults().isEmpty()) {
            findings.add(Finding.pass("CRP_AUTHENTICATION_OK", path + " allows anonymous and not Windows authentication.")
                    .withEvidence("path", path));
        }
        return CheckResult.of(findings);
    }

    /** An {@code enabled} IIS cannot parse: IIS refuses the section for the path (HTTP 500.19). */
    private static Optional<Finding> unparsable(String path, String section, EffectiveSection effective, Setting<Boolean> s) {
        if (!(s instanceof Setting.Rejected<Boolean> r)) {
            return Optional.empty();
        }
        return Optional.of(Finding.fail("CRP_AUTHENTICATION_UNPARSABLE", section + " enabled=\"" + r.raw() + "\" at " + path
                        + " (" + effective.source("@enabled") + ") " + r.reason() + ": the Certificate Registration Point fails "
                        + "and NDES answers HTTP 500 or 503.")
                .withEvidence("path", path).withEvidence("section", section).withEvidence("configured", r.raw())
                .withEvidence("setIn", effective.source("@enabled"))
                .withRemediation("Write enabled=\"true\" or enabled=\"false\" in " + effective.source("@enabled")
                        + ", then iisreset.")
                .withReference("https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-error-500-19-webpage"));
    }
}
