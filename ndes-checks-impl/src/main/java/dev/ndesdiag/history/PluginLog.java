package dev.ndesdiag.history;

import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.evidence.CmTraceEntry;
import dev.ndesdiag.evidence.CmTraceReader;
import dev.ndesdiag.evidence.ReadSummary;
import dev.ndesdiag.evidence.TimeBasis;
import dev.ndesdiag.inputs.Readings;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Intune NDES policy module's log (NDESPlugin.log, CMTrace format) as outcomes of its
 * calls to the certificate registration point: {@value #VERIFY} (is the challenge valid?),
 * {@value #NOTIFY} (the certificate was issued) and {@value #INITIALIZE} (the module started).
 *
 * <p>The legacy Microsoft Intune Connector's policy module writes it to
 * {@code %ProgramFiles%\Microsoft Intune\NDESPolicyModule\Logs\NDESPlugin.log}
 * (https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-profiles,
 * "NDESPlugin.log ... Location: ... %program_files%\Microsoft Intune\NDESPolicyModule\logs"); the
 * Certificate Connector for Microsoft Intune logs its requests as events in
 * {@code Microsoft-Intune-CertificateConnectors/Admin} and {@code /Operational}
 * (https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-overview, "Logging"),
 * which {@code connector-events} judges.
 *
 * <p>What the module writes (seed article 003 and the troubleshooting articles):
 * {@code Calling VerifyRequest ...}, {@code Sending request to certificate registration point.},
 * {@code Verify challenge returns true} / {@code false}, {@code Exiting VerifyRequest with 0x0},
 * {@code Calling Notifyrequest ...}, {@code Exiting Notify with 0x0}, {@code Exiting Initialize with 0x0};
 * a TLS failure to the registration point is WinHTTP error 12175 (ERROR_WINHTTP_SECURE_FAILURE) with
 * its {@code WINHTTP_CALLBACK_STATUS_FLAG_*}; an answer of the registration point is its HTTP status.
 * A rejected challenge ({@code returns false}) is one request's failure; 12175, a 403 or 5xx from the
 * registration point, a time-out or a proxy error fail every request.
 */
public final class PluginLog {

    /** The check that judges the log. */
    public static final String CHECK_ID = "ndes-plugin-log";
    /** The kind of the challenge verification. */
    public static final String VERIFY = "VerifyRequest";
    /** The kind of the issuance notification. */
    public static final String NOTIFY = "Notify";
    /** The kind of the module's start. */
    public static final String INITIALIZE = "Initialize";

    private static final Pattern EXITING = Pattern.compile("(?i)Exiting\\s+(VerifyRequest|Notify(?:request)?|Initialize)\\s+with\\s+(0x[0-9a-f]+|-?\\d+)");
    private static final Pattern FLAG = Pattern.compile("WINHTTP_CALLBACK_STATUS_FLAG_[A-Z_]+");
    private static final Pattern HTTP_STATUS = Pattern.compile("(?i)(?:status(?:\\s*code)?|http(?:\\s*error)?|returned|response)[\\s:=]*\\(?([45]\\d\\d)\\b|\\b([45]\\d\\d)\\s*-\\s*(?:Forbidden|Unauthorized|Internal Server Error|Service Unavailable|Bad Gateway|Gateway Timeout)");

    /**
     * What was read.
     *
     * @param history the outcomes by kind; never null
     * @param scan what the file held; never null
     * @param localTimeOnly whether some records wrote local time without an offset the bundle could
     *     resolve (their times were read as UTC)
     */
    public record Result(OutcomeHistory history, LogScan scan, boolean localTimeOnly) {
    }

    private PluginLog() {
    }

    /**
     * Reads as {@link #read(List, OptionalInt, TimeFrame)} does, once per snapshot for the same
     * arguments: the check and the report's timeline ask for the same reading ({@link Readings}).
     *
     * @param snapshot the snapshot the arguments come from; never null
     * @param logs as for that method
     * @param utcOffsetMinutes as for that method
     * @param frame as for that method
     * @return what was read; the same object for every caller
     */
    public static Result read(Snapshot snapshot, List<LogFile> logs, OptionalInt utcOffsetMinutes, TimeFrame frame) {
        return Readings.of(snapshot).get(List.of(PluginLog.class, logs, utcOffsetMinutes, frame), () -> read(logs, utcOffsetMinutes, frame));
    }

    /**
     * Reads the log files (the current log and rolled copies, oldest name first).
     *
     * @param logs the NDESPlugin.log files; never null
     * @param utcOffsetMinutes the server's offset from UTC, for records without a bias
     * @param frame the clock; never null
     * @return what was read; never null
     */
    public static Result read(List<LogFile> logs, OptionalInt utcOffsetMinutes, TimeFrame frame) {
        OutcomeHistory history = new OutcomeHistory(frame);
        LogScan scan = new LogScan();
        boolean[] local = {false};
        List<LogFile> ordered = new ArrayList<>(logs);
        ordered.sort(Comparator.comparing((LogFile f) -> f.path().toLowerCase(Locale.ROOT).endsWith(".log") ? 1 : 0)
                .thenComparing(LogFile::path));
        CmTraceReader reader = CmTraceReader.create(utcOffsetMinutes);
        for (LogFile f : ordered) {
            String[] pending = {null};
            try {
                ReadSummary s = reader.read(f, e -> {
                    classify(e, f.path(), history, scan, pending, local);
                    return true;
                });
                scan.add(f.path(), s);
            } catch (IOException e) {
                scan.unreadable(f.path(), String.valueOf(e.getMessage()));
            }
        }
        return new Result(history, scan, local[0]);
    }

    /**
     * Classifies one record. {@code pending[0]} is the call in progress ({@code VerifyRequest} or
     * {@code Notify}), so that an error line between "Calling" and "Exiting" belongs to it.
     */
    private static void classify(CmTraceEntry e, String path, OutcomeHistory history, LogScan scan, String[] pending,
            boolean[] local) {
        String m = e.message();
        String lower = m.toLowerCase(Locale.ROOT);
        if (e.timeBasis() == TimeBasis.UNKNOWN) {
            local[0] = true;
        }
        java.time.Instant at = e.time().orElse(e.localTime().toInstant(ZoneOffset.UTC));
        Optional<Long> line = Optional.of(e.line());
        if (lower.contains("calling verifyrequest")) {
            pending[0] = VERIFY;
            scan.countMatching();
            return;
        }
        if (lower.contains("calling notify")) {
            pending[0] = NOTIFY;
            scan.countMatching();
            return;
        }
        if (lower.contains("verify challenge returns false")) {
            scan.countMatching();
            history.add(new Outcome(at, VERIFY, OutcomeResult.FAILURE, FailureScope.REQUEST, "VERIFY-CHALLENGE-FALSE",
                    "the registration point rejected the challenge: " + m, path, line, CHECK_ID, false));
            pending[0] = "reported";
            return;
        }
        Matcher exit = EXITING.matcher(m);
        if (exit.find()) {
            scan.countMatching();
            String kind = exit.group(1).toLowerCase(Locale.ROOT).startsWith("verify") ? VERIFY
                    : exit.group(1).toLowerCase(Locale.ROOT).startsWith("notify") ? NOTIFY : INITIALIZE;
            String code = exit.group(2).toLowerCase(Locale.ROOT);
            boolean ok = code.equals("0x0") || code.equals("0") || code.equals("0x00000000");
            boolean reported = "reported".equals(pending[0]);
            pending[0] = null;
            if (ok) {
                history.add(new Outcome(at, kind, OutcomeResult.SUCCESS, FailureScope.SERVER, "0x0", m, path, line, CHECK_ID,
                        kind.equals(INITIALIZE)));
            } else if (!reported) {
                String hr = Codes.hresults(code).stream().findFirst().orElse(code);
                history.add(new Outcome(at, kind, OutcomeResult.FAILURE, kind.equals(INITIALIZE) ? FailureScope.SERVER
                        : FailureScope.REQUEST, hr, m, path, line, CHECK_ID, false));
            }
            return;
        }
        Optional<String> serverFailure = serverFailure(m, lower);
        if (serverFailure.isPresent() && pending[0] != null && !"reported".equals(pending[0])) {
            scan.countMatching();
            history.add(new Outcome(at, pending[0], OutcomeResult.FAILURE, FailureScope.SERVER, serverFailure.get(), m, path, line,
                    CHECK_ID, false));
            pending[0] = "reported";
            return;
        }
        if (lower.contains("verify challenge returns true")) {
            scan.countMatching();
            return;
        }
        scan.countNoise();
    }

    /** The code of a failure that every request would meet, when the message is one. */
    static Optional<String> serverFailure(String m, String lower) {
        if (lower.contains("12175")) {
            Matcher f = FLAG.matcher(m);
            return Optional.of(f.find() ? f.group() : "0x80072f8f");
        }
        Matcher http = HTTP_STATUS.matcher(m);
        if (http.find()) {
            return Optional.of(http.group(1) != null ? http.group(1) : http.group(2));
        }
        boolean error = lower.contains("error") || lower.contains("fail") || lower.contains("exception");
        if (lower.contains("timed out") || lower.contains("12002") || (lower.contains("timeout") && error)) {
            return Optional.of("0x80072ee2");
        }
        if (lower.contains("proxy") && error) {
            return Optional.of("PROXY");
        }
        if (lower.contains("12029") || lower.contains("cannot connect") || lower.contains("could not connect")) {
            return Optional.of("0x80072efd");
        }
        return Optional.empty();
    }
}
