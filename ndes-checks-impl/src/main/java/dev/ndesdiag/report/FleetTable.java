package dev.ndesdiag.report;

import dev.ndesdiag.api.Status;
import dev.ndesdiag.fleet.FleetSummary;
import dev.ndesdiag.fleet.ServerRow;
import java.util.ArrayList;
import java.util.List;

/** The servers x checks table the text, Markdown and HTML fleet summaries share: cells, columns, legend. */
final class FleetTable {

    private FleetTable() {
    }

    /** One letter per status: F fail, E error, W warn, . pass, - skipped. */
    static String cell(Status s) {
        if (s == null) {
            return " ";
        }
        return switch (s) {
            case FAIL -> "F";
            case ERROR -> "E";
            case WARN -> "W";
            case PASS -> ".";
            case SKIPPED -> "-";
        };
    }

    /** "1 ca-ping, 2 connector-certificate, ...". */
    static String legend(List<String> ids) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add((i + 1) + " " + ids.get(i));
        }
        return String.join(", ", out);
    }

    /** "FAIL: 3 failed, 1 error, 0 warn, 2 passed, 0 skipped servers". */
    static String counts(FleetSummary s) {
        var c = s.servers();
        return s.rows().size() + " servers: " + c.get(Status.FAIL) + " failed, " + c.get(Status.ERROR)
                + " errors (unreadable bundles included), " + c.get(Status.WARN) + " warnings, " + c.get(Status.PASS)
                + " passed, " + c.get(Status.SKIPPED) + " skipped";
    }

    /** The name of a row on one line, at most {@code max} characters. */
    static String name(ServerRow r, int max) {
        String n = Texts.oneLine(r.name());
        return n.length() <= max ? n : n.substring(0, max - 1) + "\u2026";
    }
}
