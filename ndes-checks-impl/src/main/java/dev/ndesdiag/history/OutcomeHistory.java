package dev.ndesdiag.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcomes of one source (an event log, a set of log files) by kind, in bounded memory: per kind
 * a {@link KindHistory}, and the notable outcomes (failures, recoveries, milestones) for the
 * timeline, at most {@value #MAX_NOTABLE}, the newest kept. Outcomes are added in time order.
 */
public final class OutcomeHistory {

    /** The most notable outcomes kept for the timeline. */
    public static final int MAX_NOTABLE = 200;

    private final TimeFrame frame;
    private final Map<String, KindHistory> kinds = new LinkedHashMap<>();
    private final Deque<Outcome> notable = new ArrayDeque<>();
    private long ownProbe;

    /**
     * Creates an empty history.
     *
     * @param frame the clock it is judged against; never null
     */
    public OutcomeHistory(TimeFrame frame) {
        this.frame = Objects.requireNonNull(frame, "frame");
    }

    /**
     * Returns the clock.
     *
     * @return the frame; never null
     */
    public TimeFrame frame() {
        return frame;
    }

    /**
     * Adds the next outcome (in time order).
     *
     * @param o the outcome; never null
     */
    public void add(Outcome o) {
        boolean recovered = kinds.computeIfAbsent(o.kind(), k -> new KindHistory(k, frame)).add(o);
        if (o.failed() || recovered || o.milestone()) {
            if (notable.size() == MAX_NOTABLE) {
                notable.removeFirst();
            }
            notable.addLast(o);
        }
    }

    /** Counts one record of ndes-diag's own probe, which is set aside. */
    public void countOwnProbe() {
        ownProbe++;
    }

    /**
     * Returns how many records of the own probe were set aside.
     *
     * @return the count
     */
    public long ownProbe() {
        return ownProbe;
    }

    /**
     * Tells whether any outcome was recorded.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return kinds.isEmpty();
    }

    /**
     * Returns the history of one kind.
     *
     * @param kind the kind; never null
     * @return the history, when the kind was recorded
     */
    public Optional<KindHistory> kind(String kind) {
        return Optional.ofNullable(kinds.get(kind));
    }

    /**
     * Returns the judgement of every kind recorded, in the order kinds were first seen.
     *
     * @return the judgements; never null
     */
    public List<Judgement> judgements() {
        return kinds.values().stream().map(KindHistory::judge).toList();
    }

    /**
     * Returns the notable outcomes (failures, recoveries, milestones), oldest first.
     *
     * @return at most {@value #MAX_NOTABLE}; never null
     */
    public List<Outcome> notable() {
        List<Outcome> list = new ArrayList<>(notable);
        list.sort(Comparator.comparing(Outcome::at));
        return list;
    }
}
