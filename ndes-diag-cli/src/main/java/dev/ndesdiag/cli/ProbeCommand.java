package dev.ndesdiag.cli;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.network.FetchOptions;
import dev.ndesdiag.network.ScepProbe;
import dev.ndesdiag.report.JsonReportWriter;
import dev.ndesdiag.report.TextReportWriter;
import dev.ndesdiag.runner.CheckCatalog;
import dev.ndesdiag.runner.RunOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ndes-diag probe URL}: asks a SCEP URL what a device would, from wherever it runs. */
@Command(name = "probe",
        description = "Probe a SCEP URL from here (inside or outside the network): the bare URL (403 is healthy), "
                + "GetCACaps, GetCACert, a PKIOperation-sized GET and the TLS certificate, under one deadline.",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.ERROR)
final class ProbeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The SCEP URL, such as https://ndes01.contoso.com/certsrv/mscep/mscep.dll")
    String url;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Report format (default: ${DEFAULT-VALUE}).")
    CheckCommand.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE.")
    Path output;

    @Option(names = "--timeout", defaultValue = "15s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "One deadline for every request (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--proxy", paramLabel = "URL", description = "HTTP proxy, such as http://proxy:8080.")
    URI proxy;

    @Option(names = "--fail-on", defaultValue = "warn", paramLabel = "skipped|warn|error|fail|never",
            description = "Least severe outcome that gives a non-zero exit code (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--no-color", description = "Never colour the text report.")
    boolean noColor;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        URI target;
        try {
            target = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + url + "' is not a URL: " + e.getMessage());
        }
        String scheme = Optional.ofNullable(target.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + url
                    + "' is not an http or https URL; give the SCEP URL, such as https://host/certsrv/mscep/mscep.dll");
        }
        NdesDiag diag;
        try {
            diag = NdesDiag.discover(Thread.currentThread().getContextClassLoader());
        } catch (CheckCatalog.CatalogException e) {
            err.println("ndes-diag: error: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        Instant now = Instant.now();
        List<ProbeResponse> responses = new ScepProbe(new FetchOptions(timeout, 16 << 20, 5, Optional.ofNullable(proxy)))
                .probe(target);
        Manifest manifest = new Manifest("ndes-snapshot", 1, now, new Manifest.Host(Optional.empty(),
                Optional.of(target.getHost()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.of(target.toString()), Optional.empty());
        Snapshot snapshot = Snapshot.builder(manifest)
                .endpointProbe(Part.present(SnapshotPart.ENDPOINT_PROBE, responses)).build();
        Set<String> endpointChecks = diag.checks().stream()
                .filter(d -> d.reads().contains(SnapshotPart.ENDPOINT_PROBE)).map(CheckDescriptor::id)
                .collect(Collectors.toSet());
        Report report = diag.analyze(snapshot, "probe", target.toString(),
                RunOptions.defaults().withOnly(endpointChecks).withClock(Clock.systemUTC()));
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
            err.println("ndes-diag: error: cannot write the report: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        return ExitCodes.of(report.status(), report.counts().get(Status.SKIPPED), failOn);
    }

    private void render(Report report, Writer w, boolean color) throws IOException {
        if (format == CheckCommand.Format.JSON) {
            new JsonReportWriter().write(report, w);
        } else {
            new TextReportWriter(color).write(report, w);
        }
    }
}
