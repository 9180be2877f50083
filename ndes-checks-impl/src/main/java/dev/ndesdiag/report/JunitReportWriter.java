package dev.ndesdiag.report;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link Report} as JUnit XML for CI: one {@code testsuite} per server (per report) inside
 * {@code testsuites}, one {@code testcase} per check in the report's order (by id). FAIL becomes
 * {@code failure}, ERROR {@code error}, SKIPPED {@code skipped}; WARN and PASS are passing test cases
 * (JUnit has no warning), and the warnings are listed in the suite's {@code system-out}. The message
 * attribute is the first finding of the check's status and the body holds every finding that is not
 * a PASS, with its evidence and fix.
 *
 * <p>The shape is the Apache Ant JUnit format as the Windy Road XSD (github.com/windyroad/JUnit-Schema,
 * JUnit.xsd) defines it, which the tests validate against: {@code properties}, {@code system-out}
 * and {@code system-err} present, {@code timestamp} without a zone (UTC here), {@code time} in seconds.
 * The only timing fields are {@code time}; everything else is the same for the same report.
 */
public final class JunitReportWriter implements ReportWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Override
    public void write(Report report, Writer out) throws IOException {
        try {
            XMLStreamWriter x = start(out);
            writeSuite(x, report, 0);
            end(x);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit XML: " + e.getMessage(), e);
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    /**
     * Starts a {@code testsuites} document; the fleet summary writes one suite per server into it.
     *
     * @param out where to write
     * @return the XML writer, inside {@code testsuites}
     * @throws XMLStreamException when writing fails
     */
    static XMLStreamWriter start(Writer out) throws XMLStreamException {
        XMLStreamWriter x = FACTORY.createXMLStreamWriter(out);
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        x.writeCharacters("\n");
        return x;
    }

    /**
     * A writer of suites without a document around them, for the fleet summary's parts.
     *
     * @param out where to write
     * @return the XML writer
     * @throws XMLStreamException when it cannot be made
     */
    static XMLStreamWriter fragment(Writer out) throws XMLStreamException {
        return FACTORY.createXMLStreamWriter(out);
    }

    /**
     * Writes a bundle that could not be read as a suite with one erroring test case, {@code bundle}.
     *
     * @param x the writer
     * @param bundle the bundle's name
     * @param problem why it could not be read
     * @param id the suite's position
     * @throws XMLStreamException when writing fails
     */
    static void writeUnreadable(XMLStreamWriter x, String bundle, String problem, int id) throws XMLStreamException {
        String name = Texts.xml(Texts.oneLine(bundle));
        x.writeCharacters("  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "ndes-diag " + name);
        x.writeAttribute("package", "ndes-diag");
        x.writeAttribute("id", Integer.toString(id));
        x.writeAttribute("timestamp", "1970-01-01T00:00:00");
        x.writeAttribute("hostname", "unknown-host");
        x.writeAttribute("tests", "1");
        x.writeAttribute("failures", "0");
        x.writeAttribute("errors", "1");
        x.writeAttribute("skipped", "0");
        x.writeAttribute("time", "0.000");
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "source", bundle);
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", "bundle");
        x.writeAttribute("classname", "ndes-diag.snapshot");
        x.writeAttribute("time", "0.000");
        x.writeStartElement("error");
        x.writeAttribute("message", Texts.xml(Texts.oneLine(problem)));
        x.writeAttribute("type", "BUNDLE_UNREADABLE");
        x.writeCharacters(Texts.xml(problem));
        x.writeEndElement();
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-out");
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-err");
        x.writeCharacters("\n  ");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.flush();
    }

    /**
     * Ends the {@code testsuites} document.
     *
     * @param x the writer {@link #start} returned
     * @throws XMLStreamException when writing fails
     */
    static void end(XMLStreamWriter x) throws XMLStreamException {
        x.writeEndElement();
        x.writeEndDocument();
        x.flush();
    }

    /**
     * Writes one report as a {@code testsuite}.
     *
     * @param x the writer
     * @param report the report
     * @param id the suite's position in the document, from 0
     * @throws XMLStreamException when writing fails
     */
    static void writeSuite(XMLStreamWriter x, Report report, int id) throws XMLStreamException {
        Map<Status, Integer> counts = report.counts();
        String host = Texts.xml(report.target().host().orElse("unknown-host"));
        x.writeCharacters("  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "ndes-diag " + host);
        x.writeAttribute("package", "ndes-diag");
        x.writeAttribute("id", Integer.toString(id));
        x.writeAttribute("timestamp", TIMESTAMP.format(report.evaluatedAt().truncatedTo(ChronoUnit.SECONDS)));
        x.writeAttribute("hostname", host.isBlank() ? "unknown-host" : host);
        x.writeAttribute("tests", Integer.toString(report.results().size()));
        x.writeAttribute("failures", Integer.toString(counts.get(Status.FAIL)));
        x.writeAttribute("errors", Integer.toString(counts.get(Status.ERROR)));
        x.writeAttribute("skipped", Integer.toString(counts.get(Status.SKIPPED)));
        x.writeAttribute("time", seconds(report.duration().toMillis()));
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "tool", report.tool().name() + " " + report.tool().version());
        property(x, "mode", report.target().mode().wireName());
        if (report.target().source().isPresent()) {
            property(x, "source", report.target().source().get());
        }
        property(x, "collectedAt", report.target().collectedAt().toString());
        property(x, "evaluatedAt", report.evaluatedAt().toString());
        property(x, "status", report.status().name());
        x.writeCharacters("\n    ");
        x.writeEndElement();
        StringBuilder warnings = new StringBuilder();
        for (CheckOutcome o : report.results()) {
            writeCase(x, o);
            if (o.status() == Status.WARN) {
                warnings.append("WARN ").append(o.id()).append(":\n").append(body(o));
            }
        }
        x.writeCharacters("\n    ");
        x.writeStartElement("system-out");
        x.writeCharacters(Texts.xml(report.status() + ": " + Texts.counts(counts) + "\n" + warnings));
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-err");
        x.writeCharacters("\n  ");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.flush();
    }

    private static void writeCase(XMLStreamWriter x, CheckOutcome o) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", o.id());
        x.writeAttribute("classname", "ndes-diag." + o.descriptor().category().reportName());
        x.writeAttribute("time", seconds(o.duration().toMillis()));
        String element = switch (o.status()) {
            case FAIL -> "failure";
            case ERROR -> "error";
            case SKIPPED -> "skipped";
            case WARN, PASS -> null;
        };
        if (element != null) {
            Finding first = o.result().findings().stream().filter(f -> f.status() == o.status()).findFirst()
                    .orElse(o.result().findings().get(0));
            x.writeStartElement(element);
            x.writeAttribute("message", Texts.xml(Texts.oneLine(first.message())));
            if (o.status() != Status.SKIPPED) {
                x.writeAttribute("type", first.code());
            }
            x.writeCharacters(Texts.xml(body(o)));
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    /** Every finding that is not a PASS, with evidence, fix and references, as plain text. */
    static String body(CheckOutcome o) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : o.result().findings()) {
            if (f.status() == Status.PASS) {
                continue;
            }
            sb.append('[').append(f.status()).append("] ").append(f.code()).append(": ").append(f.message()).append('\n');
            f.evidence().forEach((k, v) -> sb.append("    ").append(k).append(": ").append(Texts.evidence(v)).append('\n'));
            f.remediation().ifPresent(r -> sb.append("    fix: ").append(r.replace("\n", "\n         ")).append('\n'));
            f.references().forEach(r -> sb.append("    see: ").append(r).append('\n'));
        }
        return sb.toString();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", Texts.xml(value));
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }
}
