package dev.ndesdiag;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the checks and the bundle reader's helpers run on, shared by every analysis in the JVM:
 * a cached pool of daemon threads. A thread that finished its task takes the next one (a fleet of
 * thousands of bundles starts a few dozen threads, not a dozen per bundle), and a task never waits
 * for a thread: when none is idle a new one starts, so a check that hangs, even one that ignores
 * interruption, holds only its own thread and delays no other check or bundle. Threads idle for a
 * minute end; being daemons, none keeps the process alive.
 *
 * <p>Whoever submits a task owns its fate: it waits with its own time limit and cancels (interrupts)
 * what it no longer waits for ({@link #cancel}). The pool is never shut down.
 */
public final class DaemonThreads {

    private static final ExecutorService POOL = newPool();

    private DaemonThreads() {
    }

    private static ExecutorService newPool() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "ndes-diag-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Returns the shared pool. Do not shut it down: cancel the tasks you submitted instead.
     *
     * @return the pool; never null
     */
    public static ExecutorService pool() {
        return POOL;
    }

    /**
     * Cancels tasks, interrupting those still running; a task already done is left as it is.
     *
     * @param futures the tasks one run submitted; never null
     */
    public static void cancel(Iterable<? extends Future<?>> futures) {
        for (Future<?> f : futures) {
            f.cancel(true);
        }
    }
}
