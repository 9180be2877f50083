package dev.ndesdiag.history;

import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.evidence.HttpErrEntry;
import dev.ndesdiag.evidence.HttpErrLogReader;
import dev.ndesdiag.evidence.ReadSummary;
import dev.ndesdiag.inputs.Readings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what HTTP.sys refused about SCEP in its error logs: lines for the SCEP URLs
 * ({@code /certsrv/mscep/...}, {@code /CertificateRegistrationSvc/...}) or for the SCEP pool's
 * queue. Two kinds matter (reason phrases:
 * https://learn.microsoft.com/en-us/windows/win32/http/types-of-errors-logged-by-the-http-server-api):
 * <ul>
 * <li>{@value #POOL_UNAVAILABLE}: 503 {@code Disabled}, {@code AppOffline}, {@code QueueFull},
 *     {@code AppShutdown}, {@code AppPoolTimer}, {@code ConnLimit}: the pool was not taking requests;</li>
 * <li>{@value #REQUEST_TOO_LONG}: {@code FieldLength}, {@code RequestLength}, {@code URL_Length}
 *     (400 or 414): a SCEP request longer than HTTP.sys accepts.</li>
 * </ul>
 * Other reasons ({@code Timer_ConnectionIdle} and the like) are noise of every busy server and are
 * counted only. HTTPERR has no successes: the IIS log says whether SCEP worked afterwards.
 */
public final class HttpErrScep {

    /** The check that judges these lines. */
    public static final String CHECK_ID = "httperr-scep";
    /** The kind of the pool refusals. */
    public static final String POOL_UNAVAILABLE = "SCEP pool unavailable";
    /** The kind of the length refusals. */
    public static final String REQUEST_TOO_LONG = "SCEP request too long";

    private static final Set<String> POOL_REASONS = Set.of("disabled", "appoffline", "queuefull", "appshutdown", "apppooltimer",
            "connlimit");
    private static final Set<String> LENGTH_REASONS = Set.of("fieldlength", "requestlength", "url_length", "url");
    private static final Pattern NUMBER = Pattern.compile("(?i)httperr(\\d+)\\.log$");

    /**
     * What was read.
     *
     * @param history the refusals by kind; never null
     * @param scan what the files held; never null
     */
    public record Result(OutcomeHistory history, LogScan scan) {
    }

    private HttpErrScep() {
    }

    /**
     * Reads as {@link #read(List, String, TimeFrame)} does, once per snapshot for the same
     * arguments: the check and the report's timeline ask for the same reading ({@link Readings}).
     *
     * @param snapshot the snapshot the arguments come from; never null
     * @param logs as for that method
     * @param pool as for that method
     * @param frame as for that method
     * @return what was read; the same object for every caller
     */
    public static Result read(Snapshot snapshot, List<LogFile> logs, String pool, TimeFrame frame) {
        return Readings.of(snapshot).get(List.of(HttpErrScep.class, logs, pool, frame), () -> read(logs, pool, frame));
    }

    /**
     * Reads the logs, oldest first: HTTP.sys numbers them as they fill, so {@code httperr1.log} is
     * the oldest (ordered by number, not by name: httperr10 comes after httperr9).
     *
     * @param logs the HTTPERR logs; never null
     * @param pool the queue name of the SCEP pool, such as {@code SCEP}; never null
     * @param frame the clock; never null
     * @return what was read; never null
     */
    public static Result read(List<LogFile> logs, String pool, TimeFrame frame) {
        OutcomeHistory history = new OutcomeHistory(frame);
        LogScan scan = new LogScan();
        List<LogFile> ordered = new ArrayList<>(logs);
        ordered.sort(Comparator.comparingLong((LogFile f) -> number(f.path())).thenComparing(LogFile::path));
        HttpErrLogReader reader = HttpErrLogReader.create();
        for (LogFile f : ordered) {
            try {
                ReadSummary s = reader.read(f, e -> {
                    classify(e, f.path(), pool, history, scan);
                    return true;
                });
                scan.add(f.path(), s);
            } catch (IOException e) {
                scan.unreadable(f.path(), String.valueOf(e.getMessage()));
            }
        }
        return new Result(history, scan);
    }

    private static void classify(HttpErrEntry e, String path, String pool, OutcomeHistory history, LogScan scan) {
        String uri = e.uri().orElse("").toLowerCase(Locale.ROOT);
        boolean scepUrl = uri.startsWith("/certsrv/mscep") || uri.startsWith("/certificateregistrationsvc");
        boolean scepQueue = e.queueName().filter(pool::equalsIgnoreCase).isPresent();
        String reason = e.reason().orElse("").toLowerCase(Locale.ROOT);
        String kind = POOL_REASONS.contains(reason) && (scepQueue || scepUrl) ? POOL_UNAVAILABLE
                : LENGTH_REASONS.contains(reason) && scepUrl ? REQUEST_TOO_LONG : null;
        if (kind == null || e.time().isEmpty()) {
            scan.countNoise();
            return;
        }
        scan.countMatching();
        String code = e.code().orElse("HTTPERR");
        String message = "HTTP.sys answered " + e.status().stream().mapToObj(String::valueOf).findFirst().orElse("-") + " "
                + e.reason().orElse("") + " to " + e.method().orElse("-") + " " + shortUri(e.uri().orElse("-"))
                + e.queueName().map(q -> " (queue " + q + ")").orElse("");
        history.add(new Outcome(e.time().get(), kind, OutcomeResult.FAILURE, FailureScope.SERVER, code, message, path,
                Optional.of(e.line()), CHECK_ID, false));
    }

    private static String shortUri(String uri) {
        return uri.length() > 120 ? uri.substring(0, 120) + "… (" + uri.length() + " characters)" : uri;
    }

    private static long number(String path) {
        Matcher m = NUMBER.matcher(path);
        if (m.find()) {
            try {
                return Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
        return Long.MAX_VALUE; // a renamed copy such as newest.log: last
    }
}
