package dev.ndesdiag.evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code <E2ETraceEvent>} of a WCF trace file ({@code .svclog}, as the legacy Intune connector's
 * NDESConnector and CertificateRegistrationPoint logs are written), its {@code System} header and
 * the text of its {@code ApplicationData}.
 *
 * @param line the line the event starts on, from 1
 * @param time {@code TimeCreated/@SystemTime}, when readable
 * @param source {@code Source/@Name}, such as {@code NDESConnector}
 * @param eventId {@code EventID}, when numeric
 * @param level {@code SubType/@Name}, such as {@code Error}, {@code Warning}, {@code Information}
 * @param computer {@code Computer}
 * @param processName {@code Execution/@ProcessName}
 * @param message the text of {@code ApplicationData} and its descendants, joined with {@code " | "}; never null
 * @since 0.1.0
 */
public record SvcLogEntry(
        long line,
        Optional<Instant> time,
        Optional<String> source,
        OptionalInt eventId,
        Optional<String> level,
        Optional<String> computer,
        Optional<String> processName,
        String message) {

    /** Validates the components. */
    public SvcLogEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(computer, "computer");
        Objects.requireNonNull(processName, "processName");
        Objects.requireNonNull(message, "message");
    }
}
