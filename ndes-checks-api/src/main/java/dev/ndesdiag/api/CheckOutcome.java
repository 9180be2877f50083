package dev.ndesdiag.api;

import java.time.Duration;
import java.util.Objects;

/**
 * CheckOutcome is one entry of a report: which check ran, what it found, and how long it took.
 *
 * @param descriptor the check that ran; never null
 * @param result what it found; never null
 * @param duration how long it ran, measured by the runner; never null or negative
 * @since 0.1.0
 */
public record CheckOutcome(CheckDescriptor descriptor, CheckResult result, Duration duration) {

    /** Validates the components. */
    public CheckOutcome {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration of '" + descriptor.id() + "' is negative");
        }
    }

    /**
     * Returns the check's status.
     *
     * @return the result's status; never null
     */
    public Status status() {
        return result.status();
    }

    /**
     * Returns the check's id.
     *
     * @return the descriptor's id; never null
     */
    public String id() {
        return descriptor.id();
    }
}
