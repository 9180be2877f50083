package dev.ndesdiag.fleet;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.ToolInfo;
import dev.ndesdiag.bundle.BundleException;
import dev.ndesdiag.runner.RunOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * One fleet run: analyses bundles in parallel on a fixed number of workers, each bundle read and
 * checked on its own ({@link NdesDiag#analyze(Path, RunOptions)}: its own bundle limits, the per-check
 * time limit of the options), and keeps per server only a {@link ServerRow} and the offset of its
 * rendered part in a temporary spool file. At most twice as many bundles as workers are in flight, so
 * the heap holds a bounded number of reports whatever the fleet's size. A bundle that cannot be read,
 * or whose analysis fails for any other reason, is one row saying why, never the end of the run.
 *
 * <pre>{@code
 * try (FleetRun run = FleetRun.start(diag, RunOptions.defaults(), new TextFleetWriter(), 2)) {
 *     FleetSummary summary = run.analyze(FleetInputs.expand(paths), done -> {});
 *     run.write(summary, out);
 * }
 * }</pre>
 */
public final class FleetRun implements Closeable {

    private final NdesDiag diag;
    private final RunOptions options;
    private final FleetWriter writer;
    private final int workers;
    private final Spool spool;
    private final Map<Integer, Spool.Part> parts = new ConcurrentHashMap<>();

    private FleetRun(NdesDiag diag, RunOptions options, FleetWriter writer, int workers) throws IOException {
        this.diag = diag;
        this.options = options;
        this.writer = writer;
        this.workers = workers;
        this.spool = new Spool();
    }

    /**
     * Starts a run.
     *
     * @param diag the analyser; never null
     * @param options checks and time limits, for every bundle; never null
     * @param writer the format of the summary; never null
     * @param workers how many bundles to analyse at once, at least 1
     * @return the run; close it to delete its spool
     * @throws IOException when the spool file cannot be created
     */
    public static FleetRun start(NdesDiag diag, RunOptions options, FleetWriter writer, int workers) throws IOException {
        Objects.requireNonNull(diag, "diag");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(writer, "writer");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workers);
        }
        return new FleetRun(diag, options, writer, workers);
    }

    /**
     * Analyses every bundle.
     *
     * @param bundles the bundles, in input order; never null
     * @param progress told the number of bundles done after each one (from a worker thread)
     * @return the summary; never null
     * @throws IOException when the spool cannot be written
     */
    public FleetSummary analyze(List<Path> bundles, IntConsumer progress) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ndes-diag-fleet");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(workers * 2);
        AtomicInteger done = new AtomicInteger();
        List<Future<ServerRow>> futures = new ArrayList<>(bundles.size());
        try {
            for (int i = 0; i < bundles.size(); i++) {
                int index = i;
                Path bundle = bundles.get(i);
                inFlight.acquireUninterruptibly();
                futures.add(pool.submit(() -> {
                    try {
                        return one(index, bundle);
                    } finally {
                        inFlight.release();
                        progress.accept(done.incrementAndGet());
                    }
                }));
            }
            List<ServerRow> rows = new ArrayList<>(bundles.size());
            for (Future<ServerRow> f : futures) {
                rows.add(get(f));
            }
            return new FleetSummary(new ToolInfo(NdesDiag.NAME, NdesDiag.version()), rows);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ServerRow get(Future<ServerRow> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the fleet run was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IllegalStateException("a fleet worker failed", e.getCause());
        }
    }

    private ServerRow one(int index, Path bundle) {
        String name = bundle.toString();
        ServerRow row;
        Optional<Report> report;
        try {
            Report r = diag.analyze(bundle, options);
            row = ServerRow.of(index, name, r);
            report = Optional.of(r);
        } catch (BundleException e) {
            row = ServerRow.unreadable(index, name, e.getMessage());
            report = Optional.empty();
        } catch (RuntimeException | StackOverflowError e) {
            row = ServerRow.unreadable(index, name, "the analysis failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            report = Optional.empty();
        }
        String part = writer.part(row, report);
        if (!part.isEmpty()) {
            try {
                parts.put(index, spool.append(part));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return row;
    }

    /**
     * Writes the summary with the spooled parts, in the summary's order.
     *
     * @param summary what {@link #analyze} returned
     * @param out where to write; flushed, not closed
     * @throws IOException when writing or reading the spool fails
     */
    public void write(FleetSummary summary, Writer out) throws IOException {
        writer.write(summary, row -> {
            Spool.Part p = parts.get(row.index());
            return p == null ? "" : spool.read(p);
        }, out);
    }

    @Override
    public void close() throws IOException {
        spool.close();
    }
}
