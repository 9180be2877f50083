package dev.ndesdiag.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.report.TextFleetWriter;
import dev.ndesdiag.runner.RunOptions;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many bundles in one run: rows worst first, an unreadable bundle is a row, folders expand to their bundles. */
class FleetRunTest {

    private static final String HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";

    @TempDir
    Path dir;

    static Path healthyHttpSys(Path dir) {
        return BundleBuilder.in(dir).registry("http.reg",
                new RegExport().key(HTTP).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 65534)).dir();
    }

    static Path warnHttpSys(Path dir) {
        return BundleBuilder.in(dir).registry("http.reg",
                new RegExport().key(HTTP).dword("MaxFieldLength", 100_000).dword("MaxRequestBytes", 65534)).dir();
    }

    private FleetSummary run(List<Path> bundles, RunOptions options) throws Exception {
        try (FleetRun run = FleetRun.start(NdesDiag.discover(getClass().getClassLoader()), options, new TextFleetWriter(), 2)) {
            return run.analyze(bundles, done -> { });
        }
    }

    @Test
    void rowsComeWorstFirstAndAnUnreadableBundleIsOneRowSayingWhy() throws Exception {
        Path pass = healthyHttpSys(dir.resolve("a-pass"));
        Path warn = warnHttpSys(dir.resolve("b-warn"));
        Path broken = Files.writeString(dir.resolve("c-broken.zip"), "not a zip");
        Path fail = HostileBundle.write(dir.resolve("d-fail"));
        FleetSummary s = run(List.of(pass, warn, broken, fail), RunOptions.defaults().withOnly(java.util.Set.of(
                "http-sys-limits", "root-store-intermediates")));
        assertThat(s.rows()).extracting(ServerRow::status)
                .containsExactly(Status.FAIL, Status.ERROR, Status.WARN, Status.PASS);
        assertThat(s.rows().get(1).bundle()).endsWith("c-broken.zip");
        assertThat(s.rows().get(1).problem()).get().asString().contains("not a readable zip");
        assertThat(s.status()).isEqualTo(Status.FAIL);
        assertThat(s.servers().get(Status.PASS)).isEqualTo(1);
        assertThat(s.checkIds()).containsExactly("http-sys-limits", "root-store-intermediates");
    }

    @Test
    void aFolderWithoutManifestMeansEveryBundleInItAndAFolderWithOneIsOneBundle() throws Exception {
        Path fleet = Files.createDirectories(dir.resolve("fleet"));
        healthyHttpSys(fleet.resolve("b"));
        Files.writeString(fleet.resolve("a.zip"), "x");
        Files.writeString(fleet.resolve("notes.txt"), "not a bundle");
        Files.createDirectories(fleet.resolve("empty"));
        assertThat(FleetInputs.isFleet(List.of(fleet))).isTrue();
        assertThat(FleetInputs.expand(List.of(fleet))).containsExactly(fleet.resolve("a.zip"), fleet.resolve("b"));
        assertThat(FleetInputs.isFleet(List.of(fleet.resolve("b")))).isFalse();
        assertThat(FleetInputs.isFleet(List.of(fleet.resolve("empty")))).as("a lone incomplete bundle").isFalse();
        assertThat(FleetInputs.isFleet(List.of(fleet.resolve("b"), fleet.resolve("a.zip")))).isTrue();
    }

    @Test
    void progressCountsEveryBundleAndTheSummaryIsTheSameOnEveryRun() throws Exception {
        List<Path> bundles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bundles.add(i % 2 == 0 ? healthyHttpSys(dir.resolve("h" + i)) : warnHttpSys(dir.resolve("w" + i)));
        }
        List<Integer> seen = new CopyOnWriteArrayList<>();
        String first;
        try (FleetRun run = FleetRun.start(NdesDiag.discover(getClass().getClassLoader()),
                RunOptions.defaults().withOnly(java.util.Set.of("http-sys-limits")), new TextFleetWriter(), 3)) {
            FleetSummary s = run.analyze(bundles, seen::add);
            StringWriter w = new StringWriter();
            run.write(s, w);
            first = w.toString();
        }
        assertThat(seen).hasSize(6).contains(6);
        String second;
        try (FleetRun run = FleetRun.start(NdesDiag.discover(getClass().getClassLoader()),
                RunOptions.defaults().withOnly(java.util.Set.of("http-sys-limits")), new TextFleetWriter(), 1)) {
            StringWriter w = new StringWriter();
            run.write(run.analyze(bundles, d -> { }), w);
            second = w.toString();
        }
        assertThat(second).isEqualTo(first);
        assertThat(first.indexOf("w1")).isLessThan(first.indexOf("h0"));
    }

    /** A contributed check that hangs on the first bundle it sees, ignoring interruption, until released. */
    private record HangsOnce(java.util.concurrent.atomic.AtomicBoolean first, java.util.concurrent.CountDownLatch release)
            implements dev.ndesdiag.api.Check {
        @Override
        public dev.ndesdiag.api.CheckDescriptor descriptor() {
            return dev.ndesdiag.api.CheckDescriptor.of("hangs-once", "hangs on the first bundle", dev.ndesdiag.api.Category.SNAPSHOT);
        }

        @Override
        public dev.ndesdiag.api.CheckResult run(dev.ndesdiag.api.CheckContext context) {
            if (first.compareAndSet(true, false)) {
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignoredOnPurpose) {
                        // a badly written check that ignores interruption
                    }
                }
            }
            return dev.ndesdiag.api.CheckResult.of(dev.ndesdiag.api.Finding.pass("OK", "fine"));
        }
    }

    /**
     * Each worker reads and checks its bundle on its own thread; a check that hangs there, ignoring
     * interruption, holds that worker, so the bundle's report is finished on another thread and a
     * new worker takes the held one's place: every server still gets its row, in a few seconds.
     */
    @Test
    void aCheckThatHangsAWorkerIgnoringInterruptionCostsThatCheckOnlyAndTheFleetGoesOn() throws Exception {
        List<Path> bundles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bundles.add(healthyHttpSys(dir.resolve("h" + i)));
        }
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        NdesDiag diag = NdesDiag.withChecks(List.of(new HangsOnce(new java.util.concurrent.atomic.AtomicBoolean(true), release)));
        // one worker: without a new worker in the held one's place, the fleet would stop at the first bundle
        try (FleetRun run = FleetRun.start(diag, RunOptions.defaults().withTimeout(java.time.Duration.ofMillis(300)),
                new TextFleetWriter(), 1)) {
            java.util.concurrent.FutureTask<FleetSummary> fleet = new java.util.concurrent.FutureTask<>(() -> run.analyze(bundles, d -> { }));
            Thread t = new Thread(fleet);
            t.setDaemon(true);
            t.start();
            FleetSummary s = fleet.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(s.rows()).hasSize(6);
            assertThat(s.rows()).filteredOn(r -> r.status() == Status.ERROR).singleElement()
                    .satisfies(r -> assertThat(r.checks()).containsEntry("hangs-once", Status.ERROR));
            assertThat(s.rows()).filteredOn(r -> r.status() == Status.PASS).hasSize(5);
        } finally {
            release.countDown();
        }
    }
    /** A contributed check that runs past any limit, and stops when interrupted, as it should. */
    private record SlowButStoppable() implements dev.ndesdiag.api.Check {
        @Override
        public dev.ndesdiag.api.CheckDescriptor descriptor() {
            return dev.ndesdiag.api.CheckDescriptor.of("slow", "runs past its limit", dev.ndesdiag.api.Category.SNAPSHOT);
        }

        @Override
        public dev.ndesdiag.api.CheckResult run(dev.ndesdiag.api.CheckContext context) {
            try {
                Thread.sleep(10_000);
                return dev.ndesdiag.api.CheckResult.of(dev.ndesdiag.api.Finding.fail("NOT_STOPPED", "ran to its end"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stops, and keeps the interruption for its caller to see
                return dev.ndesdiag.api.CheckResult.of();
            }
        }
    }

    /**
     * A check stopped at its limit on a worker's own thread is interrupted there. The worker goes on
     * to its next bundle; when that one cannot be read, the worker itself writes its row to the
     * spool, whose file channel an interrupted thread would close: one stopped check must cost that
     * check only, not every row after it.
     */
    @Test
    void aCheckStoppedAtItsLimitOnAWorkerCostsThatCheckOnlyAndTheWorkerWritesItsNextRowsWell() throws Exception {
        List<Path> bundles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bundles.add(healthyHttpSys(dir.resolve("h" + i)));
            bundles.add(Files.writeString(dir.resolve("broken" + i + ".zip"), "not a zip"));
        }
        NdesDiag diag = NdesDiag.withChecks(List.of(new SlowButStoppable()));
        try (FleetRun run = FleetRun.start(diag, RunOptions.defaults().withTimeout(java.time.Duration.ofMillis(200)),
                new dev.ndesdiag.report.JunitFleetWriter(), 1)) { // it spools a part for an unreadable bundle too
            FleetSummary s = run.analyze(bundles, d -> { });
            assertThat(s.rows()).hasSize(8);
            assertThat(s.rows()).filteredOn(r -> r.problem().isEmpty()).hasSize(4)
                    .allSatisfy(r -> assertThat(r.checks()).containsEntry("slow", Status.ERROR));
            assertThat(s.rows()).filteredOn(r -> r.problem().isPresent()).hasSize(4)
                    .allSatisfy(r -> assertThat(r.problem()).get().asString().contains("not a readable zip"));
            StringWriter out = new StringWriter();
            run.write(s, out);
            assertThat(out.toString()).contains("slow").contains("broken3.zip");
        }
    }

    /**
     * A run that cannot go on (here the caller's progress display fails) ends at once, saying why:
     * no worker takes another bundle, and the rows no worker will make fail too, instead of the run
     * waiting for them for ever.
     */
    @Test
    void aRunThatCannotGoOnEndsWithTheFailureInsteadOfWaitingForRowsNoWorkerWillMake() throws Exception {
        List<Path> bundles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bundles.add(healthyHttpSys(dir.resolve("h" + i)));
        }
        try (FleetRun run = FleetRun.start(NdesDiag.discover(getClass().getClassLoader()),
                RunOptions.defaults().withOnly(java.util.Set.of("http-sys-limits")), new TextFleetWriter(), 1)) {
            java.util.concurrent.FutureTask<FleetSummary> fleet = new java.util.concurrent.FutureTask<>(() -> run.analyze(bundles, done -> {
                throw new IllegalStateException("the terminal went away");
            }));
            Thread t = new Thread(fleet);
            t.setDaemon(true);
            t.start();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> fleet.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.ExecutionException.class)
                    .hasRootCauseMessage("the terminal went away");
        }
    }
}
