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
 * The fleet summary as one self-contained page (same rules as {@link HtmlReportWriter}): the fleet's
 * verdict, a servers x checks table worst first whose cells link to the check on the server's
 * section, then one section per server, each the server's whole report.
 */
public final class HtmlFleetWriter implements FleetWriter {

    private static final String TABLE_CSS = """
            .fleet td.c{text-align:center;font-family:ui-monospace,Consolas,monospace;padding:.1em .35em}
            .fleet td.FAIL{background:#f9d7d5}.fleet td.ERROR{background:#ecd5f2}.fleet td.WARN{background:#fbe7c6}
            .fleet td.PASS{background:#dcefdf}.fleet a{color:inherit;text-decoration:none}
            section.server{border-top:3px solid var(--line);margin-top:2em}
            """;

    @Override
    public String part(ServerRow row, Optional<Report> report) {
        StringBuilder sb = new StringBuilder();
        String id = prefix(row);
        sb.append("<section class=\"server\" id=\"").append(id).append("\">\n");
        if (report.isPresent()) {
            HtmlReportWriter.appendReport(sb, report.get(), id + "-", 2);
        } else {
            sb.append("<h2>Bundle ").append(HtmlReportWriter.esc(Texts.oneLine(row.bundle())))
                    .append(": not analysed</h2>\n<div class=\"verdict ERROR\"><p class=\"status\">ERROR</p><p>")
                    .append(HtmlReportWriter.esc(row.problem().orElse(""))).append("</p></div>\n");
        }
        sb.append("</section>\n");
        return sb.toString();
    }

    private static String prefix(ServerRow row) {
        return "srv-" + row.index();
    }

    @Override
    public void write(FleetSummary summary, Parts parts, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        HtmlReportWriter.startPage(sb, "ndes-diag fleet " + summary.status() + ": " + summary.rows().size() + " servers");
        sb.insert(sb.indexOf("</style>"), TABLE_CSS);
        sb.append("<header><h1>NDES fleet: ").append(summary.rows().size()).append(" servers</h1>\n<dl><dt>Tool</dt><dd>")
                .append(HtmlReportWriter.esc(summary.tool().name() + " " + summary.tool().version()))
                .append("</dd></dl></header>\n<div class=\"verdict ").append(summary.status()).append("\">\n<p class=\"status\">")
                .append(summary.status()).append("</p>\n<p>").append(HtmlReportWriter.esc(FleetTable.counts(summary)))
                .append("</p>\n</div>\n");
        List<String> ids = summary.checkIds();
        sb.append("<table class=\"fleet\">\n<thead><tr><th>server</th><th>status</th>");
        for (int i = 0; i < ids.size(); i++) {
            sb.append("<th title=\"").append(ids.get(i)).append("\">").append(i + 1).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (ServerRow r : summary.rows()) {
            String id = prefix(r);
            sb.append("<tr><td><a href=\"#").append(id).append("\">").append(HtmlReportWriter.esc(FleetTable.name(r, 60)))
                    .append("</a></td><td class=\"").append(r.status()).append("\">").append(r.status()).append("</td>");
            if (r.problem().isPresent()) {
                sb.append("<td colspan=\"").append(Math.max(1, ids.size())).append("\">not analysed: ")
                        .append(HtmlReportWriter.esc(r.problem().get())).append("</td>");
            } else {
                for (String check : ids) {
                    Status s = r.checks().get(check);
                    sb.append("<td class=\"c ").append(s == null ? "" : s.name()).append("\" title=\"").append(check)
                            .append("\">");
                    if (s != null) {
                        sb.append("<a href=\"#").append(id).append("-check-").append(check).append("\">")
                                .append(FleetTable.cell(s)).append("</a>");
                    }
                    sb.append("</td>");
                }
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n<p class=\"muted\">Columns: ").append(HtmlReportWriter.esc(FleetTable.legend(ids)))
                .append(". Cells: F fail, E error, W warn, . pass, - skipped.</p>\n");
        out.write(sb.toString());
        for (ServerRow r : summary.rows()) {
            out.write(parts.of(r));
        }
        sb.setLength(0);
        HtmlReportWriter.endPage(sb, summary.tool().name() + " " + summary.tool().version());
        out.write(sb.toString());
        out.flush();
    }
}
