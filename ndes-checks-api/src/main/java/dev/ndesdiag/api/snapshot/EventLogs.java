package dev.ndesdiag.api.snapshot;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EventLogs holds the exported events of a snapshot by log name (case-insensitive), such as
 * {@code Application} or {@code Microsoft-Intune-CertificateConnectors/Admin}.
 *
 * @param logs events by log name, newest first as {@code /rd:true} exports them; never null
 * @since 0.1.0
 */
public record EventLogs(Map<String, List<EventRecord>> logs) {

    /** Copies the components. */
    public EventLogs {
        Map<String, List<EventRecord>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        logs.forEach((k, v) -> map.put(k, List.copyOf(v)));
        logs = Collections.unmodifiableMap(map);
    }

    /**
     * Returns the events of one log.
     *
     * @param log the log name; never null
     * @return the events; never null, empty when the log was not exported
     */
    public List<EventRecord> events(String log) {
        return logs.getOrDefault(log, List.of());
    }

    /**
     * Returns the events of one log, telling an exported log without events from a log not exported.
     *
     * @param log the log name; never null
     * @return the events, or empty when the log was not exported
     * @since 0.2.0
     */
    public java.util.Optional<List<EventRecord>> log(String log) {
        return java.util.Optional.ofNullable(logs.get(log));
    }
}
