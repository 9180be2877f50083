package dev.ndesdiag.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
 * Writes a {@link Report} as JSON, report format 1: the schema is shipped as
 * {@code dev/ndesdiag/report/ndes-diag-report-1.schema.json}. Field order is fixed, so two
 * reports of the same bundle differ only in their durations.
 */
public final class JsonReportWriter implements ReportWriter {

    /** The value of the report's {@code schema} field. */
    public static final String SCHEMA = "ndes-diag-report";
    /** The value of the report's {@code schemaVersion} field. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * Writes the report, pretty-printed, followed by a newline.
     *
     * @param report the report; never null
     * @param out where to write; not closed
     * @throws IOException when writing fails
     */
    @Override
    public void write(Report report, Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeNumberField("schemaVersion", SCHEMA_VERSION);
        g.writeObjectFieldStart("tool");
        g.writeStringField("name", report.tool().name());
        g.writeStringField("version", report.tool().version());
        g.writeEndObject();
        g.writeObjectFieldStart("target");
        g.writeStringField("mode", report.target().mode().wireName());
        if (report.target().host().isPresent()) {
            g.writeStringField("host", report.target().host().get());
        }
        if (report.target().source().isPresent()) {
            g.writeStringField("source", report.target().source().get());
        }
        g.writeStringField("collectedAt", report.target().collectedAt().toString());
        g.writeEndObject();
        g.writeStringField("evaluatedAt", report.evaluatedAt().toString());
        g.writeNumberField("durationMs", report.duration().toMillis());
        g.writeObjectFieldStart("summary");
        g.writeStringField("status", report.status().name());
        g.writeObjectFieldStart("counts");
        for (Map.Entry<Status, Integer> e : report.counts().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("results");
        for (CheckOutcome o : report.results()) {
            writeOutcome(g, o);
        }
        g.writeEndArray();
        if (!report.timeline().isEmpty()) {
            g.writeArrayFieldStart("timeline");
            for (TimelineEntry t : report.timeline()) {
                writeTimelineEntry(g, t);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.flush();
        out.write(System.lineSeparator());
        out.flush();
    }

    private static void writeTimelineEntry(JsonGenerator g, TimelineEntry t) throws IOException {
        g.writeStartObject();
        g.writeStringField("at", t.at().toString());
        g.writeStringField("source", t.source());
        g.writeStringField("code", t.code());
        g.writeStringField("message", t.message());
        g.writeFieldName("meaning");
        if (t.meaning().isPresent()) {
            g.writeString(t.meaning().get());
        } else {
            g.writeNull();
        }
        g.writeFieldName("checkId");
        if (t.checkId().isPresent()) {
            g.writeString(t.checkId().get());
        } else {
            g.writeNull();
        }
        g.writeEndObject();
    }

    private static void writeOutcome(JsonGenerator g, CheckOutcome o) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", o.descriptor().id());
        g.writeStringField("title", o.descriptor().title());
        g.writeStringField("category", o.descriptor().category().reportName());
        g.writeStringField("status", o.status().name());
        g.writeNumberField("durationMs", o.duration().toMillis());
        writeStrings(g, "symptoms", o.descriptor().symptoms());
        g.writeArrayFieldStart("findings");
        for (Finding f : o.result().findings()) {
            writeFinding(g, f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("status", f.status().name());
        g.writeStringField("code", f.code());
        g.writeStringField("message", f.message());
        g.writeObjectFieldStart("evidence");
        for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
        if (f.remediation().isPresent()) {
            g.writeStringField("remediation", f.remediation().get());
        }
        writeStrings(g, "references", f.references());
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }
}
