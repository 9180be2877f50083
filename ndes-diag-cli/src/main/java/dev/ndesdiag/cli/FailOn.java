package dev.ndesdiag.cli;

import dev.ndesdiag.api.Status;

/**
 * The {@code --fail-on} threshold: the least severe report status that gives a non-zero exit code,
 * in the report order {@code FAIL > ERROR > WARN}. The default, {@code warn}, is the spec's table.
 */
enum FailOn {
    /** WARN, ERROR and FAIL exit non-zero (the default). */
    WARN(Status.WARN),
    /** ERROR and FAIL exit non-zero; warnings exit 0. */
    ERROR(Status.ERROR),
    /** Only FAIL exits non-zero. */
    FAIL(Status.FAIL),
    /** The exit code is 0 whenever a report was made. */
    NEVER(null);

    private final Status threshold;

    FailOn(Status threshold) {
        this.threshold = threshold;
    }

    boolean fails(Status status) {
        return threshold != null && status != Status.SKIPPED && status.isAtLeast(threshold);
    }
}
