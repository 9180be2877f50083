package dev.ndesdiag.cli;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.report.JsonReportWriter;
import dev.ndesdiag.report.TextReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options every command that prints a report shares (format, output file, exit-code threshold,
 * colour), and the printing itself: one place decides how a report reaches the user.
 */
final class ReportOutput {

    enum Format { TEXT, JSON }

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Report format: text for people, json for tools (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
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
                try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                    render(report, w, false);
                }
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
        return ExitCodes.of(report.status(), report.counts().get(Status.SKIPPED), failOn);
    }

    private void render(Report report, Writer w, boolean color) throws IOException {
        if (format == Format.JSON) {
            new JsonReportWriter().write(report, w);
        } else {
            new TextReportWriter(color).write(report, w);
        }
    }
}
