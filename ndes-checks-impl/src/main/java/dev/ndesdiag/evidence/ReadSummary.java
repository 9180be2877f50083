package dev.ndesdiag.evidence;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a streamed read saw: lines read, entries delivered, what was skipped and why, and whether the
 * file ended in the middle of a line. Skipped text itself is never kept: only line numbers.
 *
 * @param lines the number of lines read (or XML fragments, for XML formats)
 * @param entries the number of entries delivered to the sink
 * @param skipped how many lines or records were skipped, by reason; never null
 * @param firstSkippedLines the line numbers of the first few skipped lines or records (at most
 *     {@value #MAX_EXAMPLES}); never null
 * @param endedMidLine whether the file's last line has no line break (a truncated or still-written file)
 * @param stoppedEarly whether the sink asked to stop before the end of the file
 * @since 0.1.0
 */
public record ReadSummary(
        long lines,
        long entries,
        Map<SkipReason, Long> skipped,
        List<Long> firstSkippedLines,
        boolean endedMidLine,
        boolean stoppedEarly) {

    /** How many skipped line numbers are kept as examples. */
    public static final int MAX_EXAMPLES = 5;

    /** Validates and copies the components. */
    public ReadSummary {
        Objects.requireNonNull(skipped, "skipped");
        EnumMap<SkipReason, Long> copy = new EnumMap<>(SkipReason.class);
        skipped.forEach((k, v) -> {
            if (v > 0) {
                copy.put(k, v);
            }
        });
        skipped = Collections.unmodifiableMap(copy);
        firstSkippedLines = List.copyOf(firstSkippedLines);
    }

    /**
     * Returns the number of lines or records skipped, for all reasons.
     *
     * @return the total
     */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Returns how many were skipped for one reason.
     *
     * @param reason the reason; never null
     * @return the count, 0 when none
     */
    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    /**
     * Describes the skipped lines in one sentence for a finding's evidence, such as
     * {@code "3 skipped: 2 field count differs from its #Fields directive, 1 longer than the line bound (first at lines 4, 9, 12)"}.
     *
     * @return the description, or {@code "none skipped"}; never null
     */
    public String describeSkipped() {
        if (skipped.isEmpty()) {
            return "none skipped";
        }
        String reasons = skipped.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().description())
                .collect(Collectors.joining(", "));
        String where = firstSkippedLines.isEmpty() ? "" : " (first at line"
                + (firstSkippedLines.size() > 1 ? "s " : " ")
                + firstSkippedLines.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        return skippedTotal() + " skipped: " + reasons + where;
    }
}
