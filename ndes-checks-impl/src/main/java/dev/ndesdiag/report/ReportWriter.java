package dev.ndesdiag.report;

import dev.ndesdiag.api.Report;
import java.io.IOException;
import java.io.Writer;

/**
 * Renders one {@link Report} in one format. Implementations are stateless or hold only their
 * options, never write anything but the report, and write the same bytes for the same report
 * except its timing fields ({@code durationMs}, JUnit {@code time}).
 */
@FunctionalInterface
public interface ReportWriter {

    /**
     * Writes the report.
     *
     * @param report the report; never null
     * @param out where to write; flushed, not closed
     * @throws IOException when writing fails
     */
    void write(Report report, Writer out) throws IOException;
}
