package dev.ndesdiag.checks.iis;

import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.value.Setting;
import dev.ndesdiag.api.value.Settings;
import dev.ndesdiag.api.snapshot.RegistryKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies that HTTP.sys accepts the long URLs of SCEP: {@code MaxFieldLength} and
 * {@code MaxRequestBytes} under {@code HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters}
 * are DWORDs of at least 65534.
 *
 * <p>A SCEP {@code GET ...?operation=PKIOperation&message=...} carries the whole base64 request in
 * the query string. With the 16384-byte default (the values are absent after a plain install, and
 * setting IIS request filtering does not create them), HTTP.sys rejects it before IIS sees it:
 * HTTP 400 "Request Header Too Long" or 414, logged in HTTPERR, not in the IIS log. HTTP.sys reads
 * the values when it starts, so a change needs a reboot.
 */
public final class HttpSysLimitsCheck extends AbstractCheck {

    static final String KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";
    static final long REQUIRED = 65534;
    static final long DEFAULT = 16384;
    private static final String REFERENCE =
            "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/iisadmin-service-inetinfo/httpsys-registry-windows";

    static final Input<RegistryKey> PARAMETERS = Inputs.registryKey(KEY, "http-parameters.reg");

    private record Limit(String name, String codePrefix, long max) {
    }

    private static final List<Limit> LIMITS = List.of(
            new Limit("MaxFieldLength", "MAX_FIELD_LENGTH", 65534),
            new Limit("MaxRequestBytes", "MAX_REQUEST_BYTES", 16_777_216));

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public HttpSysLimitsCheck() {
        super(CheckDescriptor.of("http-sys-limits",
                        "HTTP.sys MaxFieldLength and MaxRequestBytes allow long SCEP requests (at least 65534)", Category.IIS)
                .withSymptoms("HTTP 400 Request Header Too Long", "HTTP 414", "long SCEP GET requests fail")
                .requires(PARAMETERS)
                .withReferences(REFERENCE, "https://learn.microsoft.com/en-us/mem/intune/protect/certificates-scep-configure"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Optional<RegistryKey> key = Optional.of(context.get(PARAMETERS));
        List<InputProblem> problems = context.problems(PARAMETERS);
        List<Finding> findings = new ArrayList<>();
        for (Limit limit : LIMITS) {
            findings.add(judge(limit, Settings.registryDword(key, limit.name(), problems)));
        }
        return CheckResult.of(findings);
    }

    private static Finding judge(Limit limit, Setting<Long> setting) {
        String name = limit.name();
        if (setting instanceof Setting.Unreadable<Long> u) {
            return u.problem().toFinding();
        }
        if (setting instanceof Setting.Absent<Long>) {
            return Finding.fail(limit.codePrefix() + "_TOO_LOW", name + " is not set, so HTTP.sys uses its default of "
                            + DEFAULT + " bytes and rejects long SCEP requests with HTTP 400 or 414 before IIS sees them.")
                    .withEvidence("key", KEY)
                    .withEvidence("value", name)
                    .withEvidence("configured", "absent")
                    .withEvidence("effective", DEFAULT)
                    .withEvidence("required", REQUIRED)
                    .withRemediation(fix(name))
                    .withReference(REFERENCE);
        }
        if (setting instanceof Setting.Rejected<Long> r) {
            return Finding.fail(limit.codePrefix() + "_NOT_DWORD", name + " " + r.reason() + " (\"" + r.raw()
                            + "\"): HTTP.sys reads only a REG_DWORD, so the " + DEFAULT
                            + "-byte default applies and long SCEP requests fail with HTTP 400 or 414.")
                    .withEvidence("key", KEY)
                    .withEvidence("value", name)
                    .withEvidence("configured", r.raw())
                    .withEvidence("effective", DEFAULT)
                    .withRemediation("Delete the value and create it as a DWORD: " + fix(name))
                    .withReference(REFERENCE);
        }
        long n = ((Setting.Valid<Long>) setting).value();
        if (n < REQUIRED) {
            return Finding.fail(limit.codePrefix() + "_TOO_LOW", name + " is " + n + ", below the " + REQUIRED
                            + " that SCEP needs: HTTP.sys rejects long SCEP requests with HTTP 400 or 414.")
                    .withEvidence("key", KEY)
                    .withEvidence("value", name)
                    .withEvidence("configured", n)
                    .withEvidence("required", REQUIRED)
                    .withRemediation(fix(name))
                    .withReference(REFERENCE);
        }
        if (n > limit.max()) {
            return Finding.warn(limit.codePrefix() + "_OUT_OF_RANGE", name + " is " + n + ", above the largest value "
                            + "HTTP.sys documents (" + limit.max() + "); HTTP.sys may ignore it and fall back to "
                            + DEFAULT + ".")
                    .withEvidence("key", KEY)
                    .withEvidence("value", name)
                    .withEvidence("configured", n)
                    .withEvidence("maximum", limit.max())
                    .withRemediation(fix(name))
                    .withReference(REFERENCE);
        }
        return Finding.pass(limit.codePrefix() + "_OK", name + " is " + n + " (at least " + REQUIRED + ").")
                .withEvidence("value", name)
                .withEvidence("configured", n);
    }

    private static String fix(String name) {
        return "reg add \"" + KEY + "\" /v " + name + " /t REG_DWORD /d 65534 /f, then reboot the server "
                + "(HTTP.sys reads it only when it starts; iisreset is not enough).";
    }
}
