package dev.ndesdiag.cli;

import dev.ndesdiag.api.Status;

/**
 * The {@code --fail-on} threshold: the least severe outcome that gives a non-zero exit code, in the
 * report order {@code FAIL > ERROR > WARN}. The default, {@code warn}, is the table of report
 * format 1; {@code skipped} lowers it so that an incomplete bundle also fails a CI job, and
 * {@code error}, {@code fail} and {@code never} raise it.
 */
enum FailOn {
    /** As {@code warn}, and a report with any skipped check exits 1: every check must have judged. */
    SKIPPED(Status.WARN),
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

    boolean failsOnSkippedChecks() {
        return this == SKIPPED;
    }
}
