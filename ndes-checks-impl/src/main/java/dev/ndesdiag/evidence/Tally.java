package dev.ndesdiag.evidence;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The mutable counters of one read, turned into a {@link ReadSummary} at the end. */
final class Tally {

    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final List<Long> examples = new ArrayList<>();
    long lines;
    long entries;
    boolean endedMidLine;
    boolean stoppedEarly;

    void skip(SkipReason reason, long line) {
        skipped.merge(reason, 1L, Long::sum);
        if (examples.size() < ReadSummary.MAX_EXAMPLES) {
            examples.add(line);
        }
    }

    ReadSummary summary() {
        return new ReadSummary(lines, entries, skipped, examples, endedMidLine, stoppedEarly);
    }
}
