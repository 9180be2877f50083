package dev.ndesdiag.report;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fleet.FleetSummary;
import dev.ndesdiag.fleet.FleetWriter;
import dev.ndesdiag.fleet.ServerRow;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet as one monitoring-plugin line ({@link NagiosReportWriter} explains the convention):
 * {@code NDES CRITICAL - 12 servers: 3 failed, 1 error, 2 warnings: a.zip, b.zip, ... | servers=12 failed=3 ...}.
 * The named servers are bundle names from the command line, worst first; the state is the fleet's.
 */
public final class NagiosFleetWriter implements FleetWriter {

    private static final int MAX_NAMED = 5;

    @Override
    public String part(ServerRow row, Optional<Report> report) {
        return "";
    }

    @Override
    public void write(FleetSummary summary, Parts parts, Writer out) throws IOException {
        Map<Status, Integer> c = summary.servers();
        StringBuilder sb = new StringBuilder("NDES ").append(NagiosReportWriter.State.of(summary.status()))
                .append(" - ").append(summary.rows().size()).append(" servers: ").append(c.get(Status.FAIL))
                .append(" failed, ").append(c.get(Status.ERROR)).append(" errors, ").append(c.get(Status.WARN))
                .append(" warnings");
        List<String> bad = summary.rows().stream().filter(r -> r.status().isAtLeast(Status.WARN))
                .map(r -> Texts.oneLine(r.bundle()).replace('|', '/')).toList();
        if (!bad.isEmpty()) {
            sb.append(": ").append(String.join(", ", bad.subList(0, Math.min(MAX_NAMED, bad.size()))));
            if (bad.size() > MAX_NAMED) {
                sb.append(" and ").append(bad.size() - MAX_NAMED).append(" more");
            }
        }
        sb.append(" | servers=").append(summary.rows().size()).append(" failed=").append(c.get(Status.FAIL))
                .append(" errors=").append(c.get(Status.ERROR)).append(" warnings=").append(c.get(Status.WARN))
                .append(" passed=").append(c.get(Status.PASS)).append(" skipped=").append(c.get(Status.SKIPPED));
        out.write(sb.toString());
        out.write(System.lineSeparator());
        out.flush();
    }
}
