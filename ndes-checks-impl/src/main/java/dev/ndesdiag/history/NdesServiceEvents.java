package dev.ndesdiag.history;

import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.inputs.Readings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the events of {@code Microsoft-Windows-NetworkDeviceEnrollmentService} in the Application
 * log. Kinds: {@value #START} (event 1 "started successfully"; events 2 "cannot be started" and 10
 * "cannot retrieve one of its required certificates" fail it for every request), and
 * {@value #REQUEST} (one request's errors, such as 31 "cannot submit the certificate request" and 18
 * "cannot decrypt", 16, 17, 7, 13, 6). Event ids and texts:
 * https://www.gradenegger.eu/en/overview-of-windows-events-generated-by-the-network-device-registration-service-ndes/
 * (generated with WELM from the provider's manifest), and Microsoft's
 * https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/devices-receive-scep-certificates-error-0x80094800
 * for event 31. Other errors and warnings of the provider (8 "cannot retrieve information from the
 * CA", 53 the policy module) are {@value #OTHER}: the cause beside a failed start, or noise.
 */
public final class NdesServiceEvents {

    /** The provider. */
    public static final String PROVIDER = "Microsoft-Windows-NetworkDeviceEnrollmentService";
    /** The check that judges these events. */
    public static final String CHECK_ID = "ndes-service-events";
    /** The kind of start attempts. */
    public static final String START = "NDES start";
    /** The kind of one request's errors. */
    public static final String REQUEST = "NDES request";
    /** The kind of other errors and warnings. */
    public static final String OTHER = "NDES error";

    /** Events that are one request's failure. */
    public static final Set<Integer> REQUEST_ERRORS = Set.of(6, 7, 13, 16, 17, 18, 31);
    /** Events that fail the start. */
    public static final Set<Integer> START_FAILURES = Set.of(2, 10);

    /**
     * What was read.
     *
     * @param history the outcomes by kind; never null
     * @param events the provider's events, oldest first, the own probe's set aside; never null
     */
    public record Result(OutcomeHistory history, List<EventRecord> events) {

        /** Copies the components. */
        public Result {
            events = List.copyOf(events);
        }
    }

    private NdesServiceEvents() {
    }

    /**
     * Reads as {@link #read(List, List, TimeFrame)} does, once per snapshot for the same
     * arguments: the check and the report's timeline ask for the same reading ({@link Readings}).
     *
     * @param snapshot the snapshot the arguments come from; never null
     * @param events as for that method
     * @param ownProbeTimes as for that method
     * @param frame as for that method
     * @return what was read; the same object for every caller
     */
    public static Result read(Snapshot snapshot, List<EventRecord> events, List<Instant> ownProbeTimes, TimeFrame frame) {
        return Readings.of(snapshot).get(List.of(NdesServiceEvents.class, events, ownProbeTimes, frame), () -> read(events, ownProbeTimes, frame));
    }

    /**
     * Reads the events.
     *
     * @param events the provider's events, in any order; never null
     * @param ownProbeTimes when the own probe's requests were logged, to set aside the request
     *     errors they caused; never null
     * @param frame the clock; never null
     * @return what was read; never null
     */
    public static Result read(List<EventRecord> events, List<Instant> ownProbeTimes, TimeFrame frame) {
        OutcomeHistory history = new OutcomeHistory(frame);
        List<EventRecord> kept = new java.util.ArrayList<>();
        for (EventRecord e : EventOutcomes.chronological(events)) {
            int id = e.eventId();
            Instant at = EventOutcomes.at(e);
            String code = "NDES-" + id;
            if (REQUEST_ERRORS.contains(id) && OwnProbe.causedBy(ownProbeTimes, at)) {
                history.countOwnProbe();
                continue;
            }
            kept.add(e);
            Outcome o;
            if (id == 1) {
                o = new Outcome(at, START, OutcomeResult.SUCCESS, FailureScope.SERVER, code, EventOutcomes.text(e),
                        EventOutcomes.source(e), Optional.empty(), CHECK_ID, true);
            } else if (START_FAILURES.contains(id)) {
                o = new Outcome(at, START, OutcomeResult.FAILURE, FailureScope.SERVER, code, EventOutcomes.text(e),
                        EventOutcomes.source(e), Optional.empty(), CHECK_ID, false);
            } else if (REQUEST_ERRORS.contains(id)) {
                o = new Outcome(at, REQUEST, OutcomeResult.FAILURE, FailureScope.REQUEST, code, EventOutcomes.text(e),
                        EventOutcomes.source(e), Optional.empty(), CHECK_ID, false);
            } else if (e.level().orElse(4) <= 3 && e.level().orElse(4) >= 1) {
                o = new Outcome(at, OTHER, OutcomeResult.FAILURE, FailureScope.REQUEST, code, EventOutcomes.text(e),
                        EventOutcomes.source(e), Optional.empty(), CHECK_ID, false);
            } else {
                continue;
            }
            history.add(o);
        }
        return new Result(history, kept);
    }
}
