package dev.ndesdiag.history;

import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.inputs.Readings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Certificate Connector for Microsoft Intune's Admin channel
 * ({@code Microsoft-Intune-CertificateConnectors/Admin}), one event per request
 * (https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-overview, "Logging"
 * and "Task Categories"): {@value #SCEP} 4000 ScepRequestSuccess, 4001 ScepRequestIssuedFailure,
 * 4002 ScepRequestUploadFailure; {@value #PKCS} 1000 / 1001; {@value #PKCS_IMPORT} 2000 / 2001;
 * {@value #REVOKE} 3000 / 3001. Every failure is one request's: the SCEP kind follows the
 * systematic rule; the others warn when recent.
 */
public final class ConnectorEvents {

    /** The provider. */
    public static final String PROVIDER = "Microsoft-Intune-CertificateConnectors";
    /** The log. */
    public static final String LOG = "Microsoft-Intune-CertificateConnectors/Admin";
    /** The check that judges these events. */
    public static final String CHECK_ID = "connector-events";
    /** SCEP requests. */
    public static final String SCEP = "SCEP request";
    /** PKCS requests. */
    public static final String PKCS = "PKCS request";
    /** PKCS import requests. */
    public static final String PKCS_IMPORT = "PKCS import request";
    /** Revocation requests. */
    public static final String REVOKE = "revocation request";

    private record Meaning(String kind, OutcomeResult result, String name) {
    }

    private static final Map<Integer, Meaning> EVENTS = Map.of(
            4000, new Meaning(SCEP, OutcomeResult.SUCCESS, "ScepRequestSuccess"),
            4001, new Meaning(SCEP, OutcomeResult.FAILURE, "ScepRequestIssuedFailure"),
            4002, new Meaning(SCEP, OutcomeResult.FAILURE, "ScepRequestUploadFailure"),
            1000, new Meaning(PKCS, OutcomeResult.SUCCESS, "PkcsRequestSuccess"),
            1001, new Meaning(PKCS, OutcomeResult.FAILURE, "PkcsRequestFailure"),
            2000, new Meaning(PKCS_IMPORT, OutcomeResult.SUCCESS, "PkcsImportRequestSuccess"),
            2001, new Meaning(PKCS_IMPORT, OutcomeResult.FAILURE, "PkcsImportRequestFailure"),
            3000, new Meaning(REVOKE, OutcomeResult.SUCCESS, "RevokeRequestSuccess"),
            3001, new Meaning(REVOKE, OutcomeResult.FAILURE, "RevokeRequestFailure"));

    private ConnectorEvents() {
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
    public static OutcomeHistory read(Snapshot snapshot, List<EventRecord> events, List<Instant> ownProbeTimes, TimeFrame frame) {
        return Readings.of(snapshot).get(List.of(ConnectorEvents.class, events, ownProbeTimes, frame), () -> read(events, ownProbeTimes, frame));
    }

    /**
     * Reads the events.
     *
     * @param events the provider's Admin events, in any order; never null
     * @param ownProbeTimes when the own probe's requests were logged, to set aside the SCEP failures
     *     they caused; never null
     * @param frame the clock; never null
     * @return the outcomes by kind; never null
     */
    public static OutcomeHistory read(List<EventRecord> events, List<Instant> ownProbeTimes, TimeFrame frame) {
        OutcomeHistory history = new OutcomeHistory(frame);
        for (EventRecord e : EventOutcomes.chronological(events)) {
            Meaning m = EVENTS.get(e.eventId());
            if (m == null) {
                continue;
            }
            Instant at = EventOutcomes.at(e);
            if (m.kind().equals(SCEP) && m.result() == OutcomeResult.FAILURE && OwnProbe.causedBy(ownProbeTimes, at)) {
                history.countOwnProbe();
                continue;
            }
            history.add(new Outcome(at, m.kind(), m.result(), FailureScope.REQUEST, "CONNECTOR-" + e.eventId(),
                    m.name() + ": " + EventOutcomes.text(e), EventOutcomes.source(e), Optional.empty(), CHECK_ID, false));
        }
        return history;
    }
}
