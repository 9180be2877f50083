package dev.ndesdiag.api.snapshot;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * EventRecord is one event of a Windows event log, as {@code wevtutil qe /f:xml} renders it.
 *
 * @param log the log's name, such as {@code Application}; never null
 * @param provider the provider name, such as {@code Microsoft-Windows-NetworkDeviceEnrollmentService}; never null
 * @param eventId the event id
 * @param level the level (1 critical, 2 error, 3 warning, 4 information), when present
 * @param timeCreated when the event was written, when present
 * @param recordId the record number, when present
 * @param computer the computer name, when present
 * @param data the {@code <Data>} values of the event, in order; never null
 * @param message the rendered message ({@code /rd:true}), when present
 * @param namedData the {@code <Data Name='...'>} values by name (the first of a repeated name), in order;
 *     never null, empty when the event's data are unnamed
 * @since 0.1.0
 */
public record EventRecord(
        String log,
        String provider,
        int eventId,
        OptionalInt level,
        Optional<Instant> timeCreated,
        OptionalLong recordId,
        Optional<String> computer,
        List<String> data,
        Optional<String> message,
        Map<String, String> namedData) {

    /** Validates and copies the components. */
    public EventRecord {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(timeCreated, "timeCreated");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(computer, "computer");
        data = List.copyOf(data);
        Objects.requireNonNull(message, "message");
        namedData = Collections.unmodifiableMap(new LinkedHashMap<>(namedData));
    }

    /**
     * Hashes what tells events apart (channel, provider, id, time, record id), not the level,
     * computer, data or message: equal events still hash alike, and a key holding a channel's events (a history
     * read once per snapshot) hashes in time independent of the events' text.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(log, provider, eventId, timeCreated, recordId);
    }

    /**
     * Creates an event whose data values are unnamed (the constructor of 0.1.0).
     *
     * @param log the log's name; never null
     * @param provider the provider name; never null
     * @param eventId the event id
     * @param level the level, when present
     * @param timeCreated when the event was written, when present
     * @param recordId the record number, when present
     * @param computer the computer name, when present
     * @param data the {@code <Data>} values, in order; never null
     * @param message the rendered message, when present
     */
    public EventRecord(String log, String provider, int eventId, OptionalInt level, Optional<Instant> timeCreated,
            OptionalLong recordId, Optional<String> computer, List<String> data, Optional<String> message) {
        this(log, provider, eventId, level, timeCreated, recordId, computer, data, message, Map.of());
    }

    /**
     * Returns a data value by its name, as {@code <Data Name='...'>} gives it.
     *
     * @param name the name, matched exactly; never null
     * @return the value, or empty when no data element has that name
     */
    public Optional<String> data(String name) {
        return Optional.ofNullable(namedData.get(name));
    }
}
