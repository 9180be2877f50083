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
 * Verifies the effective request limits where the SCEP application runs. A SCEP GET carries the
 * whole PKCS#7 request in its query string, so {@code maxQueryString} below 65534 rejects it
 * (HTTP 404.15). {@code maxUrl} counts the path without the query string: below Microsoft's
 * documented 65534 it is a warning, since SCEP's own path is short (404.14 otherwise).
 * {@code maxAllowedContentLength} below 64 KiB rejects POST PKIOperation (HTTP 413).
 */
public final class IisRequestFilteringCheck extends AbstractCheck {

    static final Input<IisConfiguration> IIS = Inputs.iisConfiguration();

    static final String SECTION = "system.webServer/security/requestFiltering";
    static final long REQUIRED = 65534;
    /** IIS schema defaults (IIS configuration reference, requestLimits). */
    static final long DEFAULT_MAX_QUERY_STRING = 2048;
    static final long DEFAULT_MAX_URL = 4096;
    static final long DEFAULT_MAX_CONTENT = 30_000_000;
    static final long MIN_CONTENT = 65536;
    private static final String HTTP_500_19 =
            "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-error-500-19-webpage";
    private static final String REFERENCE = "https://learn.microsoft.com/en-us/mem/intune/protect/certificates-scep-configure";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public IisRequestFilteringCheck() {
        super(CheckDescriptor.of("iis-request-filtering",
                        "Effective IIS request limits at the SCEP application let SCEP requests through", Category.IIS)
                .withSymptoms("HTTP 404.15 (query string too long)", "HTTP 404.14", "HTTP 413 on POST")
                .requires(IIS)
                .withReferences(REFERENCE, "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/requestfiltering/requestlimits/"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        IisConfiguration iis = context.get(IIS);
        Optional<IisSites.Site> site = IisSites.scepSite(iis);
        if (site.isEmpty()) {
            return CheckResult.skipped("SCEP_SITE_NOT_FOUND", "No site in applicationHost.config hosts "
                    + IisSites.SCEP_APPLICATION + ", so there are no request limits to judge (NDES is not installed in IIS).");
        }
        String path = site.get().name() + IisSites.SCEP_APPLICATION;
        EffectiveSection rf = new EffectiveConfiguration(iis).section(SECTION, path);
        List<Finding> findings = new ArrayList<>();
        if (!site.get().name().equals("Default Web Site")) {
            findings.add(Finding.pass("SCEP_SITE_RENAMED", "The SCEP application runs in the site \"" + site.get().name()
                    + "\", not \"Default Web Site\"; the limits were read there.").withEvidence("site", site.get().name()));
        }
        for (String note : rf.notes()) {
            findings.add(Finding.warn("WEB_CONFIG_SECTION_LOCKED", "IIS ignores a setting: " + note + ".")
                    .withEvidence("path", path)
                    .withRemediation("Set the limits in applicationHost.config for " + path
                            + " (appcmd ... /commit:apphost), or unlock the section there."));
        }
        findings.add(limit(rf, path, "maxQueryString", DEFAULT_MAX_QUERY_STRING, true));
        findings.add(limit(rf, path, "maxUrl", DEFAULT_MAX_URL, false));
        findings.add(content(rf, path));
        return CheckResult.of(findings);
    }

    private static Finding limit(EffectiveSection rf, String path, String name, long dflt, boolean fail) {
        String key = "requestLimits/@" + name;
        Setting<Long> setting = Settings.iisUnsignedInt(rf.value(key));
        String source = rf.source(key);
        if (setting instanceof Setting.Rejected<Long> r) {
            return unparsable(path, name, r, source);
        }
        long value = setting instanceof Setting.Valid<Long> v ? v.value() : dflt;
        Finding f;
        if (value >= REQUIRED) {
            f = Finding.pass(code(name) + "_OK", name + " is " + value + " at " + path + " (set in " + source + ").");
        } else if (fail) {
            f = Finding.fail(code(name) + "_TOO_LOW", name + " is " + value + " at " + path + " (" + source + "): a SCEP "
                            + "GET carries the whole request in its query string, so IIS rejects it with HTTP 404.15.")
                    .withRemediation(appcmd(path, name));
        } else {
            f = Finding.warn(code(name) + "_BELOW_DOCUMENTED", name + " is " + value + " at " + path + " (" + source
                            + "), below the 65534 Microsoft documents for NDES. maxUrl counts only the path, not the query "
                            + "string, so SCEP's short path passes; longer URLs would get HTTP 404.14.")
                    .withRemediation(appcmd(path, name));
        }
        return f.withEvidence("path", path).withEvidence("attribute", name).withEvidence("effective", value)
                .withEvidence("setIn", source).withReference(REFERENCE);
    }

    private static Finding content(EffectiveSection rf, String path) {
        String key = "requestLimits/@maxAllowedContentLength";
        Setting<Long> setting = Settings.iisUnsignedInt(rf.value(key));
        if (setting instanceof Setting.Rejected<Long> r) {
            return unparsable(path, "maxAllowedContentLength", r, rf.source(key));
        }
        long value = setting instanceof Setting.Valid<Long> v ? v.value() : DEFAULT_MAX_CONTENT;
        Finding f = value >= MIN_CONTENT
                ? Finding.pass("MAX_ALLOWED_CONTENT_LENGTH_OK", "maxAllowedContentLength is " + value + " at " + path + ".")
                : Finding.fail("MAX_ALLOWED_CONTENT_LENGTH_TOO_LOW", "maxAllowedContentLength is " + value + " at " + path
                                + " (" + rf.source(key) + "): POST PKIOperation requests larger than that get HTTP 413.")
                        .withRemediation("%windir%\\system32\\inetsrv\\appcmd.exe set config \"" + path
                                + "\" -section:" + SECTION + " /requestLimits.maxAllowedContentLength:30000000 /commit:apphost");
        return f.withEvidence("path", path).withEvidence("effective", value).withEvidence("setIn", rf.source(key));
    }

    private static String appcmd(String path, String name) {
        return "%windir%\\system32\\inetsrv\\appcmd.exe set config \"" + path + "\" -section:" + SECTION
                + " /requestLimits." + name + ":65534 /commit:apphost (IIS applies it at once; remove any lower value "
                + "from the web.config files along the path). HTTP.sys has its own limits: see http-sys-limits.";
    }

    private static String code(String name) {
        return name.equals("maxQueryString") ? "MAX_QUERY_STRING" : "MAX_URL";
    }

    /** A value IIS cannot parse: IIS refuses the section for the path (500.19), whatever the other limits say. */
    private static Finding unparsable(String path, String name, Setting.Rejected<Long> r, String source) {
        return Finding.fail("REQUEST_LIMIT_UNPARSABLE", name + "=\"" + r.raw() + "\" at " + path + " (" + source + ") "
                        + r.reason() + ": every request to mscep.dll fails.")
                .withEvidence("path", path).withEvidence("attribute", name).withEvidence("configured", r.raw())
                .withEvidence("setIn", source)
                .withRemediation("Write the value as plain digits (for example " + name + "=\"65534\") in " + source
                        + ", or set it with appcmd: " + appcmd(path, name))
                .withReference(REFERENCE)
                // IIS validates every attribute against its schema type when it reads a section and refuses the
                // section (IAppHostPropertyException, HTTP 500.19 "configuration data for the page is invalid").
                .withReference(HTTP_500_19)
                .withReference("https://learn.microsoft.com/en-us/iis/web-development-reference/native-code-api-reference/iapphostpropertyexception-interface");
    }
}
