package dev.ndesdiag.history;

import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.inputs.Readings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what WAS (the Windows Process Activation Service, System log) and Application Error
 * recorded about the pool that serves {@code /CertSrv/mscep}: {@value #DISABLED} (5002 rapid-fail
 * protection disabled the pool; 5021, 5057, 5059 its identity is invalid or its worker could not
 * start), and {@value #CRASH} (5009, 5011 a worker process ended unexpectedly; Application Error
 * 1000 for {@code w3wp.exe}). Event ids: the IIS/WAS event reference
 * https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/dd364088(v=ws.10)
 * (5002, 5021, 5057, 5059) and
 * https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module
 * (5009 and Application Error 1000 for w3wp.exe). WAS names the pool in its data ({@code AppPoolID},
 * or the first value); events about other pools are counted as noise. Application Error does not
 * name the pool: every w3wp.exe crash is kept, and said to be any pool's.
 */
public final class ScepPoolEvents {

    /** The WAS provider. */
    public static final String WAS = "Microsoft-Windows-WAS";
    /** The Application Error provider. */
    public static final String APPLICATION_ERROR = "Application Error";
    /** The check that judges these events. */
    public static final String CHECK_ID = "scep-pool-events";
    /** The kind of the pool disabled or its identity failing. */
    public static final String DISABLED = "SCEP pool disabled";
    /** The kind of worker crashes. */
    public static final String CRASH = "SCEP worker crash";

    /** WAS events that take the pool out of service. */
    public static final Set<Integer> DISABLING = Set.of(5002, 5021, 5057, 5059);
    /** WAS events of a worker process that ended. */
    public static final Set<Integer> CRASHES = Set.of(5009, 5011);

    /**
     * What was read.
     *
     * @param history the outcomes by kind; never null
     * @param otherPools how many WAS events were about other pools
     */
    public record Result(OutcomeHistory history, long otherPools) {
    }

    private ScepPoolEvents() {
    }

    /**
     * Reads as {@link #read(List, List, String, TimeFrame)} does, once per snapshot for the same
     * arguments: the check and the report's timeline ask for the same reading ({@link Readings}).
     *
     * @param snapshot the snapshot the arguments come from; never null
     * @param was as for that method
     * @param applicationErrors as for that method
     * @param pool as for that method
     * @param frame as for that method
     * @return what was read; the same object for every caller
     */
    public static Result read(Snapshot snapshot, List<EventRecord> was, List<EventRecord> applicationErrors, String pool, TimeFrame frame) {
        return Readings.of(snapshot).get(List.of(ScepPoolEvents.class, was, applicationErrors, pool, frame),
                () -> read(was, applicationErrors, pool, frame));
    }

    /**
     * Reads the events.
     *
     * @param was the WAS events of the System log; never null
     * @param applicationErrors the Application Error events of the Application log; never null
     * @param pool the pool's name, such as {@code SCEP}; never null
     * @param frame the clock; never null
     * @return what was read; never null
     */
    public static Result read(List<EventRecord> was, List<EventRecord> applicationErrors, String pool, TimeFrame frame) {
        OutcomeHistory history = new OutcomeHistory(frame);
        long other = 0;
        List<EventRecord> all = new java.util.ArrayList<>(was);
        all.addAll(applicationErrors);
        for (EventRecord e : EventOutcomes.chronological(all)) {
            int id = e.eventId();
            boolean wasEvent = e.provider().equalsIgnoreCase(WAS);
            String kind;
            String code;
            if (wasEvent && (DISABLING.contains(id) || CRASHES.contains(id))) {
                if (!pool.equalsIgnoreCase(poolOf(e))) {
                    other++;
                    continue;
                }
                kind = DISABLING.contains(id) ? DISABLED : CRASH;
                code = "WAS-" + id;
            } else if (!wasEvent && id == 1000 && EventOutcomes.allText(e).toLowerCase(Locale.ROOT).contains("w3wp.exe")) {
                kind = CRASH;
                code = "APPERR-1000";
            } else {
                continue;
            }
            history.add(new Outcome(EventOutcomes.at(e), kind, OutcomeResult.FAILURE,
                    kind.equals(DISABLED) ? FailureScope.SERVER : FailureScope.REQUEST, code, EventOutcomes.text(e),
                    EventOutcomes.source(e), Optional.empty(), CHECK_ID, false));
        }
        return new Result(history, other);
    }

    /** The pool a WAS event names. */
    static String poolOf(EventRecord e) {
        return e.data("AppPoolID").or(() -> e.data().stream().findFirst()).orElse("").strip();
    }
}
