package dev.ndesdiag.api.snapshot;

import java.time.Instant;
import java.util.List;
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
        Optional<String> message) {

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
    }
}
