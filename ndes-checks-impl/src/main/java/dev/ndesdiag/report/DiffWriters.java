package dev.ndesdiag.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.diff.ReportDiff;
import dev.ndesdiag.diff.ReportFacts;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * The formats of {@code ndes-diag diff}: text for people, JSON for tools ({@code "schema":
 * "ndes-diag-diff"}), Markdown for a change ticket. Each lists NEW, CHANGED and FIXED entries with
 * their statuses and messages and counts the UNCHANGED ones (JSON lists them too); bundle text is
 * made inert as in the report formats. Deterministic: entries by kind, check id and code; no timing field.
 */
public enum DiffWriters {
    /** For people. */
    TEXT,
    /** For tools. */
    JSON,
    /** For a change ticket. */
    MARKDOWN;

    /** The value of the JSON diff's {@code schema} field. */
    public static final String SCHEMA = "ndes-diag-diff";

    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * Writes the diff.
     *
     * @param diff the diff; never null
     * @param out where to write; flushed, not closed
     * @throws IOException when writing fails
     */
    public void write(ReportDiff diff, Writer out) throws IOException {
        switch (this) {
            case TEXT -> out.write(text(diff));
            case MARKDOWN -> out.write(markdown(diff));
            case JSON -> json(diff, out);
        }
        out.flush();
    }

    private static String verdict(ReportDiff diff) {
        Optional<Status> w = diff.worsened();
        return w.isEmpty() ? "nothing got worse" : "got worse: a new or worse " + w.get();
    }

    private static String side(ReportFacts f) {
        return Texts.oneLine(f.host().orElse("unknown host")) + ", " + f.status() + ", collected " + Texts.oneLine(f.collectedAt())
                + f.source().map(s -> " (" + Texts.oneLine(s) + ")").orElse("");
    }

    private static String statuses(ReportDiff.Entry e) {
        return e.before().map(Status::name).orElse("-") + " -> " + e.after().map(Status::name).orElse("-");
    }

    private static String counts(ReportDiff diff) {
        return diff.of(ReportDiff.Kind.NEW).size() + " new, " + diff.of(ReportDiff.Kind.CHANGED).size() + " changed, "
                + diff.of(ReportDiff.Kind.FIXED).size() + " fixed, " + diff.of(ReportDiff.Kind.UNCHANGED).size()
                + " unchanged";
    }

    private static String text(ReportDiff diff) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("before: ").append(side(diff.before())).append(nl).append("after:  ").append(side(diff.after()))
                .append(nl).append(nl).append(counts(diff)).append(": ").append(verdict(diff)).append(nl);
        for (ReportDiff.Kind kind : List.of(ReportDiff.Kind.NEW, ReportDiff.Kind.CHANGED, ReportDiff.Kind.FIXED)) {
            List<ReportDiff.Entry> group = diff.of(kind);
            if (group.isEmpty()) {
                continue;
            }
            sb.append(nl).append("== ").append(kind).append(" (").append(group.size()).append(')').append(nl);
            for (ReportDiff.Entry e : group) {
                sb.append(e.worse() ? "! " : "  ").append(e.checkId()).append(' ').append(e.code()).append(": ")
                        .append(statuses(e)).append(nl);
                List<String> messages = e.afterMessages().isEmpty() ? e.beforeMessages() : e.afterMessages();
                for (String m : messages) {
                    sb.append("      ").append(Texts.oneLine(m)).append(nl);
                }
            }
        }
        return sb.toString();
    }

    private static String markdown(ReportDiff diff) {
        StringBuilder sb = new StringBuilder();
        sb.append("## NDES diff: ").append(verdict(diff)).append("\n\n")
                .append("- before: ").append(MarkdownReportWriter.inline(side(diff.before()))).append('\n')
                .append("- after: ").append(MarkdownReportWriter.inline(side(diff.after()))).append("\n\n")
                .append(counts(diff)).append(".\n");
        for (ReportDiff.Kind kind : List.of(ReportDiff.Kind.NEW, ReportDiff.Kind.CHANGED, ReportDiff.Kind.FIXED)) {
            List<ReportDiff.Entry> group = diff.of(kind);
            if (group.isEmpty()) {
                continue;
            }
            sb.append("\n### ").append(kind).append(" (").append(group.size()).append(")\n\n")
                    .append("| check | code | status | message |\n|---|---|---|---|\n");
            for (ReportDiff.Entry e : group) {
                List<String> messages = e.afterMessages().isEmpty() ? e.beforeMessages() : e.afterMessages();
                sb.append("| `").append(e.checkId()).append("` | ").append(MarkdownReportWriter.inline(e.code())).append(" | ")
                        .append(e.worse() ? "**" + statuses(e).replace(">", "\\>") + "**" : statuses(e).replace(">", "\\>"))
                        .append(" | ").append(MarkdownReportWriter.inline(String.join(" / ", messages))).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static void json(ReportDiff diff, Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeNumberField("schemaVersion", 1);
        side(g, "before", diff.before());
        side(g, "after", diff.after());
        g.writeObjectFieldStart("summary");
        Optional<Status> worse = diff.worsened();
        if (worse.isPresent()) {
            g.writeStringField("worsened", worse.get().name());
        } else {
            g.writeNullField("worsened");
        }
        for (ReportDiff.Kind k : ReportDiff.Kind.values()) {
            g.writeNumberField(k.name().toLowerCase(java.util.Locale.ROOT), diff.of(k).size());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("entries");
        for (ReportDiff.Entry e : diff.entries()) {
            g.writeStartObject();
            g.writeStringField("kind", e.kind().name());
            g.writeStringField("checkId", e.checkId());
            g.writeStringField("code", e.code());
            g.writeStringField("before", e.before().map(Status::name).orElse(null));
            g.writeStringField("after", e.after().map(Status::name).orElse(null));
            g.writeBooleanField("worse", e.worse());
            strings(g, "beforeMessages", e.beforeMessages());
            strings(g, "afterMessages", e.afterMessages());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write(System.lineSeparator());
    }

    private static void side(JsonGenerator g, String name, ReportFacts f) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("host", f.host().orElse(null));
        g.writeStringField("source", f.source().orElse(null));
        g.writeStringField("collectedAt", f.collectedAt());
        g.writeStringField("status", f.status().name());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
