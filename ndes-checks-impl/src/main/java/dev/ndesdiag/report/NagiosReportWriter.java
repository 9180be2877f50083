package dev.ndesdiag.report;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link Report} as one monitoring-plugin status line:
 * {@code NDES CRITICAL - 2 failed, 1 warning: ra-certificates, ... | 'ra-certificates_CEPEncryption_days'=20;30:;14:}.
 *
 * <p>The convention is the Nagios plugin API (one line of text, state 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN: https://assets.nagios.com/downloads/nagioscore/docs/nagioscore/3/en/pluginapi.html)
 * and the Monitoring Plugins development guidelines for performance data after a {@code |}:
 * {@code 'label'=value[UOM];[warn];[crit];[min];[max]}, space separated, and threshold ranges where
 * {@code 30:} alerts below 30 (https://www.monitoring-plugins.org/doc/guidelines.html, sections
 * "Performance data" and "Threshold and ranges"). Icinga, PRTG's and Zabbix's plugin runners read
 * the same line.
 *
 * <p>The performance data are the days left of each certificate the certificate checks judged
 * ({@code ra-certificates}, {@code https-binding-certificate}, {@code ndes-policy-ssl-binding},
 * {@code connector-certificate}): the finding's {@code daysLeft} evidence, or the days from the
 * report's evaluation time to its {@code notAfter} evidence; warning below 30 days, critical below 14,
 * the horizons of those checks. A report status of ERROR maps to UNKNOWN, as does SKIPPED-only.
 *
 * <p>The line carries only check ids, counts and numbers, never text from the bundle (the monitoring
 * system knows which host it ran on), so nothing a bundle holds can reach a monitoring web page.
 */
public final class NagiosReportWriter implements ReportWriter {

    /** The checks whose findings carry a certificate's validity. */
    static final Set<String> CERTIFICATE_CHECKS = Set.of("ra-certificates", "https-binding-certificate",
            "ndes-policy-ssl-binding", "connector-certificate");

    private static final int MAX_NAMED = 5;

    /** The plugin state of a status: its name and exit code. */
    public enum State {
        /** Exit 0. */
        OK(0),
        /** Exit 1. */
        WARNING(1),
        /** Exit 2. */
        CRITICAL(2),
        /** Exit 3. */
        UNKNOWN(3);

        private final int exitCode;

        State(int exitCode) {
            this.exitCode = exitCode;
        }

        /**
         * Returns the plugin exit code.
         *
         * @return 0 to 3
         */
        public int exitCode() {
            return exitCode;
        }

        /**
         * Maps a report status to a plugin state: FAIL critical, WARN warning, ERROR unknown, PASS ok;
         * a report where every check was skipped judged nothing, so it is unknown.
         *
         * @param status the report status; never null
         * @return the state; never null
         */
        public static State of(Status status) {
            return switch (status) {
                case FAIL -> CRITICAL;
                case WARN -> WARNING;
                case ERROR, SKIPPED -> UNKNOWN;
                case PASS -> OK;
            };
        }
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        out.write(line(report));
        out.write(System.lineSeparator());
        out.flush();
    }

    /**
     * Returns the status line of a report, without a line break.
     *
     * @param report the report; never null
     * @return one line; never null
     */
    public static String line(Report report) {
        Map<Status, Integer> counts = report.counts();
        StringBuilder sb = new StringBuilder("NDES ").append(State.of(report.status())).append(" - ");
        List<String> parts = new ArrayList<>();
        plural(parts, counts.get(Status.FAIL), "failed", "failed");
        plural(parts, counts.get(Status.ERROR), "error", "errors");
        plural(parts, counts.get(Status.WARN), "warning", "warnings");
        if (parts.isEmpty()) {
            sb.append(report.status() == Status.SKIPPED ? "every check skipped, nothing judged"
                    : counts.get(Status.PASS) + " checks passed");
        } else {
            sb.append(String.join(", ", parts)).append(": ").append(named(report));
        }
        String perf = performanceData(report);
        if (!perf.isEmpty()) {
            sb.append(" | ").append(perf);
        }
        return sb.toString();
    }

    private static String named(Report report) {
        List<String> ids = Texts.worstFirst(report).stream()
                .filter(o -> o.status() == Status.FAIL || o.status() == Status.ERROR || o.status() == Status.WARN)
                .map(CheckOutcome::id).toList();
        String shown = String.join(", ", ids.subList(0, Math.min(MAX_NAMED, ids.size())));
        return ids.size() > MAX_NAMED ? shown + " and " + (ids.size() - MAX_NAMED) + " more" : shown;
    }

    private static void plural(List<String> parts, int n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }

    /** Days left per certificate, in check id order and then finding order, one entry per label. */
    static String performanceData(Report report) {
        Map<String, Long> days = new LinkedHashMap<>();
        for (CheckOutcome o : report.results()) {
            if (!CERTIFICATE_CHECKS.contains(o.id())) {
                continue;
            }
            for (Finding f : o.result().findings()) {
                Long d = daysLeft(f, report.evaluatedAt());
                if (d == null) {
                    continue;
                }
                days.putIfAbsent(safeLabel(o.id() + who(f) + "_days"), d);
            }
        }
        List<String> out = new ArrayList<>();
        days.forEach((k, v) -> out.add("'" + k + "'=" + v + ";30:;14:"));
        return String.join(" ", out);
    }

    private static Long daysLeft(Finding f, Instant now) {
        if (f.evidence().get("daysLeft") instanceof Number n) {
            return n.longValue();
        }
        if (f.evidence().get("notAfter") instanceof String s) {
            try {
                return Duration.between(now, Instant.parse(s)).toDays();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** "_CEPEncryption" from the role, else "_" and the first 8 digits of the thumbprint, else "". */
    private static String who(Finding f) {
        if (f.evidence().get("role") instanceof String role) {
            String compact = role.replaceAll("\\(.*?\\)|[^A-Za-z0-9]", "");
            return "_" + (compact.length() > 24 ? compact.substring(0, 24) : compact);
        }
        if (f.evidence().get("thumbprint") instanceof String tp) {
            return "_" + (tp.length() > 8 ? tp.substring(0, 8) : tp);
        }
        return "";
    }

    /** A performance label: letters, digits, {@code _ . -} only (no quote, equals sign or space to escape). */
    static String safeLabel(String s) {
        String t = s.replaceAll("[^A-Za-z0-9_.-]+", "_");
        return t.length() > 60 ? t.substring(0, 60) : t;
    }

}
