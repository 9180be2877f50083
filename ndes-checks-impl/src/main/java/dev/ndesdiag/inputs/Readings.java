package dev.ndesdiag.inputs;

import dev.ndesdiag.api.snapshot.Snapshot;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * What several checks of one snapshot read from the same evidence, read once: five evidence checks
 * and the report's timeline scan the same IIS logs, and each history (HTTP.sys errors, the policy
 * module's log, the NDES, WAS and connector events) is read by its check and by the timeline. The
 * first to ask reads; the others, running at the same time on other threads, wait for that reading
 * instead of repeating it.
 *
 * <p>A reading is kept per snapshot and per key, and goes when the snapshot does (the snapshot is
 * held weakly): a fleet keeps the readings of the bundles in flight only. So a key must be the
 * reading's name and every argument it is computed from, compared by value, and neither the key nor
 * the reading may hold the snapshot itself. Readings must be deterministic and not changed by
 * whoever receives them: every caller gets the same object.
 *
 * <p>A reading that throws throws for every caller, as it would have thrown for each; an
 * {@link Error} (such as running out of memory) is not kept, so the next caller reads again.
 */
public final class Readings {

    private static final Map<Snapshot, Readings> BY_SNAPSHOT = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<Object, FutureTask<?>> readings = new ConcurrentHashMap<>();

    private Readings() {
    }

    /**
     * Returns the readings of a snapshot.
     *
     * @param snapshot the snapshot; never null
     * @return its readings; never null
     */
    public static Readings of(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return BY_SNAPSHOT.computeIfAbsent(snapshot, s -> new Readings());
    }

    /**
     * Returns the reading of a key, reading it on this thread when no one has yet.
     *
     * @param <T> what is read
     * @param key the reading's name and arguments, compared by value; never null
     * @param reading how to read it; never null
     * @return the reading; every caller of the key gets the same object
     * @throws CancellationException when this thread is interrupted while it waits for another's reading
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> reading) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reading, "reading");
        FutureTask<T> mine = new FutureTask<>(reading::get);
        FutureTask<?> theirs = readings.putIfAbsent(key, mine);
        FutureTask<T> task = theirs == null ? mine : (FutureTask<T>) theirs;
        if (theirs == null) {
            mine.run();
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for another check's reading of " + key);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                readings.remove(key, task);
                throw err;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }
}
