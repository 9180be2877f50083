package dev.ndesdiag.checks.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engineer learns which files of a bundle could not be read and which parts are missing. */
class SnapshotIntegrityCheckTest {

    @TempDir
    Path dir;

    @Test
    void warnsNamingEachUnreadableFile() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir)
                .bytes("certs/My/ABCD.cer", "x".getBytes(StandardCharsets.UTF_8))
                .text("system.json", "{ not json").dir(), new SnapshotIntegrityCheck());
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).filteredOn(f -> f.status() == Status.WARN)
                .extracting(f -> f.evidence().get("file")).containsExactlyInAnyOrder("certs/My/ABCD.cer", "system.json");
    }

    @Test
    void passesAndListsThePartsThatWereNotCollected() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).dir(), new SnapshotIntegrityCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("BUNDLE_READABLE", "PARTS_NOT_COLLECTED");
    }

    @Test
    void aLinkInTheBundleIsRefusedWithTheAdviceToCollectAgainWithoutHandEdits() throws Exception {
        java.nio.file.Path outside = java.nio.file.Files.writeString(dir.resolveSibling(dir.getFileName() + "-hosts"), "127.0.0.1 localhost");
        BundleBuilder b = BundleBuilder.in(dir).folder("events");
        java.nio.file.Files.createSymbolicLink(dir.resolve("events/System.xml"), outside);
        CheckOutcome o;
        try {
            o = Analysis.outcome(b.dir(), new SnapshotIntegrityCheck());
        } finally {
            java.nio.file.Files.deleteIfExists(outside);
        }
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("BUNDLE_ENTRY_REFUSED", "PARTS_NOT_COLLECTED");
        Finding f = o.result().findings().get(0);
        assertThat(f.evidence()).containsEntry("file", "events/System.xml");
        assertThat(f.message()).startsWith("events/System.xml: ").contains("is a link");
        assertThat(f.remediation()).contains("Collect the bundle again with ndes-diag collect; do not add links or files by hand.");
    }

    @Test
    void anUnreadableFileIsToBeCollectedAgainWithItsPartsCommand() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).text("system.json", "{ not json").dir(), new SnapshotIntegrityCheck());
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("BUNDLE_FILE_UNREADABLE");
        assertThat(f.message()).startsWith("system.json");
        assertThat(f.remediation()).contains("Collect the file again on the NDES server with: "
                + dev.ndesdiag.api.SnapshotPart.SYSTEM.collectCommand());
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("BUNDLE_READABLE");
    }
}
