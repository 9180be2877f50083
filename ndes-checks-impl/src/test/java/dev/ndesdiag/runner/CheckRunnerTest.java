package dev.ndesdiag.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.api.snapshot.UserRights;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The runner isolates checks: one that hangs, throws or misbehaves never takes the report down. */
class CheckRunnerTest {

    private static final Instant COLLECTED = Instant.parse("2026-11-20T10:15:00Z");

    private static Snapshot snapshot() {
        return Snapshot.builder(new Manifest("ndes-snapshot", 1, COLLECTED, Manifest.Host.unknown(), Optional.empty(),
                Optional.empty())).build();
    }

    /** A check defined by a lambda, for the moment a test wants it to misbehave. */
    private record Stub(CheckDescriptor descriptor, Function<CheckContext, CheckResult> body) implements Check {
        static Stub of(String id, Function<CheckContext, CheckResult> body, SnapshotPart... reads) {
            return new Stub(CheckDescriptor.of(id, "stub " + id, Category.SNAPSHOT).withReads(reads), body);
        }

        @Override
        public CheckResult run(CheckContext context) {
            return body.apply(context);
        }
    }

    private static final Stub HEALTHY = Stub.of("healthy", c -> CheckResult.of(Finding.pass("OK", "fine")));

    private static List<CheckOutcome> run(RunOptions options, Snapshot snapshot, Check... checks) throws Exception {
        CheckCatalog catalog = CheckCatalog.of(List.of(checks));
        return new CheckRunner().run(CheckRunner.select(catalog, options), snapshot, options);
    }

    /** A badly written check that ignores interruption and returns only once released. */
    private static Function<CheckContext, CheckResult> hangsIgnoringInterruptionUntil(CountDownLatch release) {
        return c -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignoredOnPurpose) {
                    // ignores interruption, on purpose
                }
            }
            return CheckResult.of();
        };
    }

    private static CheckOutcome outcome(List<CheckOutcome> outcomes, String id) {
        return outcomes.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aCheckThatHangsEndsAsErrorWhileTheOthersStillReport() throws Exception {
        Stub hangs = Stub.of("hangs", c -> {
            while (true) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ignoredOnPurpose) {
                    // a badly written check that ignores interruption
                }
            }
        });
        long start = System.nanoTime();
        List<CheckOutcome> outcomes = run(RunOptions.defaults().withTimeout(Duration.ofMillis(300)), snapshot(), hangs, HEALTHY);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        CheckOutcome hung = outcome(outcomes, "hangs");
        assertThat(hung.status()).isEqualTo(Status.ERROR);
        assertThat(hung.result().findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("CHECK_TIMED_OUT");
            assertThat(f.message()).contains("'hangs'").contains("300 ms");
        });
        assertThat(outcome(outcomes, "healthy").status()).isEqualTo(Status.PASS);
    }

    @Test
    void aCheckThatThrowsEndsAsErrorNamingTheExceptionNotItsStackTrace() throws Exception {
        Stub throwing = Stub.of("throws", c -> {
            throw new IllegalStateException("registry value had no type");
        });
        List<CheckOutcome> outcomes = run(RunOptions.defaults(), snapshot(), throwing, HEALTHY);
        assertThat(outcome(outcomes, "throws").result().findings()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.code()).isEqualTo("CHECK_FAILED");
            assertThat(f.message()).contains("IllegalStateException: registry value had no type").doesNotContain("\tat ");
        });
        assertThat(outcome(outcomes, "healthy").status()).isEqualTo(Status.PASS);
    }

    @Test
    void aCheckThatReadsAnInputItDidNotDeclareEndsAsErrorNamingTheInput() throws Exception {
        // the catalogue and the collection plan know only declared inputs, so the runner refuses any other
        Input<RegistryKey> mscep = Inputs.registryKey("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP", "mscep.reg");
        Check sneaky = new Stub(CheckDescriptor.of("sneaky", "reads more than it says", Category.CONFIGURATION),
                c -> CheckResult.of(Finding.pass("READ", c.find(mscep).isPresent() ? "found" : "absent")));
        CheckOutcome o = outcome(run(RunOptions.defaults(), snapshot(), sneaky, HEALTHY), "sneaky");
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).message()).contains("the registry key HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP")
                .contains("without declaring it");
    }

    @Test
    void aCheckThatTakesAnOptionalInputForGrantedEndsAsErrorSayingSo() throws Exception {
        Input<RegistryKey> mscep = Inputs.registryKey("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP", "mscep.reg");
        Check careless = new Stub(CheckDescriptor.of("careless", "uses an optional key as if required", Category.CONFIGURATION)
                .uses(mscep), c -> CheckResult.of(Finding.pass("READ", c.get(mscep).path())));
        CheckOutcome o = outcome(run(RunOptions.defaults(), snapshot(), careless), "careless");
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).message()).contains("declared it optional; use find(...)");
    }

    @Test
    void aCheckThatOverflowsItsStackEndsAsErrorToo() throws Exception {
        Stub recursing = Stub.of("recurses", c -> {
            throw new StackOverflowError();
        });
        assertThat(outcome(run(RunOptions.defaults(), snapshot(), recursing, HEALTHY), "recurses").status())
                .isEqualTo(Status.ERROR);
    }

    @Test
    void aCheckThatReturnsNothingEndsAsError() throws Exception {
        Stub nothing = Stub.of("returns-null", c -> null);
        assertThat(outcome(run(RunOptions.defaults(), snapshot(), nothing), "returns-null").result().findings())
                .extracting(Finding::code).containsExactly("CHECK_RETURNED_NOTHING");
    }

    @Test
    void aCheckWhosePartIsMissingIsSkippedWithoutRunningNamingThePartAndItsCommand() throws Exception {
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        Stub needsRights = Stub.of("needs-rights", c -> {
            ran.set(true);
            return CheckResult.of();
        }, SnapshotPart.USER_RIGHTS);
        CheckOutcome o = outcome(run(RunOptions.defaults(), snapshot(), needsRights), "needs-rights");
        assertThat(ran.get()).isFalse();
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("security/user-rights.inf");
            assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("secedit /export"));
        });
    }

    @Test
    void aCheckCanNameExactlyWhatToCollectWhenItsPartIsMissing() throws Exception {
        Check specific = new Check() {
            @Override
            public CheckDescriptor descriptor() {
                return CheckDescriptor.of("specific", "needs one key", Category.IIS).withReads(SnapshotPart.REGISTRY);
            }

            @Override
            public CheckResult run(CheckContext context) {
                throw new AssertionError("must not run");
            }

            @Override
            public CheckResult missingInput(SnapshotPart part) {
                return CheckResult.missingInput(part, "the key HKLM\\X", "reg export HKLM\\X x.reg /y");
            }
        };
        CheckOutcome o = outcome(run(RunOptions.defaults(), snapshot(), specific), "specific");
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r).contains("reg export HKLM\\X"));
    }

    @Test
    void aCheckWhosePartIsUnreadableIsAnErrorNamingTheFile() throws Exception {
        Snapshot s = Snapshot.builder(snapshot().manifest())
                .userRights(Part.<UserRights>unreadable(SnapshotPart.USER_RIGHTS, List.of(InputProblem.of(
                        SnapshotPart.USER_RIGHTS, "security/user-rights.inf", "has no [Privilege Rights] section"))))
                .build();
        CheckOutcome o = outcome(run(RunOptions.defaults(), s,
                Stub.of("needs-rights", c -> CheckResult.of(), SnapshotPart.USER_RIGHTS)), "needs-rights");
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("security/user-rights.inf: has no"));
    }

    @Test
    void checksJudgeTimeAtTheCollectionTimeUnlessGivenAClock() throws Exception {
        Stub clock = Stub.of("clock", c -> CheckResult.of(Finding.pass("NOW", c.now().toString())));
        assertThat(outcome(run(RunOptions.defaults(), snapshot(), clock), "clock").result().findings().get(0).message())
                .isEqualTo(COLLECTED.toString());
        Instant other = Instant.parse("2027-01-01T00:00:00Z");
        assertThat(outcome(run(RunOptions.defaults().withClock(Clock.fixed(other, ZoneOffset.UTC)), snapshot(), clock), "clock")
                .result().findings().get(0).message()).isEqualTo(other.toString());
    }

    @Test
    void resultsComeInIdOrderWhateverTheOrderOfDiscovery() throws Exception {
        List<CheckOutcome> outcomes = run(RunOptions.defaults(), snapshot(),
                Stub.of("zeta", c -> CheckResult.of()), Stub.of("alpha", c -> CheckResult.of()), HEALTHY);
        assertThat(outcomes).extracting(CheckOutcome::id).containsExactly("alpha", "healthy", "zeta");
    }

    @Test
    void onlyAndSkipSelectChecksById() throws Exception {
        Check[] all = {Stub.of("a", c -> CheckResult.of()), Stub.of("b", c -> CheckResult.of()), Stub.of("c", c -> CheckResult.of())};
        assertThat(run(RunOptions.defaults().withOnly(Set.of("a", "c")), snapshot(), all))
                .extracting(CheckOutcome::id).containsExactly("a", "c");
        assertThat(run(RunOptions.defaults().withSkip(Set.of("b")), snapshot(), all))
                .extracting(CheckOutcome::id).containsExactly("a", "c");
    }

    @Test
    void anUnknownIdInOnlyIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> run(RunOptions.defaults().withOnly(Set.of("ra-certs")), snapshot(), HEALTHY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ra-certs'").hasMessageContaining("healthy");
    }

    @Test
    void twoChecksWithTheSameIdAreRefusedNamingBothClasses() {
        Check other = new Check() {
            @Override
            public CheckDescriptor descriptor() {
                return CheckDescriptor.of("healthy", "another", Category.IIS);
            }

            @Override
            public CheckResult run(CheckContext context) {
                return CheckResult.of();
            }
        };
        assertThatThrownBy(() -> CheckCatalog.of(List.of(HEALTHY, other)))
                .isInstanceOf(CheckCatalog.CatalogException.class)
                .hasMessageContaining("'healthy'").hasMessageContaining(Stub.class.getName())
                .hasMessageContaining(other.getClass().getName());
    }

    @Test
    void checksRunInParallelSoSlowChecksCostOneWaitNotTheirSum() throws Exception {
        Function<CheckContext, CheckResult> slow = c -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.of();
        };
        long start = System.nanoTime();
        List<CheckOutcome> outcomes = run(RunOptions.defaults(), snapshot(),
                Stub.of("s1", slow), Stub.of("s2", slow), Stub.of("s3", slow), Stub.of("s4", slow));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.PASS));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_400));
    }

    /**
     * A fleet runs the checks of thousands of bundles in one JVM: their threads are shared, not
     * started anew for each bundle (which cost a dozen thread starts per bundle).
     */
    @Test
    void theChecksOfManySnapshotsShareTheirThreads() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Function<CheckContext, CheckResult> body = c -> {
            threads.add(Thread.currentThread());
            return CheckResult.of();
        };
        Check[] checks = {Stub.of("c1", body), Stub.of("c2", body), Stub.of("c3", body), Stub.of("c4", body)};
        for (int bundle = 0; bundle < 40; bundle++) {
            assertThat(run(RunOptions.defaults(), snapshot(), checks)).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.PASS));
        }
        assertThat(threads).as("threads for 160 checks of 40 snapshots").hasSizeLessThan(40);
    }

    /**
     * Shared threads must not make one bundle's hung checks another's problem: a check that hangs,
     * ignoring interruption, keeps its thread, and the next snapshot's checks still start at once.
     */
    @Test
    void checksThatHangIgnoringInterruptionDoNotDelayTheNextSnapshotsChecks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Function<CheckContext, CheckResult> hangs = hangsIgnoringInterruptionUntil(release);
        try {
            Check[] hung = new Check[12];
            for (int i = 0; i < hung.length; i++) {
                hung[i] = Stub.of("hangs-" + i, hangs);
            }
            assertThat(run(RunOptions.defaults().withTimeout(Duration.ofMillis(200)), snapshot(), hung))
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.ERROR));
            long start = System.nanoTime();
            List<CheckOutcome> next = run(RunOptions.defaults().withTimeout(Duration.ofSeconds(5)), snapshot(), HEALTHY);
            assertThat(outcome(next, "healthy").status()).isEqualTo(Status.PASS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        } finally {
            release.countDown();
        }
    }

    /** Runs the checks on a thread of the test's, as a fleet worker does; the outcomes arrive in the future. */
    private static CompletableFuture<List<CheckOutcome>> runHere(RunOptions options, Thread[] caller, Check... checks) {
        CompletableFuture<List<CheckOutcome>> outcomes = new CompletableFuture<>();
        List<Check> selected = CheckRunner.select(catalogOf(checks), options);
        Thread t = new Thread(() -> new CheckRunner().runHere(selected, snapshot(), options, outcomes), "fleet-worker");
        t.setDaemon(true);
        caller[0] = t;
        t.start();
        return outcomes;
    }

    private static CheckCatalog catalogOf(Check... checks) {
        try {
            return CheckCatalog.of(List.of(checks));
        } catch (CheckCatalog.CatalogException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A fleet worker runs its bundle's checks itself, one after another: handing fifty checks to
     * fifty threads cost more than the checks, and on a virtual machine each hand-over waits for a
     * thread to be woken. The outcomes are passed on by the worker, before runHere returns.
     */
    @Test
    void runHereRunsEveryCheckOnTheCallingThreadAndPassesTheOutcomesOnBeforeReturning() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Function<CheckContext, CheckResult> body = c -> {
            threads.add(Thread.currentThread());
            return CheckResult.of(Finding.pass("OK", "fine"));
        };
        AtomicReference<Thread> passedOnBy = new AtomicReference<>();
        AtomicReference<List<CheckOutcome>> outcomes = new AtomicReference<>();
        CompletableFuture<List<CheckOutcome>> into = new CompletableFuture<>();
        into.thenAccept(o -> {
            passedOnBy.set(Thread.currentThread());
            outcomes.set(o);
        });
        new CheckRunner().runHere(CheckRunner.select(catalogOf(Stub.of("c1", body), Stub.of("c2", body), Stub.of("c3", body)),
                RunOptions.defaults()), snapshot(), RunOptions.defaults(), into);
        assertThat(outcomes.get()).extracting(CheckOutcome::id).containsExactly("c1", "c2", "c3");
        assertThat(outcomes.get()).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.PASS));
        assertThat(threads).containsExactly(Thread.currentThread());
        assertThat(passedOnBy.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void runHereWithACheckThatHangsIgnoringInterruptionStillPassesEveryOutcomeOnFromAnotherThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Stub hangs = Stub.of("a-hangs", hangsIgnoringInterruptionUntil(release));
        try {
            Thread[] worker = new Thread[1];
            long start = System.nanoTime();
            List<CheckOutcome> outcomes = runHere(RunOptions.defaults().withTimeout(Duration.ofMillis(300)), worker, hangs, HEALTHY)
                    .get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(outcome(outcomes, "a-hangs").result().findings()).singleElement()
                    .satisfies(f -> assertThat(f.code()).isEqualTo("CHECK_TIMED_OUT"));
            assertThat(outcome(outcomes, "healthy").status()).as("the check after the hung one ran on another thread")
                    .isEqualTo(Status.PASS);
            assertThat(worker[0].isAlive()).as("the worker stays held by the hung check").isTrue();
        } finally {
            release.countDown();
        }
    }

    /**
     * A check stopped at its limit is interrupted on the thread it runs on, the caller's own when it
     * is the last check: a fleet worker that kept that interruption would fail to read its next
     * bundle (an interrupted thread's file channel closes itself) and to write the report.
     */
    @Test
    void aCheckStoppedOnTheCallingThreadLeavesTheThreadUninterruptedForItsNextBundle() throws Exception {
        Stub stoppable = Stub.of("z-stoppable", c -> {
            try {
                Thread.sleep(10_000);
                return CheckResult.of(Finding.fail("NOT_STOPPED", "ran to its end"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as a well-behaved check does
                return CheckResult.of();
            }
        });
        CompletableFuture<List<CheckOutcome>> into = new CompletableFuture<>();
        RunOptions options = RunOptions.defaults().withTimeout(Duration.ofMillis(200));
        new CheckRunner().runHere(CheckRunner.select(catalogOf(HEALTHY, stoppable), options), snapshot(), options, into);
        assertThat(Thread.interrupted()).as("the calling thread's interrupted status after runHere").isFalse();
        assertThat(outcome(into.get(5, TimeUnit.SECONDS), "z-stoppable").result().findings()).singleElement()
                .satisfies(f -> assertThat(f.code()).isEqualTo("CHECK_TIMED_OUT"));
    }

    @Test
    void runHereGivesTheChecksAfterASlowOneAThreadOfTheirOwnInsteadOfMakingThemWait() throws Exception {
        CountDownLatch quickDone = new CountDownLatch(1);
        Stub slow = Stub.of("a-slow", c -> {
            try {
                // returns as soon as the check after it has run: it ran beside this one, not after it
                return quickDone.await(10, TimeUnit.SECONDS) ? CheckResult.of(Finding.pass("OK", "the next check did not wait"))
                        : CheckResult.of(Finding.fail("WAITED", "the next check waited for this one"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckResult.of();
            }
        });
        Stub quick = Stub.of("b-quick", c -> {
            quickDone.countDown();
            return CheckResult.of(Finding.pass("OK", "fine"));
        });
        List<CheckOutcome> outcomes = runHere(RunOptions.defaults(), new Thread[1], slow, quick).get(5, TimeUnit.SECONDS);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.PASS));
    }

    @Test
    void aParallelismOfOneRunsTheChecksOneAfterAnotherOnOneThread() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Function<CheckContext, CheckResult> body = c -> {
            threads.add(Thread.currentThread());
            return CheckResult.of();
        };
        List<CheckOutcome> outcomes = run(RunOptions.defaults().withParallelism(1), snapshot(),
                Stub.of("c1", body), Stub.of("c2", body), Stub.of("c3", body), Stub.of("c4", body));
        assertThat(outcomes).hasSize(4);
        assertThat(threads).hasSize(1).doesNotContain(Thread.currentThread());
        assertThatThrownBy(() -> RunOptions.defaults().withParallelism(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one check");
    }
}
