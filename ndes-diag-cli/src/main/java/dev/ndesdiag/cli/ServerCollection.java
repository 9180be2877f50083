package dev.ndesdiag.cli;

import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.collect.BundleZipWriter;
import dev.ndesdiag.collect.CollectionPlan;
import dev.ndesdiag.collect.Collector;
import dev.ndesdiag.collect.Step;
import dev.ndesdiag.collect.windows.JnaWindowsSource;
import dev.ndesdiag.collect.windows.Wow64;
import dev.ndesdiag.network.FetchOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collecting the bundle of the Windows server this runs on: shared by {@code collect} and {@code check --live}. */
final class ServerCollection {

    private ServerCollection() {
    }

    /**
     * Runs the standard plan and writes the bundle zip atomically.
     *
     * @param target the zip to write
     * @param options the CA, SCEP URL and fetch deadline
     * @param err where progress and warnings go
     * @return how many files the bundle holds
     * @throws IOException when the zip cannot be written
     */
    static int collect(Path target, CollectionOptions options, PrintWriter err) throws IOException {
        Map<String, byte[]> files = collectInMemory(options, err);
        BundleZipWriter.write(files, target);
        return files.size();
    }

    /**
     * Runs the standard plan and returns the bundle's files.
     *
     * @param options the CA, SCEP URL and fetch deadline
     * @param err where progress and warnings go
     * @return the bundle's files by path
     * @throws IOException when the collector's temporary folder cannot be made
     */
    static Map<String, byte[]> collectInMemory(CollectionOptions options, PrintWriter err) throws IOException {
        Optional<String> wow64 = Wow64.problem(System.getProperty("os.arch", ""), System::getenv);
        if (wow64.isPresent()) {
            throw new IllegalStateException(wow64.get());
        }
        try (JnaWindowsSource source = new JnaWindowsSource()) {
            if (!source.elevated()) {
                err.println("ndes-diag: warning: not elevated. Key files, secedit and some event logs need an "
                        + "Administrator prompt; what could not be read is listed in collection-log.json and the "
                        + "manifest says the collection was not elevated.");
            }
            Optional<String> caConfig = options.caConfig();
            err.flush();
            Manifest.Host host = source.host();
            URI scep = options.scepUrl().orElseGet(() -> URI.create("https://"
                    + host.fqdn().or(host::computerName).orElse("localhost") + "/certsrv/mscep/mscep.dll"));
            List<Step> plan = new ArrayList<>(CollectionPlan.standard(caConfig));
            FetchOptions fetch = FetchOptions.defaults().withDeadline(options.fetchTimeout);
            // CDP and AIA fetches go the way the server's own (CryptoAPI, WinHTTP) fetches go
            fetch = source.winHttpProxy().map(fetch::withProxyRules).orElse(fetch);
            plan.addAll(CollectionPlan.network(scep, fetch));
            Map<String, byte[]> files = new Collector(source, Clock.systemUTC()).collect(plan);
            source.nativeProblem().ifPresent(p -> err.println("ndes-diag: warning: certificate stores and key facts were "
                    + "not collected: " + p + ". The rest was; collection-log.json lists what failed."));
            return files;
        }
    }
}
