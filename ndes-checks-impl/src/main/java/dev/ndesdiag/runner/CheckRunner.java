package dev.ndesdiag.runner;

import dev.ndesdiag.Diagnostics;
import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.UnactionableFindingException;
import dev.ndesdiag.api.input.DeclaredInput;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.PartInput;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * CheckRunner runs checks on a snapshot, several at once ({@link #run}) or one after another on the
 * calling thread ({@link #runHere}, for a fleet worker), each under its own time limit, and gives one
 * outcome per check in id order.
 *
 * <p>Isolation is the runner's job: a check whose declared parts are missing is {@code SKIPPED}
 * without running; a check that throws, returns {@code null} or outlives its limit ends as
 * {@code ERROR} with a one-line reason (the stack trace goes to the debug log only), and every
 * other check still reports. Checks run on the JVM's shared {@link dev.ndesdiag.DaemonThreads}, a
 * few at a time ({@link Lanes}: {@link RunOptions#parallelism()}, by default the processors): a
 * check that runs long gets a new thread started beside it for the checks after it, so no check
 * waits long behind another; one that outlives its limit (counted from its start) is interrupted and
 * holds only its own thread, and a check that ignores interruption cannot keep the process alive. A
 * check that runs out of memory or stack is {@code ERROR} too.
 */
public final class CheckRunner {

    private record Timed(CheckResult result, Duration duration) {
    }

    /** The context of one check: only the inputs it declared, looked up once. */
    private record Context(Snapshot snapshot, Clock clock, CheckDescriptor descriptor, Map<Input<?>, Part<?>> found)
            implements CheckContext {

        @Override
        public <T> T get(Input<T> input) {
            DeclaredInput d = declared(input);
            if (!d.required()) {
                throw new IllegalStateException("check '" + descriptor.id() + "' reads " + input.what()
                        + " with get(...), but declared it optional; use find(...)");
            }
            return lookUp(input).value().orElseThrow();
        }

        @Override
        public <T> Optional<T> find(Input<T> input) {
            declared(input);
            return lookUp(input).value();
        }

        @Override
        public List<InputProblem> problems(Input<?> input) {
            declared(input);
            return lookUp(input).problems();
        }

        private DeclaredInput declared(Input<?> input) {
            return descriptor.declaration(input).orElseThrow(() -> new IllegalStateException("check '" + descriptor.id()
                    + "' reads " + input.what() + " without declaring it; add it to its descriptor with requires(...) or uses(...)"));
        }

        @SuppressWarnings("unchecked")
        private <T> Part<T> lookUp(Input<T> input) {
            return (Part<T>) found.computeIfAbsent(input, i -> i.find(snapshot));
        }
    }

    private record Pending(CheckDescriptor descriptor, Lanes.Slot<Timed> slot, List<Finding> unreadableOptional) {
    }

    /**
     * Selects the checks of a catalogue that the options ask for.
     *
     * @param catalog the available checks; never null
     * @param options the options; never null
     * @return the selected checks in id order; never null
     * @throws IllegalArgumentException when {@code only} or {@code skip} names an unknown id; the message lists the known ids
     */
    public static List<Check> select(CheckCatalog catalog, RunOptions options) {
        if (options.only().isEmpty() && options.skip().isEmpty()) {
            return catalog.checks(); // every check, in id order: nothing to validate (a fleet selects once per bundle)
        }
        Set<String> known = new TreeSet<>();
        catalog.descriptors().forEach(d -> known.add(d.id()));
        for (Set<String> ids : List.of(options.only(), options.skip())) {
            for (String id : ids) {
                if (!known.contains(id)) {
                    throw new IllegalArgumentException("unknown check id '" + id + "'; known ids: " + String.join(", ", known));
                }
            }
        }
        return catalog.checks().stream()
                .filter(c -> options.only().isEmpty() || options.only().contains(c.descriptor().id()))
                .filter(c -> !options.skip().contains(c.descriptor().id()))
                .toList();
    }

    /**
     * Runs checks on a snapshot.
     *
     * @param checks the checks, in the order of the result; never null
     * @param snapshot the facts; never null
     * @param options the time limit and clock; never null
     * @return one outcome per check, in the order given; never null
     */
    public List<CheckOutcome> run(List<Check> checks, Snapshot snapshot, RunOptions options) {
        Prepared run = prepare(checks, snapshot, options);
        Lanes<Timed> lanes = Lanes.awaited(run.slots(), options.parallelism(), options.timeout());
        try {
            boolean interrupted = false;
            try {
                lanes.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
            List<CheckOutcome> outcomes = run.outcomes(options);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return outcomes;
        } finally {
            lanes.cancel();
        }
    }

    /**
     * Runs checks on a snapshot one after another on the calling thread, handing nothing to another
     * thread unless a check runs long ({@link Lanes#here}): the way a fleet analyses one bundle per
     * processor. {@code into} is completed exactly once, with the outcomes or with what failed to
     * give them, by the thread that ended the run: this one, before this method returns, when every
     * check ran here and none was stopped; else another (a thread started beside a check that ran
     * past 100 ms, or a pool thread the watch hands the run to when it stopped the last check to
     * end). When a check outlives its limit
     * ignoring interruption, this thread stays held until the check returns, while another completes
     * {@code into} (the check stopped as {@code ERROR}): call it from a thread that may be held so.
     * The calling thread's interrupted status is cleared after every check.
     *
     * @param checks the checks, in the order of the result; never null
     * @param snapshot the facts; never null
     * @param options the time limit and clock; never null
     * @param into completed with one outcome per check, in the order given; never null
     */
    public void runHere(List<Check> checks, Snapshot snapshot, RunOptions options, CompletableFuture<List<CheckOutcome>> into) {
        Objects.requireNonNull(into, "into");
        Prepared run;
        try {
            run = prepare(checks, snapshot, options);
        } catch (RuntimeException | Error e) {
            into.completeExceptionally(e);
            return;
        }
        Lanes.here(run.slots(), options.timeout(), () -> {
            try {
                into.complete(run.outcomes(options));
            } catch (RuntimeException | Error e) { // on another thread nothing else would hear of it
                into.completeExceptionally(e);
            }
        });
    }

    /** The checks of a run: those settled before running (missing inputs) and those to run, in order. */
    private record Prepared(List<Supplier<CheckOutcome>> results, List<Lanes.Slot<Timed>> slots, List<Pending> pending) {

        /** The outcome of every check, in order, once the run has ended. */
        List<CheckOutcome> outcomes(RunOptions options) {
            int p = 0;
            List<CheckOutcome> outcomes = new ArrayList<>(results.size());
            for (Supplier<CheckOutcome> settled : results) {
                outcomes.add(settled != null ? settled.get() : outcome(pending.get(p++), options.timeout(), options.diagnostics()));
            }
            return List.copyOf(outcomes);
        }
    }

    private static Prepared prepare(List<Check> checks, Snapshot snapshot, RunOptions options) {
        Clock clock = clock(snapshot, options);
        List<Supplier<CheckOutcome>> results = new ArrayList<>();
        List<Lanes.Slot<Timed>> slots = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (Check check : checks) {
            CheckDescriptor d = check.descriptor();
            Map<Input<?>, Part<?>> found = new ConcurrentHashMap<>();
            Optional<CheckResult> preempted = inputVerdict(check, snapshot, found, options.diagnostics());
            if (preempted.isPresent()) {
                CheckOutcome done = new CheckOutcome(d, preempted.get(), Duration.ZERO);
                results.add(() -> done);
            } else {
                CheckContext context = new Context(snapshot, clock, d, found);
                Lanes.Slot<Timed> slot = new Lanes.Slot<>(() -> timed(check, context));
                slots.add(slot);
                pending.add(new Pending(d, slot, unreadableOptional(d, snapshot, found)));
                results.add(null);
            }
        }
        return new Prepared(results, slots, pending);
    }

    /**
     * Returns the clock checks judge time against: the options' clock, else the snapshot's collection time.
     *
     * @param snapshot the snapshot; never null
     * @param options the options; never null
     * @return the clock; never null
     */
    public static Clock clock(Snapshot snapshot, RunOptions options) {
        return options.clock().orElseGet(() -> Clock.fixed(snapshot.manifest().collectedAt(), ZoneOffset.UTC));
    }

    /**
     * SKIPPED when a required input is absent (each missing one named), ERROR when one is
     * unreadable; empty when the check may run. The inputs looked up are kept for the check.
     */
    private static Optional<CheckResult> inputVerdict(Check check, Snapshot snapshot, Map<Input<?>, Part<?>> found,
            Diagnostics diagnostics) {
        List<Finding> absent = new ArrayList<>();
        List<Finding> unreadable = new ArrayList<>();
        for (Input<?> input : check.descriptor().requiredInputs()) {
            Part<?> part = found.computeIfAbsent(input, i -> i.find(snapshot));
            if (part.state() == Part.State.ABSENT) {
                absent.addAll(input instanceof PartInput<?> whole ? skippedFor(check, whole.kind(), diagnostics).findings()
                        : List.of(input.absent()));
            } else if (part.state() == Part.State.UNREADABLE) {
                part.problems().stream().map(InputProblem::toFinding).forEach(unreadable::add);
            }
        }
        if (!unreadable.isEmpty()) {
            return Optional.of(new CheckResult(Status.ERROR, unreadable));
        }
        return absent.isEmpty() ? Optional.empty() : Optional.of(new CheckResult(Status.SKIPPED, dedupe(absent)));
    }

    /**
     * The problems of the optional inputs that were collected but cannot be read: the check judged
     * without them, and the report must not let that read as "not collected".
     */
    private static List<Finding> unreadableOptional(CheckDescriptor d, Snapshot snapshot, Map<Input<?>, Part<?>> found) {
        List<Finding> findings = new ArrayList<>();
        for (DeclaredInput i : d.inputs()) {
            if (!i.required()) {
                Part<?> part = found.computeIfAbsent(i.input(), in -> in.find(snapshot));
                if (part.state() == Part.State.UNREADABLE) {
                    part.problems().stream().map(InputProblem::toFinding).forEach(findings::add);
                }
            }
        }
        return dedupe(findings);
    }

    /** Adds the unreadable optional inputs' findings that the check did not report itself. */
    private static CheckResult withUnreadable(CheckResult result, List<Finding> unreadable) {
        List<Finding> missing = unreadable.stream().filter(u -> !result.findings().contains(u)).toList();
        if (missing.isEmpty()) {
            return result;
        }
        List<Finding> all = new ArrayList<>(result.findings());
        all.addAll(missing);
        return CheckResult.of(all);
    }

    private static List<Finding> dedupe(List<Finding> findings) {
        return List.copyOf(new java.util.LinkedHashSet<>(findings));
    }

    /** The check's own reason for a missing part, or the generic one if it misbehaves. */
    private static CheckResult skippedFor(Check check, SnapshotPart kind, Diagnostics diagnostics) {
        try {
            CheckResult r = check.missingInput(kind);
            if (r != null && r.status() == Status.SKIPPED) {
                return r;
            }
        } catch (RuntimeException e) {
            diagnostics.trace("check '" + check.descriptor().id() + "' failed to explain a missing part", e);
        }
        return CheckResult.missingInput(kind);
    }

    private static Timed timed(Check check, CheckContext context) throws Exception {
        long start = System.nanoTime();
        CheckResult result = check.run(context);
        return new Timed(result, Duration.ofNanos(System.nanoTime() - start));
    }

    /** What became of a check once its run ended: its result, or why it has none. */
    private static CheckOutcome outcome(Pending p, Duration timeout, Diagnostics diagnostics) {
        String id = p.descriptor().id();
        Lanes.Slot<Timed> slot = p.slot();
        if (slot.timedOut()) {
            return error(p, "CHECK_TIMED_OUT", "Check '" + id + "' did not finish within " + human(timeout)
                    + " and was stopped; the other checks are unaffected. Raise the limit with --timeout if the input is large.");
        }
        try {
            Timed t = slot.result();
            if (t.result() == null) {
                return error(p, "CHECK_RETURNED_NOTHING", "Check '" + id + "' returned no result; this is a bug in the check.");
            }
            return new CheckOutcome(p.descriptor(), withUnreadable(t.result(), p.unreadableOptional()), t.duration());
        } catch (CancellationException e) {
            return error(p, "CHECK_INTERRUPTED", "Check '" + id + "' was interrupted before it finished.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof OutOfMemoryError) {
                diagnostics.trace("check '" + id + "' ran out of memory", cause);
                return error(p, "CHECK_OUT_OF_MEMORY", "Check '" + id + "' ran out of memory and was stopped; the other "
                        + "checks are unaffected. The input it reads is too large for this Java heap (raise it with -Xmx), "
                        + "or is built to exhaust it.");
            }
            if (cause instanceof UnactionableFindingException u) {
                return error(p, "CHECK_FINDING_NOT_ACTIONABLE", "Check '" + id + "' reported an unusable result: "
                        + u.getMessage() + ". This is a bug in the check.");
            }
            diagnostics.trace("check '" + id + "' failed", cause);
            return error(p, "CHECK_FAILED", "Check '" + id + "' failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                    + ". This is a bug in the check; run with --debug for the stack trace.");
        }
    }

    private static CheckOutcome error(Pending p, String code, String message) {
        return new CheckOutcome(p.descriptor(), CheckResult.error(code, message), p.slot().elapsed());
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
