package dev.ndesdiag.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckResultTest {

    @Test
    void takesTheWorstStatusOfItsFindings() {
        assertThat(CheckResult.of(Finding.pass("A", "a"), actionable(Finding.warn("B", "b")), actionable(Finding.fail("C", "c")))
                .status()).isEqualTo(Status.FAIL);
        assertThat(CheckResult.of(actionable(Finding.warn("B", "b")), Finding.error("E", "e")).status()).isEqualTo(Status.ERROR);
    }

    private static Finding actionable(Finding f) {
        return f.withEvidence("value", "x").withRemediation("fix it");
    }

    @Test
    void aFailWithoutRemediationIsRefusedNamingTheFinding() {
        assertThatThrownBy(() -> CheckResult.of(Finding.fail("RA_CERT_EXPIRED", "expired").withEvidence("thumbprint", "AB")))
                .isInstanceOf(UnactionableFindingException.class)
                .hasMessageContaining("RA_CERT_EXPIRED").hasMessageContaining("no remediation");
    }

    @Test
    void aWarnWithoutEvidenceIsRefused() {
        assertThatThrownBy(() -> CheckResult.of(Finding.warn("RA_CERT_EXPIRING", "expires soon").withRemediation("renew")))
                .isInstanceOf(UnactionableFindingException.class).hasMessageContaining("no evidence");
    }

    @Test
    void passSkippedAndErrorFindingsNeedNoRemediation() {
        assertThat(CheckResult.of(Finding.pass("OK", "fine"), Finding.error("E", "unreadable")).status()).isEqualTo(Status.ERROR);
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

    @Test
    void aMissingRegistryKeyNamesItsRegExportLine() {
        Finding why = CheckResult.missingRegistryKey("HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune", "intune.reg").findings().get(0);
        assertThat(why.message()).contains("HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune");
        assertThat(why.remediation()).contains("Collect it on the NDES server with: "
                + "reg export \"HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\" registry\\intune.reg /y");
    }

    @Test
    void aMissingCertificateStoreNamesItsExportLine() {
        Finding why = CheckResult.missingCertificateStore("Root").findings().get(0);
        assertThat(why.message()).contains("LocalMachine\\Root");
        assertThat(why.remediation()).hasValueSatisfying(r -> assertThat(r).contains("Get-ChildItem Cert:\\LocalMachine\\Root")
                .contains("certs\\Root\\$($_.Thumbprint).cer").doesNotContain("sidecars"));
    }
}
