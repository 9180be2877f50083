package dev.ndesdiag.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fleet.FleetSummary;
import dev.ndesdiag.fleet.FleetWriter;
import dev.ndesdiag.fleet.ServerRow;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet summary for tools: {@code {"schema": "ndes-diag-fleet", "schemaVersion": 1, "tool",
 * "summary": {"status", "servers", "counts"}, "servers": [{"bundle", "host", "status", "counts",
 * "problem", "report"}]}}, servers worst first, each {@code report} a whole report format 1
 * document as {@code --format json} writes it (absent when the bundle could not be read, and then
 * {@code problem} says why).
 */
public final class JsonFleetWriter implements FleetWriter {

    /** The value of the summary's {@code schema} field. */
    public static final String SCHEMA = "ndes-diag-fleet";

    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public String part(ServerRow row, Optional<Report> report) {
        if (report.isEmpty()) {
            return "";
        }
        StringWriter w = new StringWriter();
        try {
            new JsonReportWriter().write(report.get(), w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().strip();
    }

    @Override
    public void write(FleetSummary summary, Parts parts, Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeNumberField("schemaVersion", 1);
        g.writeObjectFieldStart("tool");
        g.writeStringField("name", summary.tool().name());
        g.writeStringField("version", summary.tool().version());
        g.writeEndObject();
        g.writeObjectFieldStart("summary");
        g.writeStringField("status", summary.status().name());
        g.writeNumberField("servers", summary.rows().size());
        counts(g, summary.servers());
        g.writeEndObject();
        g.writeArrayFieldStart("servers");
        for (ServerRow r : summary.rows()) {
            g.writeStartObject();
            g.writeStringField("bundle", r.bundle());
            if (r.host().isPresent()) {
                g.writeStringField("host", r.host().get());
            }
            g.writeStringField("status", r.status().name());
            counts(g, r.counts());
            if (r.problem().isPresent()) {
                g.writeStringField("problem", r.problem().get());
            }
            String part = parts.of(r);
            if (!part.isEmpty()) {
                g.writeFieldName("report");
                g.writeRawValue(part);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write(System.lineSeparator());
        out.flush();
    }

    private static void counts(JsonGenerator g, Map<Status, Integer> counts) throws IOException {
        g.writeObjectFieldStart("counts");
        for (Map.Entry<Status, Integer> e : counts.entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
    }
}
