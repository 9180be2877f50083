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
import dev.ndesdiag.api.snapshot.LogFamily;
import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.ScepRequest;
import dev.ndesdiag.endpoint.EndpointResponses;
import dev.ndesdiag.evidence.HttpErrEntry;
import dev.ndesdiag.evidence.HttpErrLogReader;
import dev.ndesdiag.host.HostState;
import dev.ndesdiag.inputs.NdesInputs;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
 *
 * <p>When both values are large enough, the check also asks whether they are in effect: the key's
 * last-write time (from {@code commands/host-state.txt}; the {@code .reg} format has none) after the
 * last boot means "configured but not in effect until a restart"; so does the PKIOperation-sized
 * probe still getting HTTP 400 "Request Too Long" or 414, or HTTPERR entries with the reasons
 * {@code FieldLength}, {@code RequestLength} or {@code URL_Length} after both the last boot and the
 * key's last write.
 */
public final class HttpSysLimitsCheck extends AbstractCheck {

    static final String KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";
    static final long REQUIRED = 65534;
    static final long DEFAULT = 16384;
    private static final String REFERENCE =
            "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/iisadmin-service-inetinfo/httpsys-registry-windows";

    static final Input<RegistryKey> PARAMETERS = Inputs.registryKey(KEY, "http-parameters.reg");
    static final Input<ProbeResponse> LONG_PROBE = Inputs.probe(ScepRequest.PKI_OPERATION);
    static final Input<List<LogFile>> HTTPERR = Inputs.logs(LogFamily.HTTPERR);
    /** The HTTPERR reasons of requests HTTP.sys refused for their length (KB 820729, s-reason). */
    static final Set<String> LENGTH_REASONS = Set.of("FIELDLENGTH", "REQUESTLENGTH", "URL_LENGTH");
    private static final String HTTPERR_REFERENCE =
            "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/iisadmin-service-inetinfo/error-logging-in-http-apis";

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
                .uses(NdesInputs.HOST_STATE, LONG_PROBE, HTTPERR)
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
        if (findings.stream().allMatch(f -> f.status() == dev.ndesdiag.api.Status.PASS)) {
            findings.addAll(inEffect(context));
        }
        return CheckResult.of(findings);
    }

    /** Whether configured values are in effect: written before the last boot, and not contradicted by the probe or HTTPERR. */
    private static List<Finding> inEffect(CheckContext context) {
        Optional<HostState> state = context.find(NdesInputs.HOST_STATE).flatMap(c -> HostState.reading(c).state());
        Optional<Instant> written = state.flatMap(s -> s.writtenAt(KEY));
        Optional<Instant> boot = context.manifest().host().lastBootAt().or(() -> state.flatMap(HostState::lastBootAt));
        String fix = "Restart the server (HTTP.sys reads MaxFieldLength and MaxRequestBytes only when it starts; "
                + "iisreset and restarting W3SVC are not enough).";
        if (written.isPresent() && boot.isPresent() && written.get().isAfter(boot.get())) {
            return List.of(Finding.warn("HTTP_SYS_LIMITS_NOT_IN_EFFECT", "MaxFieldLength and MaxRequestBytes are configured "
                            + "but not in effect until a restart: HTTP.sys\\Parameters was written at " + written.get()
                            + ", after the last boot at " + boot.get() + ", so HTTP.sys still uses the values it read at "
                            + "start and long SCEP requests may still fail with HTTP 400 or 414.")
                    .withEvidence("key", KEY).withEvidence("keyWrittenAt", written.get().toString())
                    .withEvidence("lastBootAt", boot.get().toString())
                    .withRemediation(fix).withReference(REFERENCE));
        }
        Optional<ProbeResponse> probe = context.find(LONG_PROBE);
        if (probe.isPresent() && rejectedForLength(probe.get())) {
            return List.of(Finding.warn("HTTP_SYS_LIMITS_NOT_IN_EFFECT", "MaxFieldLength and MaxRequestBytes are configured, "
                            + "but the PKIOperation-sized probe still got " + EndpointResponses.describe(probe.get())
                            + ": HTTP.sys (or a proxy in front) still rejects long SCEP requests; the values are not in "
                            + "effect until a restart" + boot.map(b -> " (last boot " + b + ")").orElse("") + ".")
                    .withEvidence("key", KEY).withEvidence("probe", EndpointResponses.describe(probe.get()))
                    .withEvidence("lastBootAt", boot.map(Object::toString).orElse("unknown"))
                    .withRemediation(fix + " If it persists after a restart, check a proxy or load balancer in front.")
                    .withReference(REFERENCE));
        }
        Optional<Instant> since = boot.map(b -> written.filter(w -> w.isAfter(b)).orElse(b));
        Optional<List<LogFile>> logs = context.find(HTTPERR);
        if (since.isPresent() && logs.isPresent()) {
            LengthRejections r = lengthRejections(logs.get(), since.get());
            if (r.count() > 0) {
                return List.of(Finding.warn("HTTP_SYS_LIMITS_NOT_IN_EFFECT", "MaxFieldLength and MaxRequestBytes are configured, "
                                + "but HTTPERR shows " + r.count() + " request(s) HTTP.sys refused for their length ("
                                + String.join(", ", r.reasons()) + ") since " + since.get() + ", the last boot"
                                + (written.isPresent() ? " and the key's last write" : "") + ": the values are not in effect.")
                        .withEvidence("key", KEY).withEvidence("since", since.get().toString())
                        .withEvidence("rejections", r.count()).withEvidence("first", r.first())
                        .withRemediation(fix + " If it persists after a restart, the requests are longer than the "
                                + "configured limits (look at the URI length in HTTPERR).")
                        .withReference(HTTPERR_REFERENCE));
            }
        }
        if (written.isPresent() && boot.isPresent()) {
            return List.of(Finding.pass("HTTP_SYS_LIMITS_IN_EFFECT", "HTTP.sys\\Parameters was last written at " + written.get()
                            + ", before the last boot at " + boot.get() + ": the values are in effect.")
                    .withEvidence("keyWrittenAt", written.get().toString()).withEvidence("lastBootAt", boot.get().toString()));
        }
        return List.of();
    }

    private static boolean rejectedForLength(ProbeResponse res) {
        int status = res.httpStatus().orElse(-1);
        String body = EndpointResponses.text(res).toLowerCase(Locale.ROOT);
        return status == 414 || (status == 400 && body.contains("too long"));
    }

    private record LengthRejections(int count, List<String> reasons, String first) {
    }

    private static LengthRejections lengthRejections(List<LogFile> logs, Instant since) {
        int[] count = {0};
        java.util.Set<String> reasons = new java.util.TreeSet<>();
        String[] first = {""};
        for (LogFile log : logs) {
            try (InputStream in = log.open()) {
                HttpErrLogReader.create().read(in, (HttpErrEntry e) -> {
                    String reason = e.reason().orElse("");
                    if (LENGTH_REASONS.contains(reason.toUpperCase(Locale.ROOT)) && e.time().filter(t -> t.isAfter(since)).isPresent()) {
                        if (count[0]++ == 0) {
                            first[0] = log.path() + ":" + e.line() + " " + e.time().get() + " " + reason + " "
                                    + e.uri().map(u -> u.length() > 80 ? u.substring(0, 80) + "..." : u).orElse("");
                        }
                        reasons.add(reason);
                    }
                    return true;
                });
            } catch (IOException e) {
                // an unreadable HTTPERR log says nothing about length rejections; the log checks report it
            }
        }
        return new LengthRejections(count[0], List.copyOf(reasons), first[0]);
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
