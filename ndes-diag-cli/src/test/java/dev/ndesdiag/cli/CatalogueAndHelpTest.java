package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogueAndHelpTest {

    @Test
    void checksListsEveryCheckWithSymptomsAndPartsRead() {
        CliRun run = CliRun.of("checks");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("root-store-intermediates  [certificates]").contains("HTTP 503")
                .contains("reads:    registry/*.reg").contains("http-sys-limits");
        // each exact input, required or optional, as the descriptor declares it
        assertThat(run.out()).contains("    requires: the registry key HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters")
                .contains("    uses:     the HTTP.sys error logs (HTTPERR)");
    }

    @Test
    void checksAsJsonIsMachineReadable() {
        CliRun run = CliRun.of("checks", "--format", "json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).startsWith("[").endsWith("]").contains("\"id\" : \"http-sys-limits\"");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        CliRun run = CliRun.of("check", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--snapshot").contains("--fail-on").contains("64").contains("report FAIL");
    }

    @Test
    void probeAndCheckListTheSameExitCodes() {
        String check = CliRun.of("check", "--help").out();
        String probe = CliRun.of("probe", "--help").out();
        assertThat(probe).contains("Exit codes:").contains("report FAIL").contains("64");
        assertThat(probe.substring(probe.indexOf("Exit codes:"))).isEqualTo(check.substring(check.indexOf("Exit codes:")));
    }

    @Test
    void versionNamesTheTool() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("ndes-diag ");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("check");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.of("chek");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("chek");
    }
}
