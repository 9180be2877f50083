package com.example.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.bundle.BundleException;
import dev.ndesdiag.runner.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Uses ndes-diag exactly as a tool that embeds it would, from outside its packages and through
 * its public entry point only: no printing, no System.exit, a Report value back.
 */
class EmbeddingTest {

    private static final Path SAMPLE = Path.of("..", "samples", "broken-ndes");

    @Test
    void anEmbedderGetsTheReportOfTheSampleBundleAsAValue() throws Exception {
        PrintStream realOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Report report;
        try {
            NdesDiag diag = NdesDiag.discover(EmbeddingTest.class.getClassLoader());
            report = diag.analyze(SAMPLE, RunOptions.defaults().withTimeout(Duration.ofSeconds(10)));
        } finally {
            System.setOut(realOut);
        }
        assertThat(captured.size()).as("the library printed something").isZero();
        assertThat(report.status()).isEqualTo(Status.FAIL);
        assertThat(report.target().host()).contains("ndes01.corp.contoso.com");
        assertThat(report.results()).extracting(CheckOutcome::id)
                .contains("http-sys-limits", "root-store-intermediates", "snapshot-integrity");
        assertThat(report.results().stream().flatMap(o -> o.result().findings().stream()).map(Finding::code))
                .contains("ROOT_STORE_INTERMEDIATE", "MAX_FIELD_LENGTH_TOO_LOW", "MAX_REQUEST_BYTES_NOT_DWORD");
    }

    @Test
    void anEmbedderCanRunChecksOnASnapshotItBuiltItself() throws Exception {
        Snapshot snapshot = Snapshot.builder(new Manifest("ndes-snapshot", 1, Instant.parse("2026-11-20T10:15:00Z"),
                Manifest.Host.unknown(), Optional.empty(), Optional.empty())).build();
        Report report = NdesDiag.discover(EmbeddingTest.class.getClassLoader())
                .analyze(snapshot, "in-memory", RunOptions.defaults().withOnly(Set.of("http-sys-limits")));
        assertThat(report.results()).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(Status.SKIPPED));
        assertThat(report.status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void anUnreadableBundleIsACheckedExceptionWithAMessageNotACrash() {
        try {
            NdesDiag.discover(EmbeddingTest.class.getClassLoader()).analyze(Path.of("no-such-bundle.zip"), RunOptions.defaults());
            throw new AssertionError("expected a BundleException");
        } catch (BundleException expected) {
            assertThat(expected.getMessage()).contains("no-such-bundle.zip");
        } catch (Exception other) {
            throw new AssertionError(other);
        }
    }

    /** What a fleet gets from analysing a bundle on its worker's thread is what analyze gives. */
    @Test
    void analyzingOnTheCallingThreadGivesTheSameReportAsAnalyze() throws Exception {
        NdesDiag diag = NdesDiag.discover(EmbeddingTest.class.getClassLoader());
        RunOptions options = RunOptions.defaults().withTimeout(Duration.ofSeconds(10));
        Report expected = diag.analyze(SAMPLE, options);
        java.util.concurrent.CompletableFuture<Report> here = new java.util.concurrent.CompletableFuture<>();
        diag.analyzeHere(SAMPLE, options, here);
        assertThat(here).as("completed on this thread, before analyzeHere returned").isDone();
        Report report = here.get();
        assertThat(report.target()).isEqualTo(expected.target());
        assertThat(report.timeline()).isEqualTo(expected.timeline());
        assertThat(report.results()).extracting(CheckOutcome::id, o -> o.result().findings())
                .containsExactlyElementsOf(expected.results().stream()
                        .map(o -> org.assertj.core.groups.Tuple.tuple(o.id(), o.result().findings())).toList());
    }

    @Test
    void aBundleThatCannotBeReadOnTheCallingThreadFailsTheFutureSayingWhy() throws Exception {
        java.util.concurrent.CompletableFuture<Report> here = new java.util.concurrent.CompletableFuture<>();
        NdesDiag.discover(EmbeddingTest.class.getClassLoader()).analyzeHere(Path.of("no-such-bundle.zip"), RunOptions.defaults(), here);
        assertThat(here).isCompletedExceptionally();
        org.assertj.core.api.Assertions.assertThatThrownBy(here::get).hasCauseInstanceOf(BundleException.class)
                .hasMessageContaining("does not exist");
    }
}
