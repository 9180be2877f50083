package dev.ndesdiag.runner;

import dev.ndesdiag.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checks of one run, taken in order by a few threads ("lanes") that each run one check after
 * another, rather than one thread per check: handing each of some fifty checks to a thread of its
 * own cost more CPU than most checks themselves, and on a virtual machine every hand-over also
 * waits a fraction of a millisecond for the thread to be woken.
 *
 * <p>A check still never waits long behind another: a check running longer than {@link #SLOW}
 * gets a new lane (a thread of {@link DaemonThreads}) started beside it for the checks after it, so
 * a slow or hung check (even one that ignores interruption) holds only its own thread, as if it had
 * had one from the start; a check that outlives its limit, counted from its start, is stopped
 * (interrupted) and marked {@link Slot#timedOut()}. A run ends when every check has finished or
 * timed out. It runs in one of two ways:
 * <ul>
 *   <li>{@link #awaited}: lanes of {@link DaemonThreads} run the checks while the caller waits
 *       ({@link #await}), waking every {@link #SLOW} only while some check runs long, to start lanes
 *       and stop checks;</li>
 *   <li>{@link #here}: the calling thread is the first lane, so a run that goes well hands nothing
 *       to another thread; the {@link Watch} does the waker's work, and the run's continuation runs
 *       on whichever thread ends the run. A check that hangs ignoring interruption holds the calling
 *       thread, and another thread ends the run.</li>
 * </ul>
 *
 * @param <T> what a check's task gives
 */
final class Lanes<T> {

    /** How long a check runs before the checks after it get a lane of their own. */
    static final long SLOW = TimeUnit.MILLISECONDS.toNanos(100);

    /** One check's task, and when a lane started and finished it. */
    static final class Slot<T> {
        private final FutureTask<T> task;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile long startNanos;
        private volatile boolean started;
        private volatile boolean finished;
        private volatile boolean relieved;
        private volatile boolean timedOut;

        Slot(Callable<T> work) {
            this.task = new FutureTask<>(work);
        }

        /**
         * What the check gave, once the run ended and it did not time out.
         *
         * @throws ExecutionException with what the check threw
         * @throws CancellationException when the run was interrupted before the check finished
         */
        T result() throws ExecutionException {
            try {
                return task.get(0, TimeUnit.NANOSECONDS);
            } catch (InterruptedException | TimeoutException e) {
                throw new CancellationException("the check had not finished");
            }
        }

        /** Whether the check outlived the limit and was stopped. */
        boolean timedOut() {
            return timedOut;
        }

        /** How long the check has run, or ran; zero when it never started. */
        Duration elapsed() {
            return started ? Duration.ofNanos(System.nanoTime() - startNanos) : Duration.ZERO;
        }

        private void cancel() {
            task.cancel(true);
        }

        /** Still holding its lane past {@link #SLOW}, and no lane added for it yet. */
        private boolean holdsItsLane(long now) {
            return started && !finished && !relieved && now - startNanos > SLOW;
        }
    }

    private final List<Slot<T>> slots;
    private final long limitNanos;
    private final Runnable then;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger unended;
    private final CountDownLatch ended;
    private final List<Future<?>> lanes = new CopyOnWriteArrayList<>();

    private Lanes(List<Slot<T>> slots, Duration limit, Runnable then) {
        this.slots = List.copyOf(slots);
        this.limitNanos = limit.toNanos();
        this.then = then;
        this.unended = new AtomicInteger(slots.size());
        this.ended = new CountDownLatch(slots.size());
    }

    /**
     * Starts lanes of {@link DaemonThreads} for the slots; wait for them with {@link #await}.
     *
     * @param slots the checks' tasks, in the order they are taken
     * @param count how many lanes to start, at least one when there is a slot
     * @param limit the time limit of each check
     * @return the running lanes
     */
    static <T> Lanes<T> awaited(List<Slot<T>> slots, int count, Duration limit) {
        Lanes<T> lanes = new Lanes<>(slots, limit, null);
        for (int i = 0; i < Math.min(count, slots.size()); i++) {
            lanes.add();
        }
        return lanes;
    }

    /**
     * Runs the slots on the calling thread, other lanes joining only for checks that run long, and
     * runs {@code then} once every check has finished or timed out, on the thread that ended the
     * run: this one, before this method returns, when every check ran here and none timed out;
     * else possibly a lane started beside a check that ran long, or a thread of the pool when the
     * last check to end was stopped. When a check hangs ignoring interruption, this method returns
     * only when it does. The calling thread's interrupted status is cleared after every check, so
     * nothing of a stopped check reaches what the thread does next.
     *
     * @param slots the checks' tasks, in the order they are taken
     * @param limit the time limit of each check
     * @param then what to do when the run has ended; it must not throw
     */
    static <T> void here(List<Slot<T>> slots, Duration limit, Runnable then) {
        Lanes<T> lanes = new Lanes<>(slots, limit, then);
        if (slots.isEmpty()) {
            then.run();
            return;
        }
        Watch.ALL.add(lanes);
        lanes.drain();
    }

    /**
     * Waits until the run has ended, stopping the checks that outlive the limit and starting lanes
     * beside those that run long.
     *
     * @throws InterruptedException when this thread is interrupted; the checks still running are stopped
     */
    void await() throws InterruptedException {
        try {
            while (!ended.await(SLOW, TimeUnit.NANOSECONDS)) {
                tick(System.nanoTime());
            }
        } catch (InterruptedException e) {
            slots.forEach(Slot::cancel);
            throw e;
        }
    }

    /**
     * Stops what is still running: after {@link #await} returned, the checks that outlived their
     * limit (ignoring interruption); after it was interrupted, every check not yet finished.
     */
    void cancel() {
        DaemonThreads.cancel(lanes);
        slots.forEach(Slot::cancel);
    }

    /** Stops the checks past the limit, and starts a lane beside every check that runs long. */
    private void tick(long now) {
        for (Slot<T> s : slots) {
            if (s.started && !s.finished && now - s.startNanos >= limitNanos && s.ended.compareAndSet(false, true)) {
                s.timedOut = true;
                s.cancel();
                end();
            }
        }
        for (Slot<T> s : slots) {
            if (s.holdsItsLane(now)) {
                s.relieved = true;
                try {
                    add();
                } catch (RuntimeException | Error e) {
                    s.relieved = false; // no thread to be had now (rejected, or no native thread left): the next tick tries again
                }
            }
        }
    }

    private void add() {
        if (next.get() < slots.size()) {
            lanes.add(DaemonThreads.pool().submit(this::drain));
        }
    }

    private void drain() {
        Thread.interrupted(); // an interruption the thread brought is not its first check's; run clears it after each
        int i;
        while ((i = next.getAndIncrement()) < slots.size()) {
            run(slots.get(i));
        }
    }

    private void run(Slot<T> s) {
        s.startNanos = System.nanoTime();
        s.started = true;
        try {
            s.task.run();
        } finally {
            // the interruption that stopped this check (or that it left itself) is not for what this
            // thread does next: the run's continuation, or a fleet worker's next bundle
            Thread.interrupted();
            s.finished = true;
            if (s.ended.compareAndSet(false, true)) {
                end();
            }
        }
    }

    /** One more check has finished or timed out; the last one ends the run. */
    private void end() {
        ended.countDown();
        if (unended.decrementAndGet() == 0 && then != null) {
            Watch.ALL.remove(this); // the checks that timed out were interrupted then; the other lanes have ended
            if (Watch.isCurrent()) {
                handOver(); // the watch only watches
            } else {
                then.run();
            }
        }
    }

    /** Runs {@code then} on a thread of the pool, or on this one when no thread can be had. */
    private void handOver() {
        try {
            DaemonThreads.pool().execute(then);
        } catch (RuntimeException | Error e) { // rejected, or no native thread left: the run must still end
            then.run();
        }
    }

    /**
     * The one thread that watches the runs of {@link #here}, every {@link #SLOW}: it stops the
     * checks past their limit and starts lanes beside those that run long, as {@link #await} does
     * for the runs whose caller waits.
     */
    private static final class Watch {
        static final Set<Lanes<?>> ALL = ConcurrentHashMap.newKeySet();
        private static final ThreadLocal<Boolean> WATCHING = ThreadLocal.withInitial(() -> false);

        static {
            ScheduledThreadPoolExecutor watch = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(() -> {
                    WATCHING.set(true);
                    r.run();
                }, "ndes-diag-watch");
                t.setDaemon(true);
                return t;
            });
            watch.scheduleWithFixedDelay(Watch::tick, SLOW, SLOW, TimeUnit.NANOSECONDS);
        }

        private Watch() {
        }

        /** Whether this thread is the watch's. */
        static boolean isCurrent() {
            return WATCHING.get();
        }

        /**
         * Looks at every run once. Nothing may escape: the executor would never call it again, and
         * every run's checks past their limit would go on unstopped.
         */
        private static void tick() {
            try {
                long now = System.nanoTime();
                for (Lanes<?> lanes : ALL) {
                    try {
                        lanes.tick(now);
                    } catch (RuntimeException | Error e) {
                        // a run's bookkeeping failing (or no thread to be had for a lane) must not stop the watch of the others
                    }
                }
            } catch (RuntimeException | Error e) {
                // the next tick tries again
            }
        }
    }
}
