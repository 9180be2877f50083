package dev.ndesdiag.cli;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fleet.FleetRun;
import dev.ndesdiag.fleet.FleetSummary;
import dev.ndesdiag.fleet.FleetWriter;
import dev.ndesdiag.report.HtmlFleetWriter;
import dev.ndesdiag.report.HtmlReportWriter;
import dev.ndesdiag.report.JsonFleetWriter;
import dev.ndesdiag.report.JunitFleetWriter;
import dev.ndesdiag.report.MarkdownFleetWriter;
import dev.ndesdiag.report.NagiosFleetWriter;
import dev.ndesdiag.report.TextFleetWriter;
import dev.ndesdiag.report.JsonReportWriter;
import dev.ndesdiag.report.JunitReportWriter;
import dev.ndesdiag.report.MarkdownReportWriter;
import dev.ndesdiag.report.NagiosReportWriter;
import dev.ndesdiag.report.ReportWriter;
import dev.ndesdiag.report.TextReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options every command that prints a report shares (format, output file, exit-code threshold,
 * colour), and the printing itself: one place decides how a report reaches the user.
 */
final class ReportOutput {

    /** The report formats, each with its writer. */
    enum Format {
        /** For people on a terminal. */
        TEXT,
        /** Report format 1, for tools. */
        JSON,
        /** One self-contained page to attach to a case. */
        HTML,
        /** For a ticket or a chat. */
        MARKDOWN,
        /** JUnit XML for CI: one test case per check. */
        JUNIT,
        /** One monitoring-plugin status line with performance data; exit codes 0-3 only. */
        NAGIOS;

        FleetWriter fleetWriter() {
            return switch (this) {
                case TEXT -> new TextFleetWriter();
                case JSON -> new JsonFleetWriter();
                case HTML -> new HtmlFleetWriter();
                case MARKDOWN -> new MarkdownFleetWriter();
                case JUNIT -> new JunitFleetWriter();
                case NAGIOS -> new NagiosFleetWriter();
            };
        }

        ReportWriter writer(boolean color) {
            return switch (this) {
                case TEXT -> new TextReportWriter(color);
                case JSON -> new JsonReportWriter();
                case HTML -> new HtmlReportWriter();
                case MARKDOWN -> new MarkdownReportWriter();
                case JUNIT -> new JunitReportWriter();
                case NAGIOS -> new NagiosReportWriter();
            };
        }
    }

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|html|markdown|junit|nagios",
            description = "Report format: text for people, json for tools, html to attach to a case, markdown for a "
                    + "ticket, junit for CI, nagios for monitoring (exit codes 0-3) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output (atomically: a temporary file in the "
                    + "same folder, then moved over FILE).")
    Path output;

    @Option(names = "--fail-on", defaultValue = "warn", paramLabel = "skipped|warn|error|fail|never",
            description = "Least severe outcome that gives a non-zero exit code (default: ${DEFAULT-VALUE}); "
                    + "skipped also exits 1 when any check was skipped.")
    FailOn failOn;

    @Option(names = "--no-color", description = "Never colour the text report.")
    boolean noColor;

    /**
     * Prints the report where the options say and returns the exit code.
     *
     * @param report the report
     * @param spec the running command, for its writers
     * @return the exit code
     */
    int emit(Report report, CommandLine.Model.CommandSpec spec) {
        try {
            if (output != null) {
                AtomicFile.write(output, w -> render(report, w, false));
            } else {
                PrintWriter out = spec.commandLine().getOut();
                render(report, out, !noColor && System.console() != null && System.getenv("NO_COLOR") == null);
                out.flush();
            }
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("ndes-diag: error: cannot write the report" + (output == null ? "" : " to " + output) + ": "
                    + e.getMessage());
            err.flush();
            NdesDiagCommand.Debug.of(spec).trace("writing the report", e);
            return ExitCodes.ERROR;
        }
        return exitCode(report.status(), report.counts().get(Status.SKIPPED));
    }

    /** The fleet summary's writer of the chosen format. */
    FleetWriter fleetWriter() {
        return format.fleetWriter();
    }

    /**
     * Prints a fleet summary where the options say and returns the fleet's exit code.
     *
     * @param run the run that holds the servers' parts
     * @param summary its summary
     * @param spec the running command, for its writers
     * @return the exit code
     */
    int emitFleet(FleetRun run, FleetSummary summary, CommandLine.Model.CommandSpec spec) {
        try {
            if (output != null) {
                AtomicFile.write(output, w -> run.write(summary, w));
            } else {
                PrintWriter out = spec.commandLine().getOut();
                run.write(summary, out);
                out.flush();
            }
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("ndes-diag: error: cannot write the fleet summary" + (output == null ? "" : " to " + output)
                    + ": " + e.getMessage());
            err.flush();
            NdesDiagCommand.Debug.of(spec).trace("writing the fleet summary", e);
            return ExitCodes.ERROR;
        }
        return exitCode(summary.status(), summary.checksWith(Status.SKIPPED));
    }

    /**
     * The exit code of a report (or a fleet's) status: the plugin state with {@code --format nagios}
     * (0-3, {@code --fail-on} does not apply), else the table of report format 1 with the threshold.
     */
    int exitCode(Status status, int skippedChecks) {
        if (format == Format.NAGIOS) {
            return NagiosReportWriter.State.of(status).exitCode();
        }
        return ExitCodes.of(status, skippedChecks, failOn);
    }

    /** Whether the run must answer in the monitoring-plugin convention (exit 3 and one line when no report can be made). */
    boolean nagios() {
        return format == Format.NAGIOS;
    }

    private void render(Report report, Writer w, boolean color) throws IOException {
        format.writer(color).write(report, w);
    }
}
