package dev.ndesdiag.checks.iis;

import dev.ndesdiag.iis.IisSites;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.history.LogCitation;
import dev.ndesdiag.history.TimeFrame;
import dev.ndesdiag.inputs.NdesInputs;
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
import java.util.Set;

/**
 * Verifies the effective request limits where the SCEP application runs. A SCEP GET carries the
 * whole PKCS#7 request in its query string, so {@code maxQueryString} below 16384 rejects ordinary
 * requests (HTTP 404.15) and below Microsoft's documented 65534 it is a warning. {@code maxUrl} counts the path without the query string: below Microsoft's
 * documented 65534 it is a warning, since SCEP's own path is short (404.14 otherwise).
 * {@code maxAllowedContentLength} below 64 KiB rejects POST PKIOperation (HTTP 413).
 */
public final class IisRequestFilteringCheck extends AbstractCheck {

    static final Input<IisConfiguration> IIS = Inputs.iisConfiguration();

    static final String SECTION = "system.webServer/security/requestFiltering";
    static final long REQUIRED = 65534;
    /**
     * Below this a query string limit rejects ordinary device requests: Microsoft's sample iOS request
     * ("Sending CSR via GET" in the SCEP troubleshooting article) is about 6 to 12 KB of query string.
     * Between this and 65534 requests mostly pass, so it is a warning (A16).
     */
    static final long REAL_REQUESTS = 16384;
    /** IIS schema defaults (IIS configuration reference, requestLimits). */
    static final long DEFAULT_MAX_QUERY_STRING = 2048;
    static final long DEFAULT_MAX_URL = 4096;
    static final long DEFAULT_MAX_CONTENT = 30_000_000;
    static final long MIN_CONTENT = 65536;
    private static final String HTTP_500_19 =
            "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-error-500-19-webpage";
    static final String DEFAULT_SITE = "Default Web Site";
    /**
     * IIS settings schema, site element: "The default Web site is numbered 1". The connector's failure on a renamed
     * site 1 is a field report (SetupMSI.log, see the project's existing-tools.md, IIS-SITE1); no Microsoft article
     * states it.
     */
    private static final String SITE_REFERENCE = "https://learn.microsoft.com/en-us/previous-versions/iis/settings-schema/aa347536(v=vs.90)";
    private static final String REFERENCE = "https://learn.microsoft.com/en-us/mem/intune/protect/certificates-scep-configure";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public IisRequestFilteringCheck() {
        super(CheckDescriptor.of("iis-request-filtering",
                        "Effective IIS request limits at the SCEP application let SCEP requests through", Category.IIS)
                .withSymptoms("HTTP 404.15 (query string too long)", "HTTP 404.14", "HTTP 413 on POST",
                        "HTTP 500.19 (0x80070021 locked section, 0x8007000d malformed web.config)",
                        "connector setup fails with 0x80070002 Site not found")
                .requires(IIS)
                // the SCEP requests IIS refused for these limits (404.15, 404.14), cited beside the verdict (optional)
                .uses(NdesInputs.IIS_LOGS)
                .withReferences(REFERENCE, "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/requestfiltering/requestlimits/",
                        ConfigurationFaults.HTTP_500_19, ConfigurationFaults.CONFIGURATION_PATHS));
    }

    @Override
    public CheckResult run(CheckContext context) {
        IisConfiguration iis = context.get(IIS);
        // without a readable applicationHost.config the input is absent or unreadable (IisConfigurationInput),
        // and the runner reports INPUT_MISSING or the file's problem before the check runs
        Optional<IisSites.Site> site = IisSites.scepSite(iis);
        if (site.isEmpty()) {
            return CheckResult.skipped("SCEP_SITE_NOT_FOUND", "No site in applicationHost.config hosts "
                    + IisSites.SCEP_APPLICATION + ", so there are no request limits to judge (NDES is not installed in IIS).");
        }
        String path = site.get().name() + IisSites.SCEP_APPLICATION;
        EffectiveSection rf = new EffectiveConfiguration(iis).section(SECTION, path);
        List<Finding> findings = new ArrayList<>(siteOne(iis, site.get()));
        findings.addAll(ConfigurationFaults.findings(rf, IisSites.SCEP_APPLICATION.substring(1) + " (devices' SCEP requests)"));
        TimeFrame frame = TimeFrame.of(context.manifest());
        Optional<List<LogFile>> logs = context.find(NdesInputs.IIS_LOGS);
        findings.add(cited(limit(rf, path, "maxQueryString", DEFAULT_MAX_QUERY_STRING, true), context.snapshot(), logs, frame, "404.15"));
        findings.add(cited(limit(rf, path, "maxUrl", DEFAULT_MAX_URL, false), context.snapshot(), logs, frame, "404.14"));
        findings.add(content(rf, path));
        return CheckResult.of(findings);
    }

    /**
     * Site 1 must keep the name "Default Web Site": the Intune Certificate Connector's installer and its
     * automatic upgrade write their IIS configuration there and fail with 0x80070002 "Site not found"
     * otherwise. NDES itself keeps working, so it is a warning. A SCEP application in another site
     * while site 1 keeps its name is only noted.
     */
    private static List<Finding> siteOne(IisConfiguration iis, IisSites.Site scepSite) {
        Optional<IisSites.Site> one = IisSites.of(iis).stream().filter(s -> s.id().strip().equals("1")).findFirst();
        if (one.isPresent() && !one.get().name().equals(DEFAULT_SITE)) {
            return List.of(Finding.warn("SITE_1_RENAMED", "Site 1 is named \"" + one.get().name() + "\", not \""
                            + DEFAULT_SITE + "\": NDES answers, but installing or upgrading the Intune Certificate Connector "
                            + "fails (SetupMSI.log: WriteIIS7ConfigChanges: Error 0x80070002: Site not found), and an "
                            + "automatic upgrade leaves the connector behind.")
                    .withEvidence("siteId", "1").withEvidence("siteName", one.get().name())
                    .withEvidence("scepSite", scepSite.name())
                    .withRemediation("Rename site 1 back to \"" + DEFAULT_SITE + "\" (IIS Manager > Sites > "
                            + one.get().name() + " > Rename, or %windir%\\system32\\inetsrv\\appcmd.exe set site /site.name:\""
                            + one.get().name() + "\" /name:\"" + DEFAULT_SITE + "\"), then run the connector setup again.")
                    .withReference(SITE_REFERENCE));
        }
        if (!scepSite.name().equals(DEFAULT_SITE)) {
            return List.of(Finding.pass("SCEP_SITE_RENAMED", "The SCEP application runs in the site \"" + scepSite.name()
                    + "\", not \"" + DEFAULT_SITE + "\"; the limits were read there.").withEvidence("site", scepSite.name()));
        }
        return List.of();
    }

    /** A limit below what NDES needs, with the SCEP requests the IIS log shows refused for it. */
    private static Finding cited(Finding f, dev.ndesdiag.api.snapshot.Snapshot snapshot, Optional<List<LogFile>> logs, TimeFrame frame, String status) {
        if (f.status() == Status.PASS) {
            return f;
        }
        return LogCitation.of(snapshot, logs, frame, Set.of(status)).map(c -> c.cite(f)).orElse(f);
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
        } else if (fail && value < REAL_REQUESTS) {
            f = Finding.fail(code(name) + "_TOO_LOW", name + " is " + value + " at " + path + " (" + source + "): a SCEP "
                            + "GET carries the whole request in its query string (devices' requests are several KB), so IIS "
                            + "rejects them with HTTP 404.15.")
                    .withRemediation(appcmd(path, name));
        } else if (fail) {
            f = Finding.warn(code(name) + "_BELOW_DOCUMENTED", name + " is " + value + " at " + path + " (" + source
                            + "), below the 65534 Microsoft documents for NDES. Typical requests (about 6 to 12 KB) pass; "
                            + "larger ones (4096-bit keys, long subject names) get HTTP 404.15.")
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
