package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {

    @ParameterizedTest(name = "{0} with --fail-on {1} exits {2}")
    @CsvSource({
        "PASS, WARN, 0", "SKIPPED, WARN, 0", "WARN, WARN, 1", "FAIL, WARN, 2", "ERROR, WARN, 3",
        "WARN, ERROR, 0", "ERROR, ERROR, 3", "FAIL, ERROR, 2",
        "WARN, FAIL, 0", "ERROR, FAIL, 0", "FAIL, FAIL, 2",
        "FAIL, NEVER, 0", "ERROR, NEVER, 0", "PASS, NEVER, 0"})
    void mapsTheReportStatusAsTheSpecTableSaysUnlessTheThresholdIsRaised(Status status, FailOn failOn, int code) {
        assertThat(ExitCodes.of(status, failOn)).isEqualTo(code);
    }
}
