package dev.ndesdiag.api.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * CommandCapture is the console output of one command run on the server, such as
 * {@code certutil -ping}, with how it was run.
 *
 * @param name the capture's name, such as {@code certutil-ping}; never null
 * @param command the exact command line, when recorded
 * @param exitCode the exit code, when recorded
 * @param startedAt when it started, when recorded
 * @param durationMs how long it ran, when recorded
 * @param output stdout then stderr, decoded; never null
 * @since 0.1.0
 */
public record CommandCapture(
        String name,
        Optional<String> command,
        OptionalInt exitCode,
        Optional<Instant> startedAt,
        OptionalLong durationMs,
        String output) {

    /** Validates the components. */
    public CommandCapture {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(durationMs, "durationMs");
        Objects.requireNonNull(output, "output");
    }
}
