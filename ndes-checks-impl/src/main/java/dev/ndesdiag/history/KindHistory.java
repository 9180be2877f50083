package dev.ndesdiag.history;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bounded history of one kind of operation: counts, the three latest outcomes, the latest
 * failure and success, and the first success after the latest failure. Fed in time order.
 */
public final class KindHistory {

    private final String kind;
    private final TimeFrame frame;
    private final Deque<Outcome> lastThree = new ArrayDeque<>(3);
    private long total;
    private long failures;
    private long recentTotal;
    private long recentFailures;
    private Outcome latestFailure;
    private Outcome latestSuccess;
    private Outcome recovery;

    KindHistory(String kind, TimeFrame frame) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.frame = Objects.requireNonNull(frame, "frame");
    }

    /** Adds the next outcome; returns whether it is a recovery (the first success after a failure). */
    boolean add(Outcome o) {
        total++;
        boolean recent = frame.isRecent(o.at());
        if (recent) {
            recentTotal++;
        }
        boolean recovered = false;
        if (o.failed()) {
            failures++;
            if (recent) {
                recentFailures++;
            }
            latestFailure = o;
            recovery = null;
        } else {
            if (latestFailure != null && recovery == null) {
                recovery = o;
                recovered = true;
            }
            latestSuccess = o;
        }
        if (lastThree.size() == 3) {
            lastThree.removeFirst();
        }
        lastThree.addLast(o);
        return recovered;
    }

    /**
     * Returns the kind.
     *
     * @return such as {@code GetCACaps}; never null
     */
    public String kind() {
        return kind;
    }

    /**
     * Returns the three latest outcomes, oldest first.
     *
     * @return at most three; never null
     */
    public List<Outcome> lastThree() {
        return List.copyOf(lastThree);
    }

    /**
     * Returns the latest success.
     *
     * @return the success, when one was recorded
     */
    public Optional<Outcome> latestSuccess() {
        return Optional.ofNullable(latestSuccess);
    }

    /**
     * Judges the kind by the rules of the package: a latest failure of server scope, or a
     * systematic one, is {@link Verdict#FAILING}; a latest failure among successes is
     * {@link Verdict#FAILING_SOMETIMES}; a latest success after a failure has recovered, recently
     * or long ago.
     *
     * @return the judgement; never null
     */
    public Judgement judge() {
        Outcome latest = lastThree.getLast();
        boolean systematic = lastThree.stream().allMatch(Outcome::failed)
                || (recentTotal > 0 && recentFailures == recentTotal);
        Verdict verdict;
        if (latest.failed()) {
            verdict = latest.scope() == FailureScope.SERVER || systematic ? Verdict.FAILING : Verdict.FAILING_SOMETIMES;
        } else if (latestFailure == null) {
            verdict = Verdict.HEALTHY;
        } else {
            verdict = frame.isRecent(latestFailure.at()) ? Verdict.RECOVERED_RECENTLY : Verdict.RECOVERED_LONG_AGO;
        }
        return new Judgement(kind, verdict, latest, Optional.ofNullable(latestFailure), Optional.ofNullable(recovery),
                total, failures, recentTotal, recentFailures, latest.failed() && systematic);
    }
}
