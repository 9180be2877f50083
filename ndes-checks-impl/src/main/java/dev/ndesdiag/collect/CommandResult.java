package dev.ndesdiag.collect;

import dev.ndesdiag.api.snapshot.Blob;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one external command did: its exit code and console output, how long it ran, whether it
 * was stopped at its time limit, or why it could not start.
 *
 * @param exitCode the exit code, when it ended by itself
 * @param stdout standard output, raw
 * @param stderr standard error, raw
 * @param duration how long it ran
 * @param timedOut whether it was stopped at its time limit
 * @param failure why it could not run, when it could not
 */
public record CommandResult(OptionalInt exitCode, Blob stdout, Blob stderr, Duration duration, boolean timedOut,
        Optional<String> failure) {

    /** Validates the components. */
    public CommandResult {
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
    }

    /** @return whether the command ran to the end with exit code 0 */
    public boolean succeeded() {
        return !timedOut && failure.isEmpty() && exitCode.orElse(-1) == 0;
    }

    /** @return stdout followed by stderr, as the console showed them */
    public byte[] console() {
        byte[] out = stdout.toByteArray();
        byte[] err = stderr.toByteArray();
        byte[] all = new byte[out.length + err.length];
        System.arraycopy(out, 0, all, 0, out.length);
        System.arraycopy(err, 0, all, out.length, err.length);
        return all;
    }
}
