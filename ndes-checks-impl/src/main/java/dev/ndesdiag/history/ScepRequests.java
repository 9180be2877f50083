package dev.ndesdiag.history;

import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.api.value.AsciiCase;
import dev.ndesdiag.evidence.ReadSummary;
import dev.ndesdiag.evidence.W3cEntry;
import dev.ndesdiag.evidence.W3cLogReader;
import dev.ndesdiag.inputs.Readings;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the SCEP requests of IIS W3C logs: requests to {@code /certsrv/mscep/mscep.dll} by SCEP
 * operation (the bare GET, GetCACaps, GetCACert, PKIOperation, ...) and to the Intune registration
 * point ({@code /CertificateRegistrationSvc/Certificate/VerifyRequest} and {@code .../Notify}),
 * each an outcome of its kind. Requests of ndes-diag's own probe are counted and set aside, other
 * URLs counted as noise.
 *
 * <p>What a status means for each kind (the IIS log shows transport only: whether a certificate was
 * issued is in NDES event 31 and the connector's events):
 * <ul>
 * <li>the bare GET: 403 is the healthy answer once the Intune policy module is loaded; 200 means it
 *     is not (the NDES page is shown), a server-level failure;</li>
 * <li>the operations: 200 succeeds; 5xx, 401, 403.x, 404.14, 404.15 and 414 fail at the server level
 *     (every such request would fail); other 4xx are one request's failure;</li>
 * <li>VerifyRequest and Notify, which the policy module sends to the registration point: 200, 201 and
 *     204 succeed (https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-reporting
 *     shows {@code 204 0 0} for Notify; seed article 003 shows {@code 201 0 0} for VerifyRequest);
 *     403.16 (the client certificate's chain), 401 and 5xx fail at the server level.</li>
 * </ul>
 */
public final class ScepRequests {

    /** The check that judges these requests. */
    public static final String CHECK_ID = "iis-scep-requests";
    /** The kind of the bare {@code GET /certsrv/mscep/mscep.dll}. */
    public static final String BARE_GET = "bare GET";
    /** The most own-probe request times kept for correlating the events they cause. */
    static final int MAX_PROBE_TIMES = 1000;

    /**
     * What was read.
     *
     * @param history the outcomes by kind; never null
     * @param scan what the files held; never null
     * @param ownProbeTimes when the own probe's requests were logged (the newest {@value #MAX_PROBE_TIMES}); never null
     * @param latestPkiOperationGet the latest successful PKIOperation sent as a GET (the request whose
     *     whole message is in the URL, which HTTP.sys length limits refuse), when there was one; never null
     */
    public record Result(OutcomeHistory history, LogScan scan, List<Instant> ownProbeTimes, Optional<Instant> latestPkiOperationGet) {

        /** Copies the components. */
        public Result {
            ownProbeTimes = List.copyOf(ownProbeTimes);
        }

        /**
         * Returns the latest successful request of any kind.
         *
         * @return the outcome, when there was one
         */
        public Optional<Outcome> latestSuccess() {
            return history.judgements().stream().flatMap(j -> history.kind(j.kind()).flatMap(KindHistory::latestSuccess).stream())
                    .max(Comparator.comparing(Outcome::at));
        }
    }

    private ScepRequests() {
    }

    /**
     * Reads as {@link #read(List, TimeFrame)} does, once per snapshot for the same arguments:
     * the checks and the report's timeline ask for the same reading ({@link Readings}).
     *
     * @param snapshot the snapshot the arguments come from; never null
     * @param logs as for that method
     * @param frame as for that method
     * @return what was read; the same object for every caller
     */
    public static Result read(Snapshot snapshot, List<LogFile> logs, TimeFrame frame) {
        return Readings.of(snapshot).get(List.of(ScepRequests.class, logs, frame), () -> read(logs, frame));
    }

    /**
     * Reads the logs, oldest file first (IIS names them {@code u_exYYMMDD}, so the name orders them).
     *
     * @param logs the W3C logs of the bundle; never null
     * @param frame the clock; never null
     * @return what was read; never null
     */
    public static Result read(List<LogFile> logs, TimeFrame frame) {
        OutcomeHistory history = new OutcomeHistory(frame);
        LogScan scan = new LogScan();
        List<Instant> probe = new ArrayList<>();
        Instant[] longGet = {null};
        List<LogFile> ordered = new ArrayList<>(logs);
        ordered.sort(Comparator.comparing((LogFile f) -> fileName(f.path()).toLowerCase(Locale.ROOT)).thenComparing(LogFile::path));
        W3cLogReader reader = W3cLogReader.create();
        for (LogFile f : ordered) {
            try {
                ReadSummary s = reader.read(f, e -> {
                    classify(e, f.path(), history, scan, probe);
                    if (e.time().isPresent() && "GET".equalsIgnoreCase(e.method().orElse("")) && !OwnProbe.isOwn(e.userAgent())
                            && kind(e).filter("PKIOperation"::equals).isPresent() && e.status().orElse(0) / 100 == 2
                            && (longGet[0] == null || e.time().get().isAfter(longGet[0]))) {
                        longGet[0] = e.time().get();
                    }
                    return true;
                });
                scan.add(f.path(), s);
            } catch (IOException e) {
                scan.unreadable(f.path(), String.valueOf(e.getMessage()));
            }
        }
        return new Result(history, scan, probe, Optional.ofNullable(longGet[0]));
    }

    private static void classify(W3cEntry e, String path, OutcomeHistory history, LogScan scan, List<Instant> probe) {
        Optional<String> kind = kind(e);
        if (kind.isEmpty()) {
            scan.countNoise();
            return;
        }
        if (e.time().isEmpty() || e.status().isEmpty()) {
            return;
        }
        scan.countMatching();
        if (OwnProbe.isOwn(e.userAgent())) {
            history.countOwnProbe();
            if (probe.size() == MAX_PROBE_TIMES) {
                probe.remove(0);
            }
            probe.add(e.time().get());
            return;
        }
        int status = e.status().getAsInt();
        OptionalInt sub = e.substatus();
        String code = e.statusCode().orElse(String.valueOf(status));
        String k = kind.get();
        boolean registrationPoint = k.equals("VerifyRequest") || k.equals("Notify");
        OutcomeResult result;
        FailureScope scope = FailureScope.SERVER;
        if (k.equals(BARE_GET)) {
            result = status == 403 ? OutcomeResult.SUCCESS : OutcomeResult.FAILURE;
        } else if (registrationPoint) {
            result = status >= 200 && status < 300 ? OutcomeResult.SUCCESS : OutcomeResult.FAILURE;
            scope = status >= 500 || status == 401 || status == 403 ? FailureScope.SERVER : FailureScope.REQUEST;
        } else {
            result = status >= 200 && status < 300 ? OutcomeResult.SUCCESS : OutcomeResult.FAILURE;
            scope = serverLevel(status, sub.orElse(0)) ? FailureScope.SERVER : FailureScope.REQUEST;
        }
        String message = e.method().orElse("-") + " " + e.uriStem().orElse("") + e.scepOperation().map(o -> "?operation=" + o).orElse("")
                + " answered " + code.replace('.', ' ') + " to " + e.clientIp().map(Object::toString).orElse("-")
                + e.userAgent().map(u -> " (" + u + ")").orElse("");
        history.add(new Outcome(e.time().get(), k, result, scope, code, message, path, Optional.of(e.line()), CHECK_ID, false));
    }

    /** Fails for every request of the kind: 5xx, authentication, authorization and the request-length limits. */
    static boolean serverLevel(int status, int sub) {
        return status >= 500 || status == 401 || status == 403 || status == 414 || (status == 404 && (sub == 14 || sub == 15))
                || status == 413;
    }

    /** The kind of a SCEP request, or empty for another URL. */
    static Optional<String> kind(W3cEntry e) {
        String stem = e.uriStem().orElse(""); // ASCII case ignored, as before, without a lower-cased copy
        if (AsciiCase.startsWith(stem, "/certsrv/mscep/mscep.dll")) {
            return Optional.of(e.scepOperation().map(ScepRequests::operationName).orElse(BARE_GET));
        }
        if (AsciiCase.startsWith(stem, "/certificateregistrationsvc/")) {
            if (AsciiCase.endsWith(stem, "/verifyrequest")) {
                return Optional.of("VerifyRequest");
            }
            if (AsciiCase.endsWith(stem, "/notify")) {
                return Optional.of("Notify");
            }
        }
        return Optional.empty();
    }

    private static String operationName(String op) {
        for (String known : List.of("GetCACaps", "GetCACert", "GetNextCACert", "PKIOperation")) {
            if (known.equalsIgnoreCase(op)) {
                return known;
            }
        }
        return op.length() > 40 ? op.substring(0, 40) : op;
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
