package dev.ndesdiag.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HostStateCaptures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows flags a pending restart with the keys Component Based Servicing\RebootPending and
 * WindowsUpdate\Auto Update\RebootRequired and the value Session Manager\PendingFileRenameOperations.
 */
class PendingRebootCheckTest {

    @TempDir
    Path dir;

    private CheckOutcome run(String pending) {
        return Analysis.outcome(HostStateCaptures.withHostState(BundleBuilder.in(dir), HostStateCaptures.hostState("rebootPending", pending)).dir(),
                new PendingRebootCheck());
    }

    @Test
    void noFlagPasses() {
        CheckOutcome o = run("{\"componentBasedServicing\":false,\"windowsUpdate\":false,\"pendingFileRenameOperations\":false}");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).message()).contains("2026-11-19T22:01:00Z");
    }

    @Test
    void servicingWaitingForARestartWarns() {
        CheckOutcome o = run("{\"componentBasedServicing\":true,\"windowsUpdate\":false,\"pendingFileRenameOperations\":false}");
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("REBOOT_PENDING_SERVICING");
    }

    @Test
    void everyFlagIsNamed() {
        CheckOutcome o = run("{\"componentBasedServicing\":true,\"windowsUpdate\":true,\"pendingFileRenameOperations\":true}");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("REBOOT_PENDING_SERVICING",
                "REBOOT_PENDING_WINDOWS_UPDATE", "REBOOT_PENDING_FILE_RENAMES");
        assertThat(o.result().findings().get(2).evidence()).containsEntry("flag",
                "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\PendingFileRenameOperations");
    }

    @Test
    void aMissingFlagIsUnknownNotHealthy() {
        CheckOutcome o = run("{\"componentBasedServicing\":false,\"windowsUpdate\":false}");
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aFlagThatIsNotABooleanIsAnError() {
        CheckOutcome o = run("{\"componentBasedServicing\":\"yes\",\"windowsUpdate\":false,\"pendingFileRenameOperations\":false}");
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).message()).contains("componentBasedServicing");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("file", "commands/host-state.txt")
                .containsEntry("name", "rebootPending.componentBasedServicing").containsEntry("raw", "yes");
    }
}
