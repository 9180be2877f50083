package dev.ndesdiag;

import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Target;
import dev.ndesdiag.api.TimelineEntry;
import dev.ndesdiag.api.TargetMode;
import dev.ndesdiag.api.ToolInfo;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.bundle.BundleException;
import dev.ndesdiag.bundle.BundleReader;
import dev.ndesdiag.bundle.OpenBundle;
import dev.ndesdiag.history.Timeline;
import dev.ndesdiag.runner.CheckCatalog;
import dev.ndesdiag.runner.CheckRunner;
import dev.ndesdiag.runner.RunOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * NdesDiag is the entry point for tools that embed ndes-diag: run the checks on a bundle or on a
 * snapshot and get the {@link Report} value back. It never prints and never exits.
 *
 * <pre>{@code
 * NdesDiag diag = NdesDiag.discover(MyTool.class.getClassLoader());
 * Report report = diag.analyze(Path.of("ndes01-bundle.zip"), RunOptions.defaults());
 * if (report.status() == Status.FAIL) { ... }
 * }</pre>
 */
public final class NdesDiag {

    /** The tool's name as reports give it. */
    public static final String NAME = "ndes-diag";

    private final CheckCatalog catalog;
    private final BundleReader reader;

    private NdesDiag(CheckCatalog catalog, BundleReader reader) {
        this.catalog = catalog;
        this.reader = reader;
    }

    /**
     * Creates an analyser with every check the class loader finds through {@link java.util.ServiceLoader}.
     *
     * @param loader where to look for checks; never null
     * @return the analyser; never null
     * @throws CheckCatalog.CatalogException when a check cannot be loaded or two checks share an id
     */
    public static NdesDiag discover(ClassLoader loader) throws CheckCatalog.CatalogException {
        return new NdesDiag(CheckCatalog.discover(loader), new BundleReader());
    }

    /**
     * Creates an analyser with exactly these checks.
     *
     * @param checks the checks; never null
     * @return the analyser; never null
     * @throws CheckCatalog.CatalogException when two checks share an id
     */
    public static NdesDiag withChecks(List<? extends Check> checks) throws CheckCatalog.CatalogException {
        return new NdesDiag(CheckCatalog.of(checks), new BundleReader());
    }

    /**
     * Returns what the available checks are, in id order.
     *
     * @return the descriptors; never null
     */
    public List<CheckDescriptor> checks() {
        return catalog.descriptors();
    }

    /**
     * Reads a bundle and runs the selected checks on it.
     *
     * @param bundle a bundle folder or zip; never null
     * @param options which checks, time limits, clock; never null
     * @return the report; never null
     * @throws BundleException when the bundle cannot be read at all; the message says why
     * @throws IllegalArgumentException when the options name an unknown check id
     */
    public Report analyze(Path bundle, RunOptions options) throws BundleException {
        long start = System.nanoTime();
        try (OpenBundle open = reader.withDiagnostics(options.diagnostics()).open(bundle)) {
            return analyze(open.snapshot(), TargetMode.SNAPSHOT, open.source(), options, start);
        }
    }

    /**
     * Runs the selected checks on a snapshot.
     *
     * @param snapshot the facts; never null
     * @param source what the snapshot came from, for the report's target (a file name); never null
     * @param options which checks, time limits, clock; never null
     * @return the report; never null
     * @throws IllegalArgumentException when the options name an unknown check id
     */
    public Report analyze(Snapshot snapshot, String source, RunOptions options) {
        return analyze(snapshot, TargetMode.SNAPSHOT, source, options, System.nanoTime());
    }

    /**
     * Runs the selected checks on facts gathered some other way than from a bundle, such as a live
     * probe of a SCEP URL.
     *
     * @param snapshot the facts; never null
     * @param mode the report's target mode, such as {@code probe} or {@code live}; never null
     * @param source what was analysed, such as the probed URL; never null
     * @param options which checks, time limits, clock; never null
     * @return the report; never null
     */
    public Report analyze(Snapshot snapshot, TargetMode mode, String source, RunOptions options) {
        return analyze(snapshot, mode, source, options, System.nanoTime());
    }

    /**
     * Reads a bundle and runs the selected checks on it as {@link #analyze(Path, RunOptions)} does,
     * but all on the calling thread, one part and one check after another: the way a fleet analyses
     * one bundle per processor, where handing work to other threads only makes the threads take turns.
     * The report (or the {@link BundleException} saying why the bundle cannot be read) goes to
     * {@code into}, exactly once: on this thread before this method returns when every check ran
     * here and none was stopped; else perhaps from another thread (one started beside a check that
     * ran past 100 ms, or a pool thread taking over the run from the watch that stopped a check at
     * its limit). When a check outlives its
     * limit ignoring interruption, another thread completes {@code into}, that check stopped as
     * {@code ERROR}, and this thread stays held until the check returns. Call it from a thread that
     * may be held so, and attach to {@code into} before calling.
     *
     * @param bundle a bundle folder or zip; never null
     * @param options which checks, time limits, clock; never null
     * @param into completed with the report, or exceptionally with a {@link BundleException} or with
     *     what else failed (an unknown check id: {@link IllegalArgumentException}); never null
     */
    public void analyzeHere(Path bundle, RunOptions options, CompletableFuture<Report> into) {
        long start = System.nanoTime();
        OpenBundle open;
        try {
            open = reader.withDiagnostics(options.diagnostics()).onTheCallingThread().open(bundle);
        } catch (BundleException | RuntimeException | Error e) {
            into.completeExceptionally(e);
            return;
        }
        AtomicBoolean closed = new AtomicBoolean();
        try {
            Snapshot snapshot = open.snapshot();
            List<Check> selected = CheckRunner.select(catalog, options);
            Clock clock = CheckRunner.clock(snapshot, options);
            CompletableFuture<List<CheckOutcome>> outcomes = new CompletableFuture<>();
            outcomes.whenComplete((done, failure) -> {
                try {
                    if (failure != null) {
                        into.completeExceptionally(failure);
                    } else {
                        into.complete(report(snapshot, TargetMode.SNAPSHOT, open.source(), clock, done, start));
                    }
                } catch (RuntimeException | Error e) { // perhaps on another thread: nothing else would hear of it
                    into.completeExceptionally(e);
                } finally {
                    if (closed.compareAndSet(false, true)) {
                        close(open);
                    }
                }
            });
            new CheckRunner().runHere(selected, snapshot, options, outcomes);
        } catch (RuntimeException | Error e) {
            into.completeExceptionally(e);
            if (closed.compareAndSet(false, true)) {
                close(open);
            }
        }
    }

    private static void close(OpenBundle open) {
        try {
            open.close();
        } catch (RuntimeException e) {
            // the report is what matters; a bundle that fails to close leaks one file handle
        }
    }

    /** Runs the checks; the report's duration counts from {@code startNanos} (bundle reading included). */
    private Report analyze(Snapshot snapshot, TargetMode mode, String source, RunOptions options, long startNanos) {
        Objects.requireNonNull(snapshot, "snapshot");
        List<Check> selected = CheckRunner.select(catalog, options);
        Clock clock = CheckRunner.clock(snapshot, options);
        List<CheckOutcome> outcomes = new CheckRunner().run(selected, snapshot, options);
        return report(snapshot, mode, source, clock, outcomes, startNanos);
    }

    private static Report report(Snapshot snapshot, TargetMode mode, String source, Clock clock, List<CheckOutcome> outcomes,
            long startNanos) {
        Target target = new Target(mode, snapshot.manifest().host().displayName(), Optional.of(source),
                snapshot.manifest().collectedAt());
        List<TimelineEntry> timeline = Timeline.of(snapshot);
        return new Report(new ToolInfo(NAME, version()), target, clock.instant(),
                Duration.ofNanos(System.nanoTime() - startNanos), outcomes, timeline);
    }

    /**
     * Returns the version of this library, such as {@code 0.1.0}.
     *
     * @return the version, or {@code unknown} when it cannot be read; never null
     */
    public static String version() {
        return Version.VALUE;
    }

    /** The version, read once: every report and fleet row carries it. */
    private static final class Version {
        static final String VALUE = read();

        private static String read() {
            try (InputStream in = NdesDiag.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return "unknown";
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
