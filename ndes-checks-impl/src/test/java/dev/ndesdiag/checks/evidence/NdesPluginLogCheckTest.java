package dev.ndesdiag.checks.evidence;

import static dev.ndesdiag.fixtures.EvidenceFixtures.cmtrace;
import static dev.ndesdiag.fixtures.EvidenceFixtures.hoursAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.verifyOk;
import static dev.ndesdiag.fixtures.EvidenceFixtures.verifyRejected;
import static dev.ndesdiag.fixtures.EvidenceFixtures.verifyTlsFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy module's calls to the registration point, as NDESPlugin.log records them (seed 003;
 * the 12175 line is the one ../shared/reference/real-formats.md quotes; 12175 with its CERT_CN flag:
 * https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module).
 */
class NdesPluginLogCheckTest {

    @TempDir
    Path dir;

    private CheckOutcome run(String log) {
        BundleBuilder.in(dir).text("logs/NDESPlugin.log", "\uFEFF" + log);
        return Analysis.outcome(dir, new NdesPluginLogCheck());
    }

    private static Finding verify(CheckOutcome o) {
        return o.result().findings().stream().filter(f -> "VerifyRequest".equals(f.evidence().get("kind"))).findFirst().orElseThrow();
    }

    @Test
    void theLatestVerifyRequestFailingWith12175FailsAndDecodesTheFlag() {
        CheckOutcome o = run(verifyOk(hoursAgo(3)) + verifyTlsFailure(minutesAgo(10)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = verify(o);
        assertThat(f.evidence()).containsEntry("failureCode", "WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID")
                .containsEntry("explainedBy", "https-binding-certificate");
    }

    @Test
    void aRegistrationPointAnswering403FailsEveryRequest() {
        CheckOutcome o = run(cmtrace(minutesAgo(3), "Calling VerifyRequest ...")
                + cmtrace(minutesAgo(3), "Verify challenge returns <Response>\n  <Status>403 - Forbidden: Access is denied.</Status>\r\n</Response>")
                + cmtrace(minutesAgo(3), "Exiting VerifyRequest with 0x80004005"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(verify(o).evidence()).containsEntry("failureCode", "403").containsEntry("explainedBy", "ndes-policy-ssl-binding");
    }

    @Test
    void aTlsFailureThatRecoveredRecentlyWarns() {
        CheckOutcome o = run(verifyTlsFailure(hoursAgo(5)) + verifyOk(hoursAgo(4)) + verifyOk(hoursAgo(1)));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(verify(o).code()).isEqualTo("VERIFY_REQUEST_RECOVERED");
    }

    @Test
    void aTlsFailureThatRecoveredDaysAgoIsInformation() {
        CheckOutcome o = run(verifyTlsFailure(hoursAgo(90)) + verifyOk(hoursAgo(89)) + verifyOk(hoursAgo(1)));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void oneRejectedChallengeAmongSuccessesWarns() {
        CheckOutcome o = run(verifyOk(hoursAgo(3)) + verifyOk(hoursAgo(2)) + verifyRejected(minutesAgo(5)));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(verify(o).code()).isEqualTo("VERIFY_REQUEST_FAILING_SOMETIMES");
    }

    @Test
    void threeRejectedChallengesInARowFail() {
        CheckOutcome o = run(verifyOk(hoursAgo(50)) + verifyRejected(hoursAgo(3)) + verifyRejected(hoursAgo(2)) + verifyRejected(minutesAgo(5)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(verify(o).evidence()).containsEntry("explainedBy", "connector-certificate");
    }

    @Test
    void aHealthyLogWithInitializeAndNotifyPasses() {
        CheckOutcome o = run(cmtrace(hoursAgo(10), "Exiting Initialize with 0x0") + verifyOk(minutesAgo(9))
                + cmtrace(minutesAgo(9), "Calling Notifyrequest ...") + cmtrace(minutesAgo(9), "Exiting Notify with 0x0"));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void proxySettingsMentionedWithoutAnErrorAreNotAFailure() {
        CheckOutcome o = run(cmtrace(minutesAgo(9), "Calling VerifyRequest ...") + cmtrace(minutesAgo(9), "Using proxy settings from registry")
                + cmtrace(minutesAgo(9), "Verify challenge returns true") + cmtrace(minutesAgo(9), "Exiting VerifyRequest with 0x0"));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aLogEndingInTheMiddleOfARecordJudgesTheCompleteOnes() {
        String cut = verifyOk(minutesAgo(1));
        CheckOutcome o = run(verifyTlsFailure(minutesAgo(20)) + cut.substring(0, 50));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(verify(o).evidence()).containsKey("endedMidLine");
    }

    @Test
    void aLogWithoutVerifyRequestSaysTheCurrentConnectorLogsToEvents() {
        CheckOutcome o = run(cmtrace(minutesAgo(9), "Exiting Initialize with 0x0"));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).contains("connector-events");
    }

    @Test
    void withoutTheLogTheCheckIsSkipped() {
        BundleBuilder.in(dir);
        assertThat(Analysis.outcome(dir, new NdesPluginLogCheck()).status()).isEqualTo(Status.SKIPPED);
    }
}
