package dev.ndesdiag.fleet;

import dev.ndesdiag.api.Report;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/**
 * Renders a fleet summary in one format, in two steps so that no report has to wait in memory: the
 * part of each server as soon as its report is made ({@link #part}), and the whole summary at the end
 * ({@link #write}), which places the spooled parts in the rows' order.
 */
public interface FleetWriter {

    /** Reads back the part of a row. */
    @FunctionalInterface
    interface Parts {
        /**
         * Returns the part {@link #part} made for the row.
         *
         * @param row a row of the summary
         * @return the part; empty when the format made none
         * @throws IOException when the spool cannot be read
         */
        String of(ServerRow row) throws IOException;
    }

    /**
     * Renders one server's part of the summary (its section, suite or embedded report).
     *
     * @param row the server's row
     * @param report its report, or empty when the bundle could not be read
     * @return the part; empty when this format needs none
     */
    String part(ServerRow row, Optional<Report> report);

    /**
     * Writes the summary.
     *
     * @param summary the rows, worst first
     * @param parts the parts of the rows
     * @param out where to write; flushed, not closed
     * @throws IOException when writing fails
     */
    void write(FleetSummary summary, Parts parts, Writer out) throws IOException;
}
