package dev.ndesdiag.runner;

import dev.ndesdiag.Diagnostics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * RunOptions says which checks run and how long each may take.
 *
 * @param timeout the time limit of each check; a check still running then ends as {@code ERROR}; positive
 * @param only when not empty, run only the checks with these ids
 * @param skip never run the checks with these ids
 * @param clock the clock to judge time against; empty means the snapshot's collection time
 * @param diagnostics where this run reports failures inside ndes-diag with their stack traces
 * @param parallelism how many checks of a snapshot run at once (a check that runs long gets another
 *     thread beside it regardless); at least 1, by default the processors
 */
public record RunOptions(Duration timeout, Set<String> only, Set<String> skip, Optional<Clock> clock, Diagnostics diagnostics,
        int parallelism) {

    /** The time limit of a check when none is given: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Validates and copies the components. */
    public RunOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the check time limit must be positive, not " + timeout);
        }
        only = Set.copyOf(only);
        skip = Set.copyOf(skip);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(diagnostics, "diagnostics");
        if (parallelism < 1) {
            throw new IllegalArgumentException("at least one check must run at a time, not " + parallelism);
        }
    }

    /**
     * Options that run as many checks at once as there are processors (the components of version 0.1).
     *
     * @param timeout as for the canonical constructor
     * @param only as for the canonical constructor
     * @param skip as for the canonical constructor
     * @param clock as for the canonical constructor
     * @param diagnostics as for the canonical constructor
     */
    public RunOptions(Duration timeout, Set<String> only, Set<String> skip, Optional<Clock> clock, Diagnostics diagnostics) {
        this(timeout, only, skip, clock, diagnostics, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Returns the defaults: every check, 30 seconds each, judged at the snapshot's collection time.
     *
     * @return the default options; never null
     */
    public static RunOptions defaults() {
        return new RunOptions(DEFAULT_TIMEOUT, Set.of(), Set.of(), Optional.empty(), Diagnostics.none());
    }

    /**
     * Returns a copy with another time limit per check.
     *
     * @param limit the limit; positive
     * @return new options; never null
     */
    public RunOptions withTimeout(Duration limit) {
        return new RunOptions(limit, only, skip, clock, diagnostics, parallelism);
    }

    /**
     * Returns a copy that runs only these checks.
     *
     * @param ids check ids; never null
     * @return new options; never null
     */
    public RunOptions withOnly(Set<String> ids) {
        return new RunOptions(timeout, ids, skip, clock, diagnostics, parallelism);
    }

    /**
     * Returns a copy that skips these checks.
     *
     * @param ids check ids; never null
     * @return new options; never null
     */
    public RunOptions withSkip(Set<String> ids) {
        return new RunOptions(timeout, only, ids, clock, diagnostics, parallelism);
    }

    /**
     * Returns a copy that judges time against this clock instead of the collection time.
     *
     * @param c the clock; never null
     * @return new options; never null
     */
    public RunOptions withClock(Clock c) {
        return new RunOptions(timeout, only, skip, Optional.of(c), diagnostics, parallelism);
    }

    /**
     * Returns a copy that reports failures inside ndes-diag, with stack traces, to these diagnostics.
     *
     * @param sink the diagnostics of this run; never null
     * @return new options; never null
     */
    public RunOptions withDiagnostics(Diagnostics sink) {
        return new RunOptions(timeout, only, skip, clock, sink, parallelism);
    }

    /**
     * Returns these options with another number of checks of one snapshot run at once by
     * {@link CheckRunner#run}: 1 runs them one after another, a check that runs long still getting a
     * thread of its own. ({@link CheckRunner#runHere}, which a fleet uses, always starts with one,
     * the calling thread.)
     *
     * @param checksAtOnce at least 1
     * @return the new options; never null
     * @throws IllegalArgumentException when below 1
     */
    public RunOptions withParallelism(int checksAtOnce) {
        return new RunOptions(timeout, only, skip, clock, diagnostics, checksAtOnce);
    }
}
