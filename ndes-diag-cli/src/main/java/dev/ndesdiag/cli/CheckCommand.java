package dev.ndesdiag.cli;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.bundle.BundleException;
import dev.ndesdiag.bundle.BundleReader;
import dev.ndesdiag.bundle.OpenBundle;
import dev.ndesdiag.fleet.FleetInputs;
import dev.ndesdiag.fleet.FleetRun;
import dev.ndesdiag.fleet.FleetSummary;
import dev.ndesdiag.runner.CheckCatalog;
import dev.ndesdiag.runner.RunOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ndes-diag check}: runs the checks on a snapshot bundle and prints the report. */
@Command(name = "check",
        description = "Run the checks on a snapshot bundle (a folder or .zip collected from the NDES server), "
                + "or with --live on the server itself.",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.ERROR)
final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Either a bundle or the server this runs on. */
    static final class Source {
        @Option(names = "--snapshot", required = true, arity = "1..*", paramLabel = "PATH",
                description = "The snapshot bundle: a folder or a .zip. Several, or a folder of bundles (one without "
                        + "a manifest.json), analyse a fleet in one run and print one summary, worst servers first.")
        List<Path> snapshots;

        @Option(names = "--live", required = true,
                description = "Analyse the NDES server this runs on (Windows), without writing a bundle.")
        boolean live;
    }

    @CommandLine.Mixin
    ReportOutput out;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Run only these checks (comma-separated ids).")
    List<String> only = List.of();

    @Option(names = "--skip", split = ",", paramLabel = "ID", description = "Do not run these checks (comma-separated ids).")
    List<String> skip = List.of();

    @CommandLine.Mixin
    CollectionOptions collection;

    @Option(names = "--parallel", paramLabel = "N",
            description = "With several bundles: how many to analyse at once (default: the number of processors).")
    Integer parallel;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time limit of each check, e.g. 30s or 1500ms (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (!source.live && CollectionOptions.NAMES.stream().anyMatch(parsed::hasMatchedOption)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--ca, --scep-url and --fetch-timeout tell a live collection what to ask; use them with --live "
                    + "(a snapshot was collected already) or with ndes-diag collect.");
        }
        String os = System.getProperty("os.name");
        if (source.live && !Platform.isWindows(os)) {
            return fatal(err, Platform.notHere("ndes-diag check --live", os), null);
        }
        NdesDiag diag;
        try {
            diag = NdesDiag.discover(Thread.currentThread().getContextClassLoader());
        } catch (CheckCatalog.CatalogException e) {
            return fatal(err, e.getMessage(), e);
        }
        RunOptions options = RunOptions.defaults().withDiagnostics(NdesDiagCommand.Debug.of(spec).diagnostics()).withTimeout(timeout)
                .withOnly(validIds("--only", only, diag)).withSkip(validIds("--skip", skip, diag));
        if (!source.live) {
            try {
                if (FleetInputs.isFleet(source.snapshots)) {
                    return analyzeFleet(diag, options, err);
                }
            } catch (IOException e) {
                return fatal(err, "cannot list the bundles: " + e.getMessage(), e);
            }
        } else if (parallel != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallel is for several bundles (--snapshot).");
        }
        Report report;
        try {
            report = source.live ? analyzeThisServer(diag, options, err) : diag.analyze(source.snapshots.get(0), options);
        } catch (BundleException e) {
            return fatal(err, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            return fatal(err, "cannot collect from this server: " + e.getMessage(), e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            return fatal(err, "no report could be made for " + (source.live ? "this server" : source.snapshots.get(0))
                    + ": " + (e instanceof OutOfMemoryError ? "the analysis ran out of memory" : "the analysis ran out of stack")
                    + " (raise the heap with -Xmx, or the bundle is built to exhaust it)", e);
        }
        return out.emit(report, spec);
    }

    /** Analyses every bundle of a fleet in parallel and prints one summary. */
    private int analyzeFleet(NdesDiag diag, RunOptions options, PrintWriter err) {
        int workers = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
        if (workers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallel must be at least 1, not " + workers + ".");
        }
        List<Path> bundles;
        try {
            bundles = FleetInputs.expand(source.snapshots);
        } catch (IOException e) {
            return fatal(err, "cannot list the bundles: " + e.getMessage(), e);
        }
        Progress progress = Progress.onTerminal(err, bundles.size());
        try (FleetRun run = FleetRun.start(diag, options, out.fleetWriter(), workers)) {
            FleetSummary summary = run.analyze(bundles, progress::done);
            progress.clear();
            return out.emitFleet(run, summary, spec);
        } catch (IOException e) {
            progress.clear();
            return fatal(err, "cannot analyse the fleet: " + e.getMessage(), e);
        }
    }

    /** Collects this server's bundle into memory and analyses it as a live run. */
    private Report analyzeThisServer(NdesDiag diag, RunOptions options, PrintWriter err)
            throws IOException, BundleException {
        Map<String, byte[]> bundle = ServerCollection.collectInMemory(collection, err);
        try (OpenBundle open = new BundleReader().open(bundle, "this server")) {
            Manifest.Host host = open.snapshot().manifest().host();
            String name = host.fqdn().or(host::computerName).orElse("this server");
            return diag.analyze(open.snapshot(), dev.ndesdiag.api.TargetMode.LIVE, name, options);
        }
    }

    private Set<String> validIds(String option, List<String> ids, NdesDiag diag) {
        Set<String> known = new TreeSet<>();
        for (CheckDescriptor d : diag.checks()) {
            known.add(d.id());
        }
        Set<String> result = new LinkedHashSet<>();
        for (String id : ids) {
            String t = id.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!known.contains(t)) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " names the unknown check '" + t
                        + "'. Known checks: " + String.join(", ", known) + " (list them with 'ndes-diag checks').");
            }
            result.add(t);
        }
        return result;
    }

    private int fatal(PrintWriter err, String message, Throwable e) {
        String line = dev.ndesdiag.report.Refusals.oneLine(message);
        err.println("ndes-diag: error: " + line);
        err.flush();
        if (out.nagios()) {
            PrintWriter o = spec.commandLine().getOut();
            o.println("NDES UNKNOWN - " + line.replace('|', '/'));
            o.flush();
        }
        NdesDiagCommand.Debug.of(spec).trace(message, e);
        return ExitCodes.ERROR;
    }
}
