package dev.ndesdiag.checks.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.connector.ConnectorReleases;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector must have talked to Intune recently and report no request failures (event IDs: certificate-connector-overview). */
class ConnectorContactCheckTest {

    static final String UNINSTALL = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\";
    static final String KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector";

    @TempDir
    Path dir;

    static List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    static RegExport uninstall(String name, String version) {
        return new RegExport().key(UNINSTALL + "{5E4D7C1B-0000-4000-8000-000000000001}").string("DisplayName", name)
                .string("DisplayVersion", version).key(UNINSTALL + "7-Zip").string("DisplayName", "7-Zip 23.01 (x64)")
                .string("DisplayVersion", "23.01");
    }


    CheckOutcome check(RegExport intune, String adminEvents) {
        BundleBuilder b = BundleBuilder.in(dir).registry("intune.reg", intune);
        if (adminEvents != null) {
            b.text("events/Microsoft-Intune-CertificateConnectors_Admin.xml", adminEvents);
        }
        return Analysis.outcome(b.dir(), new ConnectorContactCheck());
    }

    static RegExport last(String when) {
        return new RegExport().key(KEY).string("EnableSCEP", "1").key(KEY + "\\ConnectionStatus").string("LastConnectionTime", when);
    }

    static String event(int id, String at) {
        return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                + "<Provider Name='Microsoft-Intune-CertificateConnectors'/><EventID>" + id + "</EventID><Level>2</Level>"
                + "<TimeCreated SystemTime='" + at + "'/></System><RenderingInfo Culture='en-US'>"
                + "<Message>Failed to process a SCEP request and notified Intune.</Message></RenderingInfo></Event>\r\n";
    }

    @Test
    void aContactAnHourBeforeCollectionAndAQuietLogPass() {
        CheckOutcome o = check(last("2026-11-20T09:10:00Z"), "");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_RECENT", "CONNECTOR_NO_REQUEST_FAILURES");
    }

    @Test
    void aBrokenLastConnectionTimeLineIsAnErrorNamingTheLineNotAnUnknownContact() {
        RegExport reg = new RegExport().key(KEY).string("EnableSCEP", "1").key(KEY + "\\ConnectionStatus")
                .raw("\"LastConnectionTime\"=\"2026-11-06T09:00:00Z");
        CheckOutcome o = check(reg, null);
        Analysis.unreadableLine(o, "registry/intune.reg", "LastConnectionTime", "\"2026-11-06T09:00:00Z");
        assertThat(codes(o)).doesNotContain("CONNECTOR_CONTACT_UNKNOWN");
    }

    @Test
    void theUsDateFormatIsReadToo() {
        assertThat(codes(check(last("11/20/2026 9:10:00 AM"), null))).containsExactly("CONNECTOR_CONTACT_RECENT");
    }

    @Test
    void twoDaysWithoutContactWarn() {
        CheckOutcome o = check(last("2026-11-18T09:00:00Z"), null);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_STALE");
    }

    @Test
    void aFortnightWithoutContactFails() {
        assertThat(codes(check(last("2026-11-06T09:00:00Z"), null))).containsExactly("CONNECTOR_CONTACT_LOST");
    }

    @Test
    void anIssueTheConnectorReportsWarns() {
        CheckOutcome o = check(last("2026-11-20T09:10:00Z").string("IssueDetails", "Unable to reach the service locator"), null);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).contains("CONNECTOR_REPORTS_ISSUE");
    }

    @Test
    void scepFailuresOfTheLastTwoDaysWarnButOlderOnesDoNot() {
        CheckOutcome o = check(last("2026-11-20T09:10:00Z"), event(4001, "2026-11-20T08:00:00.000Z") + event(4002, "2026-11-01T08:00:00.000Z"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = o.result().findings().stream().filter(x -> x.code().equals("CONNECTOR_REQUEST_FAILURES")).findFirst().orElseThrow();
        assertThat(f.evidence()).containsEntry("count", 1).containsEntry("newestId", 4001);
    }

    @Test
    void aTimeThatIsNoTimeIsAnErrorQuotingIt() {
        CheckOutcome o = check(last("yesterday"), null);
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("raw", "yesterday");
    }

    static Finding finding(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }

    static String failure(int id, java.time.Instant at, String message) {
        return dev.ndesdiag.fixtures.EvidenceFixtures.event("Microsoft-Intune-CertificateConnectors", ConnectorContactCheck.LOG, id, 2, at,
                id, message);
    }

    static final Instant AT = BundleBuilder.COLLECTED_AT;

    @Test
    void aBundleWithoutTheConnectorsKeyIsSkippedForConnectorVersionToJudge() {
        CheckOutcome o = check(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune"), "");
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(codes(o)).containsExactly("CONNECTOR_NOT_CONFIGURED");
    }

    @Test
    void aConnectorThatNeverRecordedAContactTimeIsUnknownNotLost() {
        CheckOutcome o = check(new RegExport().key(KEY).string("EnableSCEP", "1"), null);
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_UNKNOWN");
    }

    @Test
    void aLastConnectionTimeAtTheConnectorsKeyItselfIsReadToo() {
        CheckOutcome o = check(new RegExport().key(KEY).string("EnableSCEP", "1").string("LastConnectionTime", "2026-11-20T09:10:00Z"), null);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_RECENT");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("lastConnection", "2026-11-20T09:10:00Z");
    }

    @Test
    void aBrokenLastConnectionTimeLineAtTheKeyItselfIsAnError() {
        RegExport reg = new RegExport().key(KEY).string("EnableSCEP", "1").raw("\"LastConnectionTime\"=\"2026-11-06T09:00:00Z");
        Analysis.unreadableLine(check(reg, null), "registry/intune.reg", "LastConnectionTime", "\"2026-11-06T09:00:00Z");
    }

    @Test
    void aFiletimeNumberIsReadToTheTenthOfAMicrosecond() {
        Instant when = Instant.parse("2026-11-20T09:10:00.5Z");
        long filetime = (when.getEpochSecond() + 11_644_473_600L) * 10_000_000L + when.getNano() / 100;
        CheckOutcome o = check(new RegExport().key(KEY).string("EnableSCEP", "1").key(KEY + "\\ConnectionStatus")
                .qword("LastConnectionTime", filetime), null);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_RECENT");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("lastConnection", "2026-11-20T09:10:00.500Z");
    }

    @Test
    void aTimeWithoutOffsetIsReadAsUtc() {
        CheckOutcome o = check(last("2026-11-18T10:15:00"), null);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_STALE");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("lastConnection", "2026-11-18T10:15:00Z");
    }

    @Test
    void aBinaryLastConnectionTimeIsNoTimeThisReaderKnows() {
        CheckOutcome o = check(new RegExport().key(KEY).string("EnableSCEP", "1").key(KEY + "\\ConnectionStatus")
                .binary("LastConnectionTime", new byte[] {1, 2, 3, 4}), null);
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_UNREADABLE");
    }

    @Test
    void aContactExactly24HoursBeforeCollectionIsStillRecent() {
        CheckOutcome o = check(last("2026-11-19T10:15:00Z"), null);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_RECENT");
        assertThat(o.result().findings().get(0).message()).isEqualTo("The connector talked to Intune 24 hours before collection.");
    }

    @Test
    void aContactOneMinuteMoreThan24HoursAgoIsStaleCountedInHours() {
        CheckOutcome o = check(last("2026-11-19T10:14:00Z"), null);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_STALE");
        assertThat(o.result().findings().get(0).message()).startsWith("The connector last talked to Intune 24 hours before collection");
    }

    @Test
    void staleContactIsCountedInHoursUpTo47AndInDaysFrom48() {
        assertThat(finding(check(last("2026-11-18T11:15:00Z"), null), "CONNECTOR_CONTACT_STALE").message())
                .startsWith("The connector last talked to Intune 47 hours before collection (2026-11-18T11:15:00Z).");
        assertThat(finding(check(last("2026-11-18T10:15:00Z"), null), "CONNECTOR_CONTACT_STALE").message())
                .startsWith("The connector last talked to Intune 2 days before collection (2026-11-18T10:15:00Z).");
    }

    @Test
    void aContactExactlyAWeekBeforeCollectionIsStaleNotLost() {
        CheckOutcome o = check(last("2026-11-13T10:15:00Z"), null);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_STALE");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("lastConnection", "2026-11-13T10:15:00Z");
    }

    @Test
    void aContactAWeekAndAMinuteBeforeCollectionIsLost() {
        CheckOutcome o = check(last("2026-11-13T10:14:00Z"), null);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_LOST");
        assertThat(o.result().findings().get(0).message()).startsWith("The connector last talked to Intune 7 days before collection");
    }

    @Test
    void aLostConnectorWithAQuietLogGetsNoReassuringPass() {
        CheckOutcome o = check(last("2026-11-06T09:00:00Z"), "");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_LOST");
    }

    @Test
    void anIssueRecordedAtTheKeyItselfWarnsAndABlankOneIsNoIssue() {
        CheckOutcome o = check(new RegExport().key(KEY).string("EnableSCEP", "1").string("IssueDetails", " Proxy authentication failed ")
                .key(KEY + "\\ConnectionStatus").string("LastConnectionTime", "2026-11-20T09:10:00Z"), null);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_RECENT", "CONNECTOR_REPORTS_ISSUE");
        assertThat(o.result().findings().get(1).evidence()).containsEntry("IssueDetails", "Proxy authentication failed");
        assertThat(codes(check(last("2026-11-20T09:10:00Z").string("IssueDetails", "   "), null))).containsExactly("CONNECTOR_CONTACT_RECENT");
    }

    @Test
    void onlyTheDocumentedRequestFailureEventsCount() {
        CheckOutcome o = check(last("2026-11-20T09:10:00Z"), failure(5002, AT.minusSeconds(3600), "Unrelated connector error."));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("CONNECTOR_CONTACT_RECENT", "CONNECTOR_NO_REQUEST_FAILURES");
    }

    @Test
    void severalFailuresAreCountedWithTheirDistinctIdsAndTheNewestQuoted() {
        String events = failure(4002, AT.minusSeconds(7200), "Failed to process a SCEP request: challenge expired.")
                + failure(4001, AT.minusSeconds(600), "Failed to process a SCEP request: the CA denied the request.")
                + failure(4002, AT.minusSeconds(3600), "Failed to process a SCEP request: challenge expired.")
                + failure(1001, AT.minus(java.time.Duration.ofDays(2)), "PFX create request failed.");
        Finding f = finding(check(last("2026-11-20T09:10:00Z"), events), "CONNECTOR_REQUEST_FAILURES");
        assertThat(f.message()).isEqualTo("4 request failures in the connector's Admin log in the two days before collection (events "
                + "1001, 4001, 4002); the newest: Failed to process a SCEP request: the CA denied the request.");
        assertThat(f.evidence()).containsEntry("count", 4).containsEntry("newestId", 4001)
                .containsEntry("newestAt", AT.minusSeconds(600).toString());
    }

    @Test
    void theNewestFailuresMessageIsQuotedUpTo200Characters() {
        String exactly = "E".repeat(200);
        assertThat(finding(check(last("2026-11-20T09:10:00Z"), failure(4001, AT.minusSeconds(60), exactly)), "CONNECTOR_REQUEST_FAILURES")
                .message()).endsWith("the newest: " + exactly);
        String longer = "E".repeat(201);
        assertThat(finding(check(last("2026-11-20T09:10:00Z"), failure(4001, AT.minusSeconds(60), longer)), "CONNECTOR_REQUEST_FAILURES")
                .message()).endsWith("the newest: " + exactly + "...");
    }
}
