package dev.ndesdiag.cli;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.bundle.BundleException;
import dev.ndesdiag.diff.JsonReportReader;
import dev.ndesdiag.diff.ReportDiff;
import dev.ndesdiag.diff.ReportFacts;
import dev.ndesdiag.report.DiffWriters;
import dev.ndesdiag.runner.CheckCatalog;
import dev.ndesdiag.runner.RunOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ndes-diag diff BEFORE AFTER}: what a change fixed and what it broke. */
@Command(name = "diff",
        description = "Compare two reports of a server (JSON reports from 'check --format json', or bundles, which are "
                + "analysed first): findings that are new, changed, fixed or unchanged, by check and code.",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.ERROR,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:nothing got worse",
            " 1:a new or worse WARN (or ERROR) appeared",
            " 2:a new or worse FAIL appeared",
            " 3:BEFORE or AFTER could not be read",
            "64:command-line usage error"})
final class DiffCommand implements Callable<Integer> {

    /** The diff's formats. */
    enum Format { TEXT, JSON, MARKDOWN }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "The earlier JSON report or bundle.")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "The later JSON report or bundle.")
    Path after;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
            description = "text for people, json for tools, markdown for a change ticket (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the diff to FILE (atomically) instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ReportDiff diff;
        try {
            NdesDiag diag = NdesDiag.discover(Thread.currentThread().getContextClassLoader());
            diff = ReportDiff.of(facts(before, diag), facts(after, diag));
        } catch (CheckCatalog.CatalogException | BundleException | JsonReportReader.ReportFormatException e) {
            return fatal(err, e.getMessage(), e);
        } catch (IOException e) {
            return fatal(err, "cannot read: " + e.getMessage(), e);
        }
        DiffWriters writer = DiffWriters.valueOf(format.name());
        try {
            if (output != null) {
                AtomicFile.write(output, w -> writer.write(diff, w));
            } else {
                PrintWriter out = spec.commandLine().getOut();
                writer.write(diff, out);
                out.flush();
            }
        } catch (IOException e) {
            return fatal(err, "cannot write the diff" + (output == null ? "" : " to " + output) + ": " + e.getMessage(), e);
        }
        return exitCode(diff.worsened());
    }

    /** 2 for a new or worse FAIL, 1 for a new or worse WARN or ERROR, 0 when nothing got worse. */
    static int exitCode(Optional<Status> worsened) {
        if (worsened.isEmpty()) {
            return ExitCodes.OK;
        }
        return worsened.get() == Status.FAIL ? ExitCodes.FAIL : ExitCodes.WARN;
    }

    private static ReportFacts facts(Path path, NdesDiag diag)
            throws IOException, BundleException, JsonReportReader.ReportFormatException {
        if (JsonReportReader.looksLikeJson(path)) {
            return JsonReportReader.read(path);
        }
        return ReportFacts.of(diag.analyze(path, RunOptions.defaults()));
    }

    private int fatal(PrintWriter err, String message, Exception e) {
        err.println("ndes-diag: error: " + message);
        err.flush();
        NdesDiagCommand.Debug.of(spec).trace(message, e);
        return ExitCodes.ERROR;
    }
}
