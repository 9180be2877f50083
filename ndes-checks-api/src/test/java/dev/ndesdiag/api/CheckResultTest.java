package dev.ndesdiag.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckResultTest {

    @Test
    void takesTheWorstStatusOfItsFindings() {
        assertThat(CheckResult.of(Finding.pass("A", "a"), Finding.warn("B", "b"), Finding.fail("C", "c")).status())
                .isEqualTo(Status.FAIL);
        assertThat(CheckResult.of(Finding.warn("B", "b"), Finding.error("E", "e")).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void passesWhenNoFindingCounts() {
        assertThat(CheckResult.of(List.of()).status()).isEqualTo(Status.PASS);
        assertThat(CheckResult.of(Finding.pass("OK", "fine")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void isSkippedWhenEveryFindingIsSkippedBecauseNothingWasJudged() {
        assertThat(CheckResult.of(Finding.skipped("NOT_FETCHED", "no data"), Finding.skipped("NONE", "none")).status())
                .isEqualTo(Status.SKIPPED);
        assertThat(CheckResult.of(Finding.skipped("NOT_FETCHED", "no data"), Finding.pass("OK", "fine")).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void aSkippedOrErrorResultMustSayWhy() {
        assertThatThrownBy(() -> new CheckResult(Status.SKIPPED, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckResult(Status.ERROR, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingInputNamesThePartAndTheCommandThatCollectsIt() {
        CheckResult r = CheckResult.missingInput(SnapshotPart.USER_RIGHTS);
        assertThat(r.status()).isEqualTo(Status.SKIPPED);
        Finding why = r.findings().get(0);
        assertThat(why.code()).isEqualTo("INPUT_MISSING");
        assertThat(why.message()).contains("security/user-rights.inf");
        assertThat(why.remediation()).hasValueSatisfying(fix -> assertThat(fix).contains("secedit /export /areas USER_RIGHTS"));
    }
}
