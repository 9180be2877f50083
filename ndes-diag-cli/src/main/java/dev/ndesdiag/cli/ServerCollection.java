package dev.ndesdiag.cli;

import dev.ndesdiag.collect.BundleZipWriter;
import dev.ndesdiag.collect.CollectionPlan;
import dev.ndesdiag.collect.Collector;
import dev.ndesdiag.collect.windows.JnaWindowsSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
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
     * @param caConfig the CA for certutil ({@code host\CA name}), when known
     * @param err where progress and warnings go
     * @return how many files the bundle holds
     * @throws IOException when the zip cannot be written
     */
    static int collect(Path target, Optional<String> caConfig, PrintWriter err) throws IOException {
        try (JnaWindowsSource source = new JnaWindowsSource()) {
            if (!source.elevated()) {
                err.println("ndes-diag: warning: not elevated. Key files, secedit and some event logs need an "
                        + "Administrator prompt; what could not be read is listed in collection-log.json and the "
                        + "manifest says the collection was not elevated.");
            }
            if (caConfig.isEmpty()) {
                err.println("ndes-diag: note: no --ca given, so certutil -ping and -CATemplates are not run.");
            }
            err.flush();
            Map<String, byte[]> files = new Collector(source, Clock.systemUTC()).collect(CollectionPlan.standard(caConfig));
            BundleZipWriter.write(files, target);
            return files.size();
        }
    }
}
