package dev.ndesdiag.api;

import java.util.Collection;
import java.util.Comparator;

/**
 * Status is the outcome of a finding, a check or a whole report, as defined by report format 1.
 *
 * <p>The constants are declared from worst to best in the order that decides a report's status:
 * {@code FAIL > ERROR > WARN > PASS}. {@code SKIPPED} never counts towards a worse status.
 *
 * @since 0.1.0
 */
public enum Status {
    /** Broken: this explains or will cause failing enrollments. */
    FAIL(4),
    /** The check itself could not complete (bad input, timeout, bug); never a silent pass. */
    ERROR(3),
    /** Works now, but will break or is fragile. */
    WARN(2),
    /** Checked and healthy; may carry informational findings. */
    PASS(1),
    /** Not applicable, or its input is missing; the accompanying finding says which and how to collect it. */
    SKIPPED(0);

    private final int severity;

    Status(int severity) {
        this.severity = severity;
    }

    /**
     * Returns the severity rank of this status: higher is worse, {@code SKIPPED} is 0.
     *
     * @return the rank, from 0 ({@code SKIPPED}) to 4 ({@code FAIL})
     */
    public int severity() {
        return severity;
    }

    /**
     * Orders statuses from worst to best, the order in which a report groups its results.
     *
     * @return a comparator putting {@code FAIL} first and {@code SKIPPED} last; never null
     */
    public static Comparator<Status> worstFirst() {
        return Comparator.comparingInt(Status::severity).reversed();
    }

    /**
     * Folds statuses into the worst one, ignoring {@code SKIPPED}.
     *
     * @param statuses the statuses to fold; never null, may be empty
     * @return the worst counted status, or {@code SKIPPED} when nothing counted (no statuses, or only
     *     {@code SKIPPED} ones); never null
     */
    public static Status worst(Collection<Status> statuses) {
        Status worst = SKIPPED;
        for (Status s : statuses) {
            if (s.severity > worst.severity) {
                worst = s;
            }
        }
        return worst;
    }

    /**
     * Tells whether this status is at least as bad as {@code other}.
     *
     * @param other the status to compare with; never null
     * @return true when this status ranks the same as or worse than {@code other}
     */
    public boolean isAtLeast(Status other) {
        return severity >= other.severity;
    }
}
