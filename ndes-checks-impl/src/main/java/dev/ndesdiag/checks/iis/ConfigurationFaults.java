package dev.ndesdiag.checks.iis;

import dev.ndesdiag.api.Finding;
import dev.ndesdiag.iis.ConfigurationFault;
import dev.ndesdiag.iis.EffectiveSection;
import java.util.List;

/**
 * Turns the configuration faults along a path into FAIL findings: IIS answers HTTP 500.19 for
 * every request there, whatever the values say, so the application is down.
 */
final class ConfigurationFaults {

    /** The 500.19 article: 0x80070021 (locked section) and 0x8007000d (malformed XML), with their fixes. */
    static final String HTTP_500_19 =
            "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-error-500-19-webpage";
    /** How IIS merges configuration per path, and how sections are locked (overrideMode, overrideModeDefault). */
    static final String CONFIGURATION_PATHS =
            "https://learn.microsoft.com/en-us/iis/get-started/planning-your-iis-architecture/deep-dive-into-iis-configuration-with-iis-7-and-iis-8";

    private ConfigurationFaults() {
    }

    /**
     * Returns one FAIL finding per fault of the section.
     *
     * @param section the effective section; never null
     * @param what what stops working, such as {@code CertSrv/mscep (devices' SCEP requests)}; never null
     * @return the findings, empty when there is no fault; never null
     */
    static List<Finding> findings(EffectiveSection section, String what) {
        return section.faults().stream().map(f -> finding(section, f, what)).toList();
    }

    private static Finding finding(EffectiveSection section, ConfigurationFault f, String what) {
        Finding finding = switch (f.kind()) {
            case LOCKED_SECTION -> Finding.fail("WEB_CONFIG_SECTION_LOCKED", "IIS answers HTTP 500.19 (" + f.kind().errorCode()
                            + ") for every request to " + section.iisPath() + ": " + f.detail() + ". " + what + " fails.")
                    .withRemediation("Remove " + section.sectionPath() + " from " + f.where() + " and set it in "
                            + "applicationHost.config for the path instead (%windir%\\system32\\inetsrv\\appcmd.exe set config \""
                            + section.iisPath() + "\" -section:" + section.sectionPath() + " ... /commit:apphost), or unlock "
                            + "the section for that path (appcmd unlock config \"" + f.iisPath() + "\" -section:"
                            + section.sectionPath() + ") if the web.config is meant to set it.");
            case MALFORMED_FILE -> Finding.fail("WEB_CONFIG_MALFORMED", "IIS answers HTTP 500.19 (" + f.kind().errorCode()
                            + ", \"Configuration file is not well-formed XML\") for every request to " + section.iisPath()
                            + ": " + f.detail() + ". " + what + " fails.")
                    .withRemediation("Fix the XML of the server's web.config for " + f.iisPath() + " at the line named ("
                            + f.where() + "), or restore it from a backup; IIS reads it again on the next request.");
        };
        finding = finding.withEvidence("path", section.iisPath()).withEvidence("file", f.file());
        if (f.line().isPresent()) {
            finding = finding.withEvidence("line", f.line().getAsInt());
        }
        return finding.withEvidence("errorCode", f.kind().errorCode())
                .withReference(HTTP_500_19).withReference(CONFIGURATION_PATHS);
    }
}
