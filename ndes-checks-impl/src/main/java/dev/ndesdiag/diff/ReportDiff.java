package dev.ndesdiag.diff;

import dev.ndesdiag.api.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * ReportDiff is what changed between two reports of a server, finding by finding. A finding is known
 * by its check id and code; several findings of one key (two planted intermediates, say) are one
 * entry whose status is the worst of them and whose messages are all of theirs.
 *
 * <ul>
 *   <li>{@link Kind#NEW}: the key is in AFTER only;</li>
 *   <li>{@link Kind#FIXED}: the key is in BEFORE only, and AFTER's check judged (it ran and is neither
 *       SKIPPED nor ERROR) - a check that did not judge fixes nothing;</li>
 *   <li>{@link Kind#CHANGED}: in both with another status, count or message; or gone from a check that
 *       did not judge in AFTER (then its after-status is that check's, SKIPPED or ERROR, or absent);</li>
 *   <li>{@link Kind#UNCHANGED}: the same.</li>
 * </ul>
 *
 * <p>"Worse" is an entry whose after-status is at least WARN and worse than before (a new key counts
 * as worse than nothing). The exit code of {@code diff}: 2 when something became FAIL, 1 when something
 * became WARN or ERROR, 0 when nothing got worse.
 *
 * @param before the earlier report; never null
 * @param after the later report; never null
 * @param entries the entries: NEW, CHANGED, FIXED, UNCHANGED, each by check id and code; never null
 */
public record ReportDiff(ReportFacts before, ReportFacts after, List<Entry> entries) {

    /** What happened to a finding. */
    public enum Kind {
        /** Appeared. */
        NEW,
        /** Present in both, but not the same. */
        CHANGED,
        /** Gone, and the check judged again. */
        FIXED,
        /** The same in both. */
        UNCHANGED
    }

    /**
     * One finding key and what happened to it.
     *
     * @param kind what happened; never null
     * @param checkId the check; never null
     * @param code the finding code; never null
     * @param before the status before, when it was there (or the check's, for a check that did not judge)
     * @param after the status after, likewise
     * @param beforeMessages the messages before; never null
     * @param afterMessages the messages after; never null
     */
    public record Entry(Kind kind, String checkId, String code, Optional<Status> before, Optional<Status> after,
                        List<String> beforeMessages, List<String> afterMessages) {
        /** Validates and copies the components. */
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(checkId, "checkId");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            beforeMessages = List.copyOf(beforeMessages);
            afterMessages = List.copyOf(afterMessages);
        }

        /**
         * Tells whether this entry got worse: its after-status is at least WARN and worse than before.
         *
         * @return true when it did
         */
        public boolean worse() {
            if (after.isEmpty() || !after.get().isAtLeast(Status.WARN)) {
                return false;
            }
            return before.isEmpty() || after.get().severity() > before.get().severity();
        }
    }

    /** Validates and copies the components. */
    public ReportDiff {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        entries = List.copyOf(entries);
    }

    private record Group(Status worst, List<String> messages) {
    }

    /**
     * Compares two reports.
     *
     * @param before the earlier; never null
     * @param after the later; never null
     * @return the diff, entries by kind, check id and code; never null
     */
    public static ReportDiff of(ReportFacts before, ReportFacts after) {
        Map<String, Group> b = groups(before);
        Map<String, Group> a = groups(after);
        Map<String, Status> afterChecks = new TreeMap<>();
        after.checks().forEach(c -> afterChecks.put(c.id(), c.status()));
        TreeMap<String, Boolean> keys = new TreeMap<>();
        b.keySet().forEach(k -> keys.put(k, true));
        a.keySet().forEach(k -> keys.put(k, true));
        List<Entry> entries = new ArrayList<>();
        for (String key : keys.keySet()) {
            int cut = key.indexOf('\u0000');
            String check = key.substring(0, cut);
            String code = key.substring(cut + 1);
            Group gb = b.get(key);
            Group ga = a.get(key);
            if (gb == null) {
                entries.add(new Entry(Kind.NEW, check, code, Optional.empty(), Optional.of(ga.worst()), List.of(),
                        ga.messages()));
            } else if (ga == null) {
                Status checkAfter = afterChecks.get(check);
                boolean judged = checkAfter != null && checkAfter != Status.SKIPPED && checkAfter != Status.ERROR;
                entries.add(new Entry(judged ? Kind.FIXED : Kind.CHANGED, check, code, Optional.of(gb.worst()),
                        judged ? Optional.empty() : Optional.ofNullable(checkAfter), gb.messages(), List.of()));
            } else {
                boolean same = gb.worst() == ga.worst() && gb.messages().equals(ga.messages());
                entries.add(new Entry(same ? Kind.UNCHANGED : Kind.CHANGED, check, code, Optional.of(gb.worst()),
                        Optional.of(ga.worst()), gb.messages(), ga.messages()));
            }
        }
        entries.sort(Comparator.comparing(Entry::kind).thenComparing(Entry::checkId).thenComparing(Entry::code));
        return new ReportDiff(before, after, entries);
    }

    private static Map<String, Group> groups(ReportFacts facts) {
        Map<String, Group> out = new TreeMap<>();
        for (ReportFacts.CheckFacts c : facts.checks()) {
            for (ReportFacts.FindingFacts f : c.findings()) {
                String key = c.id() + '\u0000' + f.code();
                Group g = out.get(key);
                List<String> messages = new ArrayList<>(g == null ? List.of() : g.messages());
                messages.add(f.message());
                messages.sort(null);
                Status worst = g == null ? f.status() : Status.worst(List.of(g.worst(), f.status()));
                out.put(key, new Group(worst, messages));
            }
        }
        return out;
    }

    /**
     * Returns the entries of one kind.
     *
     * @param kind the kind
     * @return them, by check id and code; never null
     */
    public List<Entry> of(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /**
     * Returns the worst status any entry got worse to, or empty when nothing got worse.
     *
     * @return FAIL, ERROR or WARN; or empty
     */
    public Optional<Status> worsened() {
        return entries.stream().filter(Entry::worse).map(e -> e.after().orElseThrow())
                .min(Status.worstFirst());
    }
}
