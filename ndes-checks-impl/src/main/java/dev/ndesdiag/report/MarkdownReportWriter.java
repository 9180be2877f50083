package dev.ndesdiag.report;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.TimelineEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Report} as Markdown (CommonMark with GitHub tables) for a ticket or a chat: a
 * heading with the verdict, then the failures, errors and warnings worst first with their evidence
 * and fix, then one line counting the rest. Bundle text is escaped so that it renders as text:
 * markup characters get a backslash, line breaks become spaces, and each fix sits in a fenced
 * block whose fence is longer than any backtick run inside it.
 */
public final class MarkdownReportWriter implements ReportWriter {

    @Override
    public void write(Report report, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        appendReport(sb, report, "##");
        out.write(sb.toString());
        out.flush();
    }

    /**
     * Appends one report with its top heading at the given level; the fleet summary uses it per server.
     *
     * @param sb where to append
     * @param report the report
     * @param heading the heading marker of the report's title, such as {@code ##}
     */
    static void appendReport(StringBuilder sb, Report report, String heading) {
        String host = report.target().host().orElse("unknown host");
        sb.append(heading).append(" NDES diagnosis: ").append(report.status()).append(" \u2014 ").append(inline(host))
                .append("\n\n");
        sb.append(inline(report.tool().name() + " " + report.tool().version()));
        report.target().source().ifPresent(s -> sb.append(" \u00b7 ").append(report.target().mode()).append(' ')
                .append(inline(s)));
        sb.append(" \u00b7 collected ").append(report.target().collectedAt())
                .append(" \u00b7 evaluated ").append(report.evaluatedAt()).append("\n\n");
        sb.append("**").append(report.status()).append("**: ").append(Texts.counts(report.counts())).append(". ")
                .append(Texts.verdict(report.status())).append("\n");
        List<String> rest = new ArrayList<>();
        for (CheckOutcome o : Texts.worstFirst(report)) {
            if (o.status() == Status.PASS || o.status() == Status.SKIPPED) {
                continue;
            }
            appendOutcome(sb, o, heading + "#");
        }
        appendTimeline(sb, report, heading + "#");
        Map<Status, Integer> counts = report.counts();
        for (Status s : List.of(Status.PASS, Status.SKIPPED)) {
            List<String> ids = report.results().stream().filter(o -> o.status() == s).map(CheckOutcome::id).toList();
            if (!ids.isEmpty()) {
                rest.add(counts.get(s) + " " + (s == Status.PASS ? "passed" : "skipped") + " (" + String.join(", ", ids) + ")");
            }
        }
        if (!rest.isEmpty()) {
            sb.append("\nAlso: ").append(String.join("; ", rest)).append(".\n");
        }
    }

    private static void appendOutcome(StringBuilder sb, CheckOutcome o, String heading) {
        sb.append('\n').append(heading).append(' ').append(o.status()).append(" `").append(o.id()).append("`: ")
                .append(inline(o.descriptor().title())).append("\n");
        if (!o.descriptor().symptoms().isEmpty()) {
            sb.append("\nSymptoms: ").append(inline(String.join(", ", o.descriptor().symptoms()))).append("\n");
        }
        for (Finding f : o.result().findings()) {
            if (f.status() == Status.PASS) {
                continue;
            }
            sb.append("\n**").append(f.status()).append(' ').append(f.code()).append("**: ").append(inline(f.message()))
                    .append("\n");
            if (!f.evidence().isEmpty()) {
                sb.append("\n| evidence | value |\n|---|---|\n");
                f.evidence().forEach((k, v) -> sb.append("| ").append(inline(k)).append(" | ")
                        .append(inline(Texts.evidence(v))).append(" |\n"));
            }
            f.remediation().ifPresent(r -> {
                String text = Texts.visible(r);
                String fence = "`".repeat(Math.max(3, longestRun(text, '`') + 1));
                sb.append("\nFix:\n\n").append(fence).append("text\n").append(text).append('\n').append(fence).append("\n");
            });
            for (String ref : f.references()) {
                sb.append("\nSee: ").append(inline(ref)).append("\n");
            }
        }
    }

    /** The last {@value TextReportWriter#TIMELINE_LINES} timeline entries as a table, oldest first. */
    private static void appendTimeline(StringBuilder sb, Report report, String heading) {
        List<TimelineEntry> t = report.timeline();
        if (t.isEmpty()) {
            return;
        }
        List<TimelineEntry> last = t.subList(Math.max(0, t.size() - TextReportWriter.TIMELINE_LINES), t.size());
        sb.append('\n').append(heading).append(" Timeline (").append(last.size() < t.size() ? "last " + last.size() + " of " + t.size()
                : String.valueOf(t.size())).append(", UTC)\n\n| time | code | message | source | check |\n|---|---|---|---|---|\n");
        for (TimelineEntry e : last) {
            sb.append("| ").append(e.at()).append(" | ").append(inline(e.code())).append(" | ").append(inline(e.message())).append(" | ")
                    .append(inline(e.source())).append(" | ").append(inline(e.checkId().orElse(""))).append(" |\n");
        }
    }

    /**
     * Escapes text for inline Markdown: one line, and every character CommonMark or GitHub tables
     * give a meaning to is backslash-escaped (CommonMark allows a backslash before any ASCII
     * punctuation), so it renders as itself.
     */
    static String inline(String s) {
        String t = Texts.oneLine(s);
        StringBuilder sb = new StringBuilder(t.length() + 8);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ("\\`*_{}[]<>()#+!|~&\"'".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static int longestRun(String s, char c) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }
}
