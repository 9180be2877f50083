package dev.ndesdiag.history;

import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one kind of operation, with what it rests on.
 *
 * @param kind the kind, such as {@code PKIOperation}; never null
 * @param verdict the verdict; never null
 * @param latest the latest outcome of the kind; never null
 * @param latestFailure the latest failure, when one was recorded; never null
 * @param recoveredAt the first success after the latest failure, when the kind recovered; never null
 * @param total how many outcomes of the kind were recorded
 * @param failures how many of them failed
 * @param recentTotal how many were recorded in the 24 hours before collection
 * @param recentFailures how many of those failed
 * @param systematic whether the failures are systematic (the three latest failed, or every recent one)
 */
public record Judgement(String kind, Verdict verdict, Outcome latest, Optional<Outcome> latestFailure,
        Optional<Outcome> recoveredAt, long total, long failures, long recentTotal, long recentFailures, boolean systematic) {

    /** Validates the components. */
    public Judgement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(latestFailure, "latestFailure");
        Objects.requireNonNull(recoveredAt, "recoveredAt");
    }

    /**
     * Describes the counts for evidence, such as {@code "41 recorded, 3 failed; 12 in the last 24 h, 3 failed"}.
     *
     * @return the description; never null
     */
    public String counts() {
        return total + " recorded, " + failures + " failed; " + recentTotal + " in the 24 h before collection, "
                + recentFailures + " failed";
    }
}
