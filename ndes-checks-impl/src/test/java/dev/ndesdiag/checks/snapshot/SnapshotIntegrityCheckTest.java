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
}
