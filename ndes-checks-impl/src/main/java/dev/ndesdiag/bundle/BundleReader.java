package dev.ndesdiag.bundle;

import dev.ndesdiag.DaemonThreads;
import dev.ndesdiag.Diagnostics;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.EventLogs;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * BundleReader turns a snapshot bundle, a folder or a {@code .zip}, into a {@link Snapshot}.
 *
 * <p>Bundles come from strangers and are read as untrusted input: nothing is extracted or written,
 * zip entries that escape the bundle or are links are refused, sizes and compression ratios are
 * bounded, XML with a DTD is refused, and every unreadable file becomes an
 * {@link dev.ndesdiag.api.InputProblem} naming it while the rest of the bundle is still read.
 * Only a bundle that cannot be opened, has no valid manifest or is of a newer format is refused whole.
 */
public final class BundleReader {

    private final BundleLimits limits;
    private final Diagnostics diagnostics;
    private final boolean helpers;

    /** Creates a reader with {@link BundleLimits#defaults()}. */
    public BundleReader() {
        this(BundleLimits.defaults());
    }

    /**
     * Creates a reader with the given limits.
     *
     * @param limits the limits; never null
     */
    public BundleReader(BundleLimits limits) {
        this(limits, Diagnostics.none(), true);
    }

    private BundleReader(BundleLimits limits, Diagnostics diagnostics, boolean helpers) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.helpers = helpers;
    }

    /**
     * Returns a reader with the same limits that reports the failures of its part readers, with
     * their stack traces, to these diagnostics (one run's {@code --debug}).
     *
     * @param sink the diagnostics; never null
     * @return the reader; never null
     */
    public BundleReader withDiagnostics(Diagnostics sink) {
        return new BundleReader(limits, sink, helpers);
    }

    /**
     * Returns a reader with the same limits and diagnostics that reads every part on the calling
     * thread, for callers that already read one bundle per processor (a fleet): helper threads would
     * then only take turns with each other.
     *
     * @return the reader; never null
     */
    public BundleReader onTheCallingThread() {
        return new BundleReader(limits, diagnostics, false);
    }

    /**
     * Reads a bundle held in memory, such as the collector's result for a live analysis.
     *
     * @param bundle the bundle's files by path (folders end in {@code /}); never null
     * @param description how reports name it, such as the host name; never null
     * @return the open bundle; never null
     * @throws BundleException when the bundle cannot be read at all (no manifest)
     */
    public OpenBundle open(Map<String, byte[]> bundle, String description) throws BundleException {
        MemoryBundleSource source = new MemoryBundleSource(bundle, description, limits.maxRetainedBytes());
        return new OpenBundle(read(source), source);
    }

    /**
     * Opens and reads a bundle. Close the result when done.
     *
     * @param path a bundle folder or a {@code .zip} file; never null
     * @return the snapshot with the open bundle; never null
     * @throws BundleException when no snapshot can be read from the path; the message says why and what to do
     */
    public OpenBundle open(Path path) throws BundleException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException("The bundle " + path + " does not exist.");
        }
        BundleSource source;
        if (Files.isDirectory(path)) {
            source = new DirectoryBundleSource(singleTopFolder(path), limits);
        } else if (Files.isRegularFile(path)) {
            source = new ZipBundleSource(path, limits);
        } else {
            throw new BundleException("The bundle " + path + " is neither a folder nor a zip file.");
        }
        try {
            return new OpenBundle(read(source), source);
        } catch (BundleException | RuntimeException e) {
            try {
                source.close();
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw e;
        }
    }

    /** A folder holding only one folder (an unzipped bundle with its top folder) stands for that folder. */
    private static Path singleTopFolder(Path path) throws BundleException {
        if (Files.exists(path.resolve("manifest.json"))) {
            return path;
        }
        try (Stream<Path> children = Files.list(path)) {
            List<Path> all = children.limit(2).toList();
            if (all.size() == 1 && Files.isDirectory(all.get(0), LinkOption.NOFOLLOW_LINKS)) {
                return all.get(0);
            }
            return path;
        } catch (IOException e) {
            throw new BundleException("The bundle folder " + path + " cannot be listed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the parts. The three costliest (registry, certificates, events: each loads its own
     * parser) are read on helper threads ({@link DaemonThreads}, shared with the checks) while this
     * thread reads the manifest and the rest, unless the reader reads {@link #onTheCallingThread()};
     * the parts are independent, and this halves the read time of one bundle on a two-core machine.
     */
    Snapshot read(BundleSource source) throws BundleException {
        List<Future<?>> started = new ArrayList<>();
        try {
            Forked<Part<Registry>> registry = fork(started, () -> guard(SnapshotPart.REGISTRY,
                    () -> RegistryReader.read(source, limits)));
            Forked<Part<CertificateStores>> certificates = fork(started, () -> guard(SnapshotPart.CERTIFICATES,
                    () -> CertificateReader.read(source, limits)));
            Forked<Part<EventLogs>> events = fork(started, () -> guard(SnapshotPart.EVENTS,
                    () -> EventsReader.read(source, limits)));
            Manifest manifest = ManifestReader.read(source, limits);
            Snapshot.Builder b = Snapshot.builder(manifest)
                    .iis(checked(guard(SnapshotPart.IIS_CONFIG, () -> IisReader.read(source, limits)), source))
                    .userRights(checked(guard(SnapshotPart.USER_RIGHTS, () -> UserRightsReader.read(source, limits)), source))
                    .accounts(checked(guard(SnapshotPart.ACCOUNTS, () -> AccountsReader.read(source, limits)), source))
                    .commands(checked(guard(SnapshotPart.COMMANDS, () -> CommandsReader.read(source, limits)), source))
                    .networkFetches(checked(guard(SnapshotPart.NETWORK_FETCHES, () -> NetworkFetchesReader.read(source, limits)), source))
                    .endpointProbe(checked(guard(SnapshotPart.ENDPOINT_PROBE, () -> EndpointProbeReader.read(source, limits)), source))
                    .logs(checked(guard(SnapshotPart.LOGS, () -> LogsReader.read(source)), source))
                    .system(checked(guard(SnapshotPart.SYSTEM, () -> SystemReader.read(source, limits)), source))
                    .registry(checked(registry.join(), source))
                    .certificates(checked(certificates.join(), source))
                    .events(checked(events.join(), source));
            ProblemBudget.cap(source.refused(), limits.maxProblemsPerFile()).forEach(b::bundleProblem);
            return b.build();
        } finally {
            DaemonThreads.cancel(started);
        }
    }

    /** A part being read on a helper thread, or to be read on this one when asked for. */
    private interface Forked<T> {
        T join() throws BundleException;
    }

    private <T> Forked<T> fork(List<Future<?>> started, Supplier<T> reading) {
        if (!helpers) {
            return reading::get;
        }
        Future<T> future = DaemonThreads.pool().submit(reading::get);
        started.add(future);
        return () -> join(future);
    }

    /**
     * Runs one part reader so that a bug in it costs that part only: anything it throws makes the
     * part unreadable with a problem saying so, and the rest of the bundle is still analysed.
     */
    static <T> Part<T> guarded(SnapshotPart kind, Supplier<Part<T>> reader) {
        return guarded(kind, reader, Diagnostics.none());
    }

    private <T> Part<T> guard(SnapshotPart kind, Supplier<Part<T>> reader) {
        return guarded(kind, reader, diagnostics);
    }

    /** The part, unreadable when a folder it is read from could not be listed; its problems capped per file. */
    private <T> Part<T> checked(Part<T> part, BundleSource source) {
        String top = topFolder(part.kind());
        List<String> hidden = top == null ? List.of() : source.unlistable().stream()
                .filter(f -> f.regionMatches(true, 0, top, 0, top.length()) || top.equalsIgnoreCase(f)).toList();
        List<InputProblem> problems = ProblemBudget.cap(part.problems(), limits.maxProblemsPerFile());
        if (!hidden.isEmpty()) {
            List<InputProblem> all = new java.util.ArrayList<>(problems);
            hidden.forEach(f -> all.add(InputProblem.of(part.kind(), f, "cannot be listed, so what it holds is unknown: "
                    + "the " + part.kind().description() + " are unreadable, not empty. Fix the folder's permissions "
                    + "or collect the bundle again")));
            return Part.unreadable(part.kind(), all);
        }
        if (problems.size() == part.problems().size()) {
            return part;
        }
        return part.value().map(v -> Part.present(part.kind(), v, problems))
                .orElseGet(() -> part.state() == Part.State.UNREADABLE ? Part.unreadable(part.kind(), problems) : part);
    }

    /** The folder of the bundle a part is read from ({@code certs/}), or null for a part that is one file at the root. */
    private static String topFolder(SnapshotPart kind) {
        String path = kind.bundlePath();
        int slash = path.indexOf('/');
        return slash < 0 ? null : path.substring(0, slash + 1);
    }

    static <T> Part<T> guarded(SnapshotPart kind, Supplier<Part<T>> reader, Diagnostics diagnostics) {
        try {
            return reader.get();
        } catch (OutOfMemoryError e) {
            diagnostics.trace("reading the " + kind + " part ran out of memory", e);
            return Part.unreadable(kind, List.of(InputProblem.of(kind, kind.bundlePath(),
                    "could not be read: reading it ran out of memory (the Java heap is too small for this input, "
                            + "or the input is built to exhaust it); the rest of the bundle was read")));
        } catch (RuntimeException | StackOverflowError e) {
            diagnostics.trace("reading the " + kind + " part failed", e);
            return Part.unreadable(kind, List.of(InputProblem.of(kind, kind.bundlePath(),
                    "could not be read because of a bug in ndes-diag (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "); run with --debug and report it")));
        }
    }

    private static <T> T join(Future<T> future) throws BundleException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("Reading the bundle was interrupted.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new BundleException("Reading the bundle failed: " + cause, cause);
        }
    }
}
