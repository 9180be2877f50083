package dev.ndesdiag.history;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.TimelineEntry;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.inputs.NdesInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds the report's timeline (report format 1, {@code timeline}): the notable outcomes of every
 * source the evidence checks read (failures, recoveries, NDES and policy module starts), merged by
 * time, oldest first, the newest {@value Report#MAX_TIMELINE} kept. The own probe's records are not
 * in it. A source the bundle lacks, or cannot read, adds nothing.
 */
public final class Timeline {

    private Timeline() {
    }

    /**
     * Builds the timeline of a snapshot.
     *
     * @param snapshot the snapshot; never null
     * @return the entries, oldest first; never null, empty when the bundle has no events or logs
     */
    public static List<TimelineEntry> of(Snapshot snapshot) {
        TimeFrame frame = TimeFrame.of(snapshot.manifest());
        List<Outcome> all = new ArrayList<>();
        Optional<ScepRequests.Result> iis = find(snapshot, NdesInputs.IIS_LOGS).map(l -> ScepRequests.read(snapshot, l, frame));
        List<Instant> probe = iis.map(ScepRequests.Result::ownProbeTimes).orElse(List.of());
        iis.ifPresent(r -> all.addAll(r.history().notable()));
        find(snapshot, NdesInputs.NDES_EVENTS).ifPresent(e -> all.addAll(NdesServiceEvents.read(snapshot, e, probe, frame).history().notable()));
        find(snapshot, NdesInputs.WAS_EVENTS).ifPresent(was -> all.addAll(ScepPoolEvents.read(snapshot, was,
                find(snapshot, NdesInputs.APPLICATION_ERRORS).orElse(List.of()), ScepPoolIdentity.POOL, frame).history().notable()));
        find(snapshot, NdesInputs.HTTPERR_LOGS).ifPresent(l -> all.addAll(HttpErrScep.read(snapshot, l, ScepPoolIdentity.POOL, frame)
                .history().notable()));
        find(snapshot, NdesInputs.PLUGIN_LOG).ifPresent(l -> all.addAll(PluginLog.read(snapshot, l, snapshot.manifest().host().utcOffsetMinutes(),
                frame).history().notable()));
        find(snapshot, NdesInputs.CONNECTOR_ADMIN).ifPresent(e -> all.addAll(ConnectorEvents.read(snapshot, e, probe, frame).notable()));
        all.sort(Comparator.comparing(Outcome::at).thenComparing(Outcome::source).thenComparing(o -> o.line().orElse(0L)));
        List<Outcome> runs = collapsed(all);
        List<Outcome> kept = runs.size() > Report.MAX_TIMELINE ? runs.subList(runs.size() - Report.MAX_TIMELINE, runs.size()) : runs;
        return kept.stream().map(Timeline::entry).toList();
    }

    /** The least repeats of one record in a row that are shown as their first and last. */
    static final int RUN = 3;

    /**
     * Shows a run of the same record (same source, code and kind, one after another, such as HTTP.sys
     * answering every request 503 Disabled) as its first and last entries, the last saying how many
     * there were, so that a repeated failure does not crowd the other sources out of the timeline.
     */
    static List<Outcome> collapsed(List<Outcome> sorted) {
        List<Outcome> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            Outcome first = sorted.get(i);
            int j = i + 1;
            while (j < sorted.size() && same(first, sorted.get(j))) {
                j++;
            }
            int n = j - i;
            if (n < RUN) {
                out.addAll(sorted.subList(i, j));
            } else {
                Outcome last = sorted.get(j - 1);
                out.add(first);
                out.add(new Outcome(last.at(), last.kind(), last.result(), last.scope(), last.code(), last.message() + " (" + n
                        + " like it since " + first.at() + ")", last.source(), last.line(), last.checkId(), last.milestone()));
            }
            i = j;
        }
        return out;
    }

    private static boolean same(Outcome a, Outcome b) {
        return a.source().equals(b.source()) && a.code().equals(b.code()) && a.kind().equals(b.kind()) && a.result() == b.result();
    }

    private static TimelineEntry entry(Outcome o) {
        String source = o.source();
        return new TimelineEntry(o.at(), source, o.code(), o.message(), Codes.meaning(o.code()), Optional.of(o.checkId()));
    }

    private static <T> Optional<T> find(Snapshot snapshot, Input<T> input) {
        try {
            return input.find(snapshot).value();
        } catch (RuntimeException e) {
            return Optional.empty(); // an unreadable source adds nothing; its check reports it
        }
    }
}
