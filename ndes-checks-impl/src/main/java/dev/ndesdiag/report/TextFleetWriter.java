package dev.ndesdiag.report;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.fleet.FleetSummary;
import dev.ndesdiag.fleet.FleetWriter;
import dev.ndesdiag.fleet.ServerRow;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * The fleet summary for people: the fleet's status, then a servers x checks table, worst servers
 * first, one letter per check (F fail, E error, W warn, . pass, - skipped) under numbered columns
 * with a legend; an unreadable bundle is one row saying why.
 */
public final class TextFleetWriter implements FleetWriter {

    private static final int NAME_WIDTH = 40;

    @Override
    public String part(ServerRow row, Optional<Report> report) {
        return "";
    }

    @Override
    public void write(FleetSummary summary, Parts parts, Writer out) throws IOException {
        String nl = System.lineSeparator();
        List<String> ids = summary.checkIds();
        int width = Math.min(NAME_WIDTH, Math.max(6, summary.rows().stream()
                .mapToInt(r -> FleetTable.name(r, NAME_WIDTH).length()).max().orElse(6)));
        StringBuilder sb = new StringBuilder();
        sb.append(summary.tool().name()).append(' ').append(summary.tool().version()).append(" - fleet of ")
                .append(summary.rows().size()).append(" bundles").append(nl).append(nl);
        sb.append(summary.status()).append(": ").append(FleetTable.counts(summary)).append(nl).append(nl);
        int bundleWidth = Math.min(NAME_WIDTH, Math.max(6, summary.rows().stream()
                .mapToInt(r -> bundleName(r).length()).max().orElse(6)));
        sb.append(pad("server", width)).append("  ").append(pad("bundle", bundleWidth)).append("  status   ");
        for (int i = 0; i < ids.size(); i++) {
            sb.append(pad(Integer.toString(i + 1), 3));
        }
        sb.append(nl);
        for (ServerRow r : summary.rows()) {
            sb.append(pad(FleetTable.name(r, NAME_WIDTH), width)).append("  ").append(pad(bundleName(r), bundleWidth))
                    .append("  ").append(pad(r.status().name(), 7)).append("  ");
            if (r.problem().isPresent()) {
                sb.append("not analysed: ").append(Texts.oneLine(r.problem().get()));
            } else {
                for (String id : ids) {
                    sb.append(pad(FleetTable.cell(r.checks().get(id)), 3));
                }
            }
            sb.append(nl);
        }
        sb.append(nl).append("columns: ").append(FleetTable.legend(ids)).append(nl)
                .append("cells: F fail, E error, W warn, . pass, - skipped, blank not run").append(nl);
        out.write(sb.toString());
        out.flush();
    }

    /** The bundle's file name, on one line, at most 40 characters. */
    private static String bundleName(ServerRow r) {
        java.nio.file.Path name = java.nio.file.Path.of(r.bundle()).getFileName();
        String n = Texts.oneLine(name == null ? r.bundle() : name.toString());
        return n.length() <= NAME_WIDTH ? n : n.substring(0, NAME_WIDTH - 1) + "\u2026";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
