package dev.ndesdiag.report;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.TimelineEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Report} for people: a summary line, then the checks grouped by status, worst
 * first ({@code FAIL, ERROR, WARN, PASS, SKIPPED}), each problem with its evidence and the fix.
 * Colour is optional (the caller decides: only on a terminal, never with {@code --no-color}). Text
 * from the bundle is shown, never obeyed: control characters (terminal escapes included) are written
 * as <code>&#92;u001B</code>-style text and line breaks inside a message become spaces, so no bundle
 * string can colour the terminal or forge a line.
 */
public final class TextReportWriter implements ReportWriter {

    private final boolean color;

    /**
     * Creates a writer.
     *
     * @param color whether to use ANSI colours
     */
    public TextReportWriter(boolean color) {
        this.color = color;
    }

    /**
     * Writes the report.
     *
     * @param report the report; never null
     * @param out where to write; not closed
     * @throws IOException when writing fails
     */
    @Override
    public void write(Report report, Writer out) throws IOException {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append(report.tool().name()).append(' ').append(report.tool().version()).append(" - ")
                .append(Texts.oneLine(report.target().host().orElse("unknown host")));
        report.target().source().ifPresent(s -> sb.append(" (").append(report.target().mode()).append(' ')
                .append(Texts.oneLine(s)).append(')'));
        sb.append(nl).append("collected ").append(report.target().collectedAt())
                .append(", evaluated at ").append(report.evaluatedAt()).append(nl).append(nl);
        Map<Status, Integer> counts = report.counts();
        sb.append(paint(report.status(), report.status().name())).append(": ")
                .append(counts.get(Status.FAIL)).append(" failed, ")
                .append(counts.get(Status.ERROR)).append(" errors, ")
                .append(counts.get(Status.WARN)).append(" warnings, ")
                .append(counts.get(Status.PASS)).append(" passed, ")
                .append(counts.get(Status.SKIPPED)).append(" skipped").append(nl);
        appendTimeline(sb, report, nl);
        for (Status status : Status.values()) {
            List<CheckOutcome> group = report.results().stream().filter(o -> o.status() == status).toList();
            if (group.isEmpty()) {
                continue;
            }
            sb.append(nl).append(paint(status, "== " + status + " (" + group.size() + ")")).append(nl);
            for (CheckOutcome o : group) {
                appendOutcome(sb, o, nl);
            }
        }
        out.write(sb.toString());
        out.flush();
    }

    /** How many timeline entries the text report prints: the newest. */
    static final int TIMELINE_LINES = 20;

    /** The last {@value #TIMELINE_LINES} timeline entries, oldest first, one line each, under the summary. */
    private static void appendTimeline(StringBuilder sb, Report report, String nl) {
        List<TimelineEntry> t = report.timeline();
        if (t.isEmpty()) {
            return;
        }
        List<TimelineEntry> last = t.subList(Math.max(0, t.size() - TIMELINE_LINES), t.size());
        sb.append(nl).append("Timeline (").append(last.size() < t.size() ? "last " + last.size() + " of " + t.size() : t.size() + " entries")
                .append(", UTC):").append(nl);
        for (TimelineEntry e : last) {
            sb.append("  ").append(e.at()).append("  ").append(Texts.oneLine(e.code())).append("  ")
                    .append(Texts.oneLine(e.message())).append("  [").append(Texts.oneLine(e.source()))
                    .append(e.checkId().map(c -> "; " + Texts.oneLine(c)).orElse("")).append(']').append(nl);
        }
    }

    private void appendOutcome(StringBuilder sb, CheckOutcome o, String nl) {
        sb.append(nl).append(paint(o.status(), String.format("%-7s", o.status()))).append(' ')
                .append(o.id()).append(": ").append(Texts.oneLine(o.descriptor().title())).append(nl);
        if (o.status() != Status.PASS && !o.descriptor().symptoms().isEmpty()) {
            sb.append("        symptoms: ").append(Texts.oneLine(String.join(", ", o.descriptor().symptoms()))).append(nl);
        }
        for (Finding f : o.result().findings()) {
            sb.append("        ").append(paint(f.status(), "[" + f.status() + "]")).append(' ')
                    .append(f.code()).append(": ").append(Texts.oneLine(f.message())).append(nl);
            if (f.status() == Status.PASS) {
                continue;
            }
            f.evidence().forEach((k, v) -> sb.append("            ").append(Texts.oneLine(k)).append(": ")
                    .append(Texts.oneLine(Texts.evidence(v))).append(nl));
            f.remediation().ifPresent(r -> sb.append("            ").append(paint(null, "fix: "))
                    .append(Texts.visible(r).replace("\t", " ").replace("\n", nl + "                 ")).append(nl));
            f.references().forEach(r -> sb.append("            see: ").append(Texts.oneLine(r)).append(nl));
        }
    }

    private String paint(Status status, String text) {
        if (!color) {
            return text;
        }
        String code;
        if (status == null) {
            code = "1";
        } else {
            code = switch (status) {
                case FAIL -> "1;31";
                case ERROR -> "1;35";
                case WARN -> "1;33";
                case PASS -> "32";
                case SKIPPED -> "2";
            };
        }
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }
}
