package dev.ndesdiag.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Report is the whole answer of one analysis: the target, when it was evaluated, and one outcome
 * per check in a stable order (by check id).
 *
 * <p>The report's status is derived, never stored: the worst check status in the order
 * {@code FAIL > ERROR > WARN > PASS}, {@code SKIPPED} not counting; a report in which every check
 * was skipped (or that has no check) has status {@code SKIPPED}.
 *
 * @param tool the program that made it; never null
 * @param target what was analysed; never null
 * @param evaluatedAt the instant the checks judged time against; never null
 * @param duration the wall time of the analysis; never null
 * @param results one outcome per check, sorted by id; never null
 * @param timeline the notable records of the server's events and logs, oldest first, at most
 *     {@value #MAX_TIMELINE}; never null, empty when the bundle has none (since 0.2.0)
 * @since 0.1.0
 */
public record Report(ToolInfo tool, Target target, Instant evaluatedAt, Duration duration, List<CheckOutcome> results,
        List<TimelineEntry> timeline) {

    /** The most timeline entries a report carries (report format 1). */
    public static final int MAX_TIMELINE = 200;

    /** Validates and copies the components. */
    public Report {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(duration, "duration");
        results = List.copyOf(results);
        timeline = List.copyOf(timeline);
        if (timeline.size() > MAX_TIMELINE) {
            throw new IllegalArgumentException("a timeline holds at most " + MAX_TIMELINE + " entries, not " + timeline.size());
        }
    }

    /**
     * Creates a report without a timeline (the constructor of 0.1.0).
     *
     * @param tool the program that made it; never null
     * @param target what was analysed; never null
     * @param evaluatedAt the instant the checks judged time against; never null
     * @param duration the wall time of the analysis; never null
     * @param results one outcome per check; never null
     */
    public Report(ToolInfo tool, Target target, Instant evaluatedAt, Duration duration, List<CheckOutcome> results) {
        this(tool, target, evaluatedAt, duration, results, List.of());
    }

    /**
     * Returns the report's status, the worst of its checks ({@code SKIPPED} when nothing counted).
     *
     * @return the status; never null
     */
    public Status status() {
        return Status.worst(results.stream().map(CheckOutcome::status).toList());
    }

    /**
     * Counts the checks per status; every status has an entry, zero included.
     *
     * @return an unmodifiable map in declaration order of {@link Status}; never null
     */
    public Map<Status, Integer> counts() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }
}
