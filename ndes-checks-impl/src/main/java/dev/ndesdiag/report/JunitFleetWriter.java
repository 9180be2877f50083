package dev.ndesdiag.report;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.fleet.FleetSummary;
import dev.ndesdiag.fleet.FleetWriter;
import dev.ndesdiag.fleet.ServerRow;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;

/**
 * The fleet as JUnit XML: one {@code testsuite} per server, worst first, inside one {@code testsuites}
 * (the shape of {@link JunitReportWriter}); an unreadable bundle is a suite with one erroring test case
 * {@code bundle} saying why.
 */
public final class JunitFleetWriter implements FleetWriter {

    /** Written as the suite id in a part, replaced by the suite's position when the summary is written. */
    private static final String ID_PLACEHOLDER = " id=\"-1\"";

    @Override
    public String part(ServerRow row, Optional<Report> report) {
        StringWriter w = new StringWriter();
        try {
            if (report.isPresent()) {
                JunitReportWriter.writeSuite(JunitReportWriter.fragment(w), report.get(), -1);
            } else {
                JunitReportWriter.writeUnreadable(JunitReportWriter.fragment(w), row.bundle(),
                        row.problem().orElse("unreadable"), -1);
            }
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new IOException(e));
        }
        return w.toString();
    }

    @Override
    public void write(FleetSummary summary, Parts parts, Writer out) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        int id = 0;
        for (ServerRow r : summary.rows()) {
            String part = parts.of(r);
            // attribute values are escaped, so the placeholder can only be the suite's own id attribute
            out.write(part.replaceFirst(ID_PLACEHOLDER, " id=\"" + id++ + "\""));
        }
        out.write("</testsuites>\n");
        out.flush();
    }
}
