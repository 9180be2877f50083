package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {

    @ParameterizedTest(name = "{0} with {1} skipped checks and --fail-on {2} exits {3}")
    @CsvSource({
        "PASS, 0, WARN, 0", "SKIPPED, 3, WARN, 0", "WARN, 0, WARN, 1", "FAIL, 0, WARN, 2", "ERROR, 0, WARN, 3",
        "PASS, 2, WARN, 0",
        "WARN, 0, ERROR, 0", "ERROR, 0, ERROR, 3", "FAIL, 0, ERROR, 2",
        "WARN, 0, FAIL, 0", "ERROR, 0, FAIL, 0", "FAIL, 0, FAIL, 2",
        "FAIL, 0, NEVER, 0", "ERROR, 0, NEVER, 0", "PASS, 0, NEVER, 0",
        "PASS, 0, SKIPPED, 0", "PASS, 1, SKIPPED, 1", "SKIPPED, 2, SKIPPED, 1", "FAIL, 1, SKIPPED, 2", "ERROR, 1, SKIPPED, 3"})
    void mapsTheReportAsTheSpecTableSaysUnlessTheThresholdMoves(Status status, int skipped, FailOn failOn, int code) {
        assertThat(ExitCodes.of(status, skipped, failOn)).isEqualTo(code);
    }
}
