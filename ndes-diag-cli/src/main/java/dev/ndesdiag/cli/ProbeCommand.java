package dev.ndesdiag.cli;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.network.FetchOptions;
import dev.ndesdiag.network.ScepProbe;
import dev.ndesdiag.network.TrustAnchors;
import dev.ndesdiag.runner.CheckCatalog;
import dev.ndesdiag.runner.RunOptions;
import java.io.PrintWriter;
import java.net.URI;
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

    @CommandLine.Mixin
    ReportOutput out;

    @Option(names = "--timeout", defaultValue = "15s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "One deadline for every request (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--proxy", paramLabel = "URL", description = "HTTP proxy, such as http://proxy:8080.")
    URI proxy;

    @Option(names = "--trust", paramLabel = "FILE",
            description = "CA certificates (PEM or DER) to judge the TLS chain against. Default: LocalMachine\\Root on "
                    + "Windows, Java's cacerts elsewhere. The HTTP answers are recorded whatever the chain.")
    java.nio.file.Path trust;

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
        TrustAnchors anchors;
        try {
            anchors = trust != null ? TrustAnchors.fromFile(trust) : TrustAnchors.platformDefault();
        } catch (java.io.IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--trust: " + e.getMessage());
        } catch (java.security.GeneralSecurityException e) {
            err.println("ndes-diag: error: no trust store to judge the TLS chain: " + e.getMessage() + "; give --trust FILE");
            return ExitCodes.ERROR;
        }
        Instant now = Instant.now();
        ScepProbe.Result result = new ScepProbe(new FetchOptions(timeout, 16 << 20, 5, Optional.ofNullable(proxy)))
                .probe(target, anchors, now);
        List<ProbeResponse> responses = result.responses();
        result.trust().ifPresent(v -> err.println("ndes-diag: TLS chain of " + target.getHost() + ": " + v.describe()));
        err.flush();
        Manifest manifest = new Manifest("ndes-snapshot", 1, now, new Manifest.Host(Optional.empty(),
                Optional.of(target.getHost()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.of(target.toString()), Optional.empty());
        Snapshot snapshot = Snapshot.builder(manifest)
                .endpointProbe(Part.present(SnapshotPart.ENDPOINT_PROBE, responses)).build();
        Set<String> endpointChecks = diag.checks().stream()
                .filter(d -> d.reads().contains(SnapshotPart.ENDPOINT_PROBE)).map(CheckDescriptor::id)
                .collect(Collectors.toSet());
        Report report = diag.analyze(snapshot, dev.ndesdiag.api.TargetMode.PROBE, target.toString(),
                RunOptions.defaults().withDiagnostics(NdesDiagCommand.Debug.of(spec).diagnostics()).withOnly(endpointChecks).withClock(Clock.systemUTC()));
        return out.emit(report, spec);
    }

}
