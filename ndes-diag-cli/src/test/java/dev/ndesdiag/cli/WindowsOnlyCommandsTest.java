package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Collecting and live analysis need the NDES server; elsewhere they refuse clearly with exit code 3. */
class WindowsOnlyCommandsTest {

    @Test
    void collectRefusesOffWindowsAndSaysWhatToDoInstead() {
        CliRun run = CliRun.of("collect", "--out", "bundle.zip");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("runs on the NDES server itself (Windows)").contains("check --snapshot");
    }

    @Test
    void liveCheckRefusesOffWindows() {
        CliRun run = CliRun.of("check", "--live");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("check --live").contains("Windows");
    }

    @Test
    void liveAndSnapshotTogetherAreAUsageError() {
        assertThat(CliRun.of("check", "--live", "--snapshot", "x").exitCode()).isEqualTo(64);
    }

    @Test
    void windowsIsRecognisedByTheNameJavaGivesIt() {
        assertThat(Platform.isWindows("Windows Server 2022")).isTrue();
        assertThat(Platform.isWindows("Linux")).isFalse();
        assertThat(Platform.isWindows(null)).isFalse();
    }

    @Test
    void collectionOptionsWithASnapshotAreAUsageErrorNotSilentlyIgnored() {
        CliRun run = CliRun.of("check", "--snapshot", "x", "--ca", "ca01\\Contoso Issuing CA");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("use them with --live");
        assertThat(CliRun.of("check", "--snapshot", "x", "--fetch-timeout", "15s").exitCode()).isEqualTo(64);
    }
}
