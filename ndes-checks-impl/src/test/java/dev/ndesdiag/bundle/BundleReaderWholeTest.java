package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.Diagnostics;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.api.snapshot.SystemInfo;
import dev.ndesdiag.fixtures.BundleBuilder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader as a whole: which paths are bundles, a bug in a part reader traced to the run's
 * diagnostics, an unlistable folder costing only the part read from it, and each part's problems
 * capped per file without changing whether the part is present.
 */
class BundleReaderWholeTest {

    @TempDir
    Path tmp;

    @Test
    void aPathThatDoesNotExistOrIsNeitherFolderNorFileIsRefusedSayingSo() {
        Path missing = tmp.resolve("NDES01.zip");
        assertThatThrownBy(() -> new BundleReader().open(missing)).isInstanceOf(BundleException.class)
                .hasMessage("The bundle " + missing + " does not exist.");
        Path device = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device));
        assertThatThrownBy(() -> new BundleReader().open(device)).isInstanceOf(BundleException.class)
                .hasMessage("The bundle /dev/null is neither a folder nor a zip file.");
    }

    @Test
    void aFolderHoldingOnlyTheUnzippedBundleFolderIsReadAsThatFolder() throws Exception {
        Path outer = Files.createDirectories(tmp.resolve("download"));
        Path inner = BundleBuilder.in(Files.createDirectories(outer.resolve("NDES01"))).text("system.json", "{\"services\":[]}").dir();
        try (OpenBundle open = new BundleReader().open(outer)) {
            assertThat(open.source()).isEqualTo(inner.toString());
            assertThat(open.snapshot().system().state()).isEqualTo(Part.State.PRESENT);
        }
        Path withFile = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(withFile.resolve("readme.txt"), "not a bundle");
        assertThatThrownBy(() -> new BundleReader().open(withFile)).isInstanceOf(BundleException.class)
                .hasMessageStartingWith("The bundle " + withFile + " has no manifest.json at its root");
    }

    @Test
    void aPartReaderBugIsTracedToTheRunsDiagnosticsAndSaidWithoutAMessageItLacks() {
        List<String> traced = new ArrayList<>();
        Diagnostics sink = (what, cause) -> traced.add(what + ": " + cause.getClass().getSimpleName());
        Part<SystemInfo> part = BundleReader.guarded(SnapshotPart.SYSTEM, () -> {
            throw new IllegalStateException();
        }, sink);
        assertThat(part.state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(part.problems()).extracting(InputProblem::file, InputProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("system.json",
                        "could not be read because of a bug in ndes-diag (IllegalStateException); run with --debug and report it"));
        Part<SystemInfo> oom = BundleReader.guarded(SnapshotPart.SYSTEM, () -> {
            throw new OutOfMemoryError("Java heap space");
        }, sink);
        assertThat(oom.state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(traced).containsExactly("reading the SYSTEM part failed: IllegalStateException",
                "reading the SYSTEM part ran out of memory: OutOfMemoryError");
    }

    @Test
    void aHealthyBundleReadWithDiagnosticsTracesNothing() throws Exception {
        List<String> traced = new ArrayList<>();
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b"))).text("system.json", "{\"services\":[]}").dir();
        try (OpenBundle open = new BundleReader().withDiagnostics((what, cause) -> traced.add(what)).open(b)) {
            assertThat(open.snapshot().system().state()).isEqualTo(Part.State.PRESENT);
        }
        assertThat(traced).isEmpty();
    }

    @Test
    void anUnlistableLogFolderMakesTheLogsUnreadableAndLeavesTheCertificateStoresAlone() throws Exception {
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b")))
                .folder("certs/My").text("logs/NDES/a.log", "x").text("security/user-rights.inf", "[Privilege Rights]\r\n").dir();
        Path logs = b.resolve("logs");
        DirectoryBundleSource source = new DirectoryBundleSource(b, BundleLimits.defaults(), dir -> {
            if (dir.equals(logs)) {
                throw new AccessDeniedException(dir.toString());
            }
            return Files.newDirectoryStream(dir);
        });
        Snapshot s = new BundleReader().read(source);
        assertThat(s.logs().state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(s.logs().problems()).extracting(InputProblem::file, InputProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("logs/", "cannot be listed, so what it holds is unknown: the log files "
                        + "are unreadable, not empty. Fix the folder's permissions or collect the bundle again"));
        assertThat(s.certificates().state()).isEqualTo(Part.State.PRESENT);
        assertThat(s.userRights().state()).isEqualTo(Part.State.PRESENT);
        assertThat(s.system().state()).isEqualTo(Part.State.ABSENT);
    }

    private static BundleLimits problemsPerFile(int n) {
        return BundleLimits.defaults().withMaxProblemsPerFile(n);
    }

    private static final String INDEX = "[{\"name\":\"netsh-http\"},{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"},{\"name\":\"d\"}]";

    @Test
    void aPartsProblemsAreCappedPerFileAndThePartStaysPresentWithItsValue() throws Exception {
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b")))
                .text("commands/index.json", INDEX).text("commands/netsh-http.txt", "SSL Certificate bindings:").dir();
        try (OpenBundle open = new BundleReader(problemsPerFile(2)).open(b)) {
            var commands = open.snapshot().commands();
            assertThat(commands.state()).isEqualTo(Part.State.PRESENT);
            assertThat(commands.value().orElseThrow().captures()).containsOnlyKeys("netsh-http");
            assertThat(commands.problems()).extracting(InputProblem::message).containsExactly(
                    "lists the command \"a\" but commands/a.txt is missing",
                    "lists the command \"b\" but commands/b.txt is missing",
                    "has 2 more problems that were counted, not kept (the first 2 are listed)");
        }
    }

    @Test
    void anUnreadablePartWithMoreProblemsThanItsShareStaysUnreadable() throws Exception {
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b"))).text("commands/index.json", INDEX).dir();
        try (OpenBundle open = new BundleReader(problemsPerFile(3)).open(b)) {
            var commands = open.snapshot().commands();
            assertThat(commands.state()).isEqualTo(Part.State.UNREADABLE);
            assertThat(commands.problems()).hasSize(4);
            assertThat(commands.problems().get(3).message())
                    .isEqualTo("has 2 more problems that were counted, not kept (the first 3 are listed)");
        }
    }
}
