package dev.ndesdiag.fleet;

import dev.ndesdiag.DaemonThreads;
import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.ToolInfo;
import dev.ndesdiag.bundle.BundleException;
import dev.ndesdiag.runner.RunOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * One fleet run: analyses bundles in parallel on a given number of workers (a worker held by a check
 * that hangs is replaced at once, and leaves when the check lets it go), each bundle read and
 * checked on its own worker's thread ({@link NdesDiag#analyzeHere}: its own bundle limits, the per-check
 * time limit of the options), and keeps per server only a {@link ServerRow} and the offset of its
 * rendered part in a temporary spool file. One bundle per worker is in flight (and those held by a
 * check that hangs ignoring interruption), so the heap holds a bounded number of reports whatever the
 * fleet's size. A bundle that cannot be read,
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
        Analysis analysis = new Analysis(List.copyOf(bundles), progress);
        for (int i = 0; i < Math.min(workers, bundles.size()); i++) {
            analysis.startWorker();
        }
        return analysis.await();
    }

    /**
     * The bundles of one {@link #analyze} call, taken in order by the workers. A worker reads and
     * checks its bundle on its own thread ({@link NdesDiag#analyzeHere}), so a bundle is handed to no
     * other thread; when a check outlives its limit ignoring interruption, the bundle's report is
     * completed on another thread and a new worker takes the place of the held one, so the fleet
     * keeps its pace and its bounded number of reports in flight.
     */
    private final class Analysis {
        private final List<Path> bundles;
        private final IntConsumer progress;
        private final List<CompletableFuture<ServerRow>> rows = new ArrayList<>();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile boolean stopped;

        Analysis(List<Path> bundles, IntConsumer progress) {
            this.bundles = bundles;
            this.progress = progress;
            bundles.forEach(b -> rows.add(new CompletableFuture<>()));
        }

        void startWorker() {
            DaemonThreads.pool().execute(this::work);
        }

        private void work() {
            int i;
            while (!stopped && (i = next.getAndIncrement()) < bundles.size()) {
                if (!one(i)) {
                    return; // held by a check past its limit; another worker has taken this one's place
                }
            }
        }

        /** Analyses one bundle; false when this worker was held and replaced meanwhile. */
        private boolean one(int index) {
            Thread worker = Thread.currentThread();
            AtomicInteger state = new AtomicInteger(); // 0 analysing, 1 returned, 2 replaced
            CompletableFuture<Report> report = new CompletableFuture<>();
            report.whenComplete((r, failure) -> {
                finish(index, r, failure);
                if (Thread.currentThread() != worker && state.compareAndSet(0, 2)) {
                    try {
                        startWorker();
                    } catch (RuntimeException | Error e) { // no thread to be had: the run ends, saying why, rather than waits
                        abort(e);
                    }
                }
            });
            try {
                diag.analyzeHere(bundles.get(index), options, report);
            } catch (RuntimeException | Error e) { // one bundle's failure is its row, never the run's end
                report.completeExceptionally(e);
            }
            return state.compareAndSet(0, 1);
        }

        private void finish(int index, Report report, Throwable failure) {
            CompletableFuture<ServerRow> row = rows.get(index);
            try {
                String name = bundles.get(index).toString();
                ServerRow r;
                if (failure == null) {
                    r = ServerRow.of(index, name, report);
                } else {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    r = ServerRow.unreadable(index, name, cause instanceof BundleException ? cause.getMessage()
                            : "the analysis failed: " + cause.getClass().getSimpleName()
                                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                }
                String part = writer.part(r, Optional.ofNullable(report));
                if (!part.isEmpty()) {
                    parts.put(index, spool.append(part));
                }
                row.complete(r);
                progress.accept(done.incrementAndGet());
            } catch (IOException | RuntimeException | Error e) { // the spool or the progress display failed
                abort(e);
            }
        }

        /**
         * Ends the run with a failure: no worker takes another bundle, and every row not yet made
         * fails with it, so that {@link #await} ends (with the first failed row) rather than waits
         * for rows no worker will make.
         */
        private void abort(Throwable failure) {
            stopped = true;
            rows.forEach(row -> row.completeExceptionally(failure));
        }

        FleetSummary await() throws IOException {
            List<ServerRow> result = new ArrayList<>(bundles.size());
            try {
                for (CompletableFuture<ServerRow> row : rows) {
                    result.add(row.get());
                }
            } catch (InterruptedException e) {
                stopped = true;
                Thread.currentThread().interrupt();
                throw new IOException("the fleet run was interrupted", e);
            } catch (ExecutionException e) {
                stopped = true;
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException("a fleet worker failed", e.getCause());
            }
            return new FleetSummary(new ToolInfo(NdesDiag.NAME, NdesDiag.version()), result);
        }
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
