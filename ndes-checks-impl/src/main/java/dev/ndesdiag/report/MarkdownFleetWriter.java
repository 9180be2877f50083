package dev.ndesdiag.report;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fleet.FleetSummary;
import dev.ndesdiag.fleet.FleetWriter;
import dev.ndesdiag.fleet.ServerRow;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * The fleet for a ticket: the verdict, a servers x checks table worst first, then the problems of
 * each server that has any ({@link MarkdownReportWriter}'s section, one heading level down).
 */
public final class MarkdownFleetWriter implements FleetWriter {

    @Override
    public String part(ServerRow row, Optional<Report> report) {
        if (report.isEmpty() || !report.get().status().isAtLeast(Status.WARN)) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n");
        MarkdownReportWriter.appendReport(sb, report.get(), "###");
        return sb.toString();
    }

    @Override
    public void write(FleetSummary summary, Parts parts, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> ids = summary.checkIds();
        sb.append("## NDES fleet: ").append(summary.status()).append(" \u2014 ").append(summary.rows().size())
                .append(" servers\n\n**").append(summary.status()).append("**: ")
                .append(MarkdownReportWriter.inline(FleetTable.counts(summary))).append(".\n\n| server | status |");
        for (int i = 0; i < ids.size(); i++) {
            sb.append(' ').append(i + 1).append(" |");
        }
        sb.append("\n|---|---|").append("---|".repeat(ids.size())).append('\n');
        for (ServerRow r : summary.rows()) {
            sb.append("| ").append(MarkdownReportWriter.inline(FleetTable.name(r, 60))).append(" | ").append(r.status())
                    .append(" |");
            if (r.problem().isPresent()) {
                sb.append(" not analysed: ").append(MarkdownReportWriter.inline(r.problem().get())).append(" |");
                sb.append(" |".repeat(Math.max(0, ids.size() - 1)));
            } else {
                for (String id : ids) {
                    String c = FleetTable.cell(r.checks().get(id));
                    sb.append(' ').append(c.equals(".") ? "\\." : c.equals("-") ? "\\-" : c).append(" |");
                }
            }
            sb.append('\n');
        }
        sb.append("\nColumns: ").append(MarkdownReportWriter.inline(FleetTable.legend(ids)))
                .append(". Cells: F fail, E error, W warn, \\. pass, \\- skipped.\n");
        out.write(sb.toString());
        for (ServerRow r : summary.rows()) {
            out.write(parts.of(r));
        }
        out.flush();
    }
}
