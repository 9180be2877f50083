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

    private static java.util.List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    @Test
    void aHealthyLogIsJudgedOnItsVerifyRequestsAloneWhenInitializeAndNotifySucceeded() {
        CheckOutcome o = run(cmtrace(hoursAgo(10), "Exiting Initialize with 0x0") + verifyOk(minutesAgo(9))
                + cmtrace(minutesAgo(9), "Calling Notifyrequest ...") + cmtrace(minutesAgo(9), "Exiting Notify with 0x0"));
        assertThat(codes(o)).containsExactly("VERIFY_REQUEST_OK");
    }

    @Test
    void aPolicyModuleThatFailedToInitializeFailsWithTheDecodedHresult() {
        CheckOutcome o = run(cmtrace(minutesAgo(30), "Exiting Initialize with 0x80070005") + verifyOk(hoursAgo(2)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().stream().filter(x -> x.code().startsWith("POLICY_MODULE_START")).findFirst().orElseThrow();
        assertThat(f.code()).isEqualTo("POLICY_MODULE_START_FAILING");
        assertThat(f.evidence()).containsEntry("failureCode", "0x80070005").containsEntry("explainedBy", "ca-ping");
    }

    @Test
    void aFailedNotifyIsReportedAndASuccessfulOneIsNot() {
        CheckOutcome o = run(verifyOk(minutesAgo(9)) + cmtrace(minutesAgo(9), "Calling Notifyrequest ...")
                + cmtrace(minutesAgo(9), "Exiting Notify with 0x80070057"));
        assertThat(codes(o)).containsExactly("VERIFY_REQUEST_OK", "NOTIFY_FAILING");
        assertThat(o.result().findings().get(1).evidence()).containsEntry("failureCode", "0x80070057")
                .containsEntry("explainedBy", "ra-certificates");
    }

    @Test
    void aProxyErrorIsReportedAsSuchWithoutAConfigurationCheckToBlame() {
        CheckOutcome o = run(cmtrace(minutesAgo(5), "Calling VerifyRequest ...")
                + cmtrace(minutesAgo(5), "Proxy authentication error while sending the request to the registration point")
                + cmtrace(minutesAgo(5), "Exiting VerifyRequest with 0x80004005"));
        Finding f = verify(o);
        assertThat(f.code()).isEqualTo("VERIFY_REQUEST_FAILING");
        assertThat(f.evidence()).containsEntry("failureCode", "PROXY").doesNotContainKey("explainedBy");
        assertThat(f.message()).contains("a proxy error between the policy module and the registration point.");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).startsWith("Check the WinHTTP proxy as SYSTEM"));
    }

    @Test
    void a500FromTheRegistrationPointIsItsAuthenticationSettings() {
        CheckOutcome o = run(cmtrace(minutesAgo(5), "Calling VerifyRequest ...")
                + cmtrace(minutesAgo(5), "Send request returned status 500")
                + cmtrace(minutesAgo(5), "Exiting VerifyRequest with 0x80004005"));
        Finding f = verify(o);
        assertThat(f.evidence()).containsEntry("failureCode", "500").containsEntry("explainedBy", "crp-authentication");
        assertThat(f.message()).contains("500 from the registration point (CertificateRegistrationSvc): its application failed");
    }

    @Test
    void recordsWithoutTimeZoneBiasAreReadAsUtcAndSaySo() {
        String record = "<![LOG[Calling VerifyRequest ...]LOG]!><time=\"10:05:00.000\" date=\"11-20-2026\" component=\"NDESPlugin\" "
                + "context=\"\" type=\"1\" thread=\"3708\" file=\"\">\r\n"
                + "<![LOG[Exiting VerifyRequest with 0x0]LOG]!><time=\"10:05:01.000\" date=\"11-20-2026\" component=\"NDESPlugin\" "
                + "context=\"\" type=\"1\" thread=\"3708\" file=\"\">\r\n";
        CheckOutcome o = run(record);
        assertThat(codes(o)).containsExactly("VERIFY_REQUEST_OK", "LOCAL_TIMES");
        assertThat(verify(o).evidence()).containsEntry("latest", "2026-11-20T10:05:01Z");
    }
}
