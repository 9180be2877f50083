package dev.ndesdiag.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StatusTest {

    @ParameterizedTest(name = "worst of {0} and {1} is {2}")
    @CsvSource({
        "FAIL, ERROR, FAIL", "ERROR, FAIL, FAIL", "ERROR, WARN, ERROR", "WARN, ERROR, ERROR",
        "WARN, PASS, WARN", "PASS, WARN, WARN", "PASS, SKIPPED, PASS", "SKIPPED, FAIL, FAIL",
        "SKIPPED, SKIPPED, SKIPPED", "FAIL, PASS, FAIL", "ERROR, PASS, ERROR", "PASS, PASS, PASS"})
    void foldsInTheSpecOrderFailErrorWarnPass(Status a, Status b, Status worst) {
        assertThat(Status.worst(List.of(a, b))).isEqualTo(worst);
    }

    @Test
    void anEmptyRunCountsAsSkipped() {
        assertThat(Status.worst(List.of())).isEqualTo(Status.SKIPPED);
    }

    @Test
    void skippedNeverOutranksAnything() {
        assertThat(Status.worst(List.of(Status.SKIPPED, Status.PASS, Status.SKIPPED))).isEqualTo(Status.PASS);
    }

    @Test
    void worstFirstOrdersAReportsGroups() {
        assertThat(List.of(Status.PASS, Status.SKIPPED, Status.WARN, Status.FAIL, Status.ERROR).stream()
                .sorted(Status.worstFirst()).toList())
                .containsExactly(Status.FAIL, Status.ERROR, Status.WARN, Status.PASS, Status.SKIPPED);
    }
}
