package dev.ndesdiag.evidence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a CMTrace-format log (NDESPlugin.log, connector logs):
 * {@code <![LOG[message]LOG]!><time="…" date="…" component="…" context="…" type="…" thread="…" file="…">}.
 *
 * @param line the line the record starts on, from 1
 * @param localTime the time and date as written, in the writer's local time; never null
 * @param time the UTC instant, when the log gave a bias or the bundle gave the server's offset
 * @param timeBasis how {@code time} was obtained; never null
 * @param component the {@code component} attribute, such as {@code NDESPlugin}; never null, may be empty
 * @param severity the {@code type} attribute; never null
 * @param thread the {@code thread} attribute; never null, may be empty
 * @param message the message, line breaks inside it kept as {@code \n}; never null
 * @since 0.1.0
 */
public record CmTraceEntry(
        long line,
        LocalDateTime localTime,
        Optional<Instant> time,
        TimeBasis timeBasis,
        String component,
        CmTraceSeverity severity,
        String thread,
        String message) {

    /** Validates the components. */
    public CmTraceEntry {
        Objects.requireNonNull(localTime, "localTime");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(timeBasis, "timeBasis");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(message, "message");
    }
}
