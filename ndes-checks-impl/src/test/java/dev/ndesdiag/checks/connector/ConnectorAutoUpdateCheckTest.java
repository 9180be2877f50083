package dev.ndesdiag.checks.connector;

import static dev.ndesdiag.fixtures.EvidenceFixtures.event;
import static dev.ndesdiag.fixtures.EvidenceFixtures.export;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector updates itself through the Microsoft Entra (Azure AD) Connect Agent Updater, whose
 * Admin channel Microsoft's Validate-NDESConfiguration reads at levels 2 and 3; Microsoft documents
 * no updater event IDs, so the events here carry made-up IDs and messages and only their levels and
 * times decide.
 */
class ConnectorAutoUpdateCheckTest {

    static final String LOG = "Microsoft-AzureADConnect-AgentUpdater/Admin";
    static final String PROVIDER = "Microsoft-AzureADConnect-AgentUpdater";
    static final Instant AT = BundleBuilder.COLLECTED_AT;

    @TempDir
    Path dir;

    private CheckOutcome check(String events, String services) {
        BundleBuilder b = BundleBuilder.in(dir);
        if (events != null) {
            b = b.text("events/Microsoft-AzureADConnect-AgentUpdater_Admin.xml", events);
        }
        if (services != null) {
            b = b.text("system.json", "{\"services\":[" + services + "],\"appPools\":[]}");
        }
        return Analysis.outcome(b.dir(), new ConnectorAutoUpdateCheck());
    }

    private static String updater(String status, String start) {
        return "{\"name\":\"AzureADConnectAgentUpdater\",\"status\":\"" + status + "\",\"startType\":\"" + start
                + "\",\"account\":\"LocalSystem\"}";
    }

    private static Finding finding(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aRecentUpdaterErrorWarnsQuotingItsMessage() {
        String events = export(List.of(
                event(PROVIDER, LOG, 200, 4, AT.minus(Duration.ofDays(3)), 10, "Checking for updates."),
                event(PROVIDER, LOG, 201, 2, AT.minus(Duration.ofHours(5)), 11,
                        "Failed to download the update: the remote name could not be resolved: 'autoupdate.msappproxy.net'")));
        CheckOutcome o = check(events, updater("Running", "Automatic"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = finding(o, "CONNECTOR_UPDATER_ERRORS");
        assertThat(f.message()).contains("autoupdate.msappproxy.net").contains("event 201").contains("six-month");
        assertThat(f.evidence()).containsEntry("count", 1).containsEntry("newestEventId", 201);
    }

    @Test
    void informationEventsAloneAreNoFailure() {
        String events = export(List.of(event(PROVIDER, LOG, 200, 4, AT.minus(Duration.ofHours(2)), 10, "Checking for updates.")));
        CheckOutcome o = check(events, updater("Running", "Automatic"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).contains("CONNECTOR_UPDATER_QUIET", "CONNECTOR_UPDATER_RUNNING");
    }

    @Test
    void anOldWarningIsReportedButNotFlagged() {
        String events = export(List.of(event(PROVIDER, LOG, 202, 3, AT.minus(Duration.ofDays(40)), 10,
                "The update service did not answer; retrying later.")));
        CheckOutcome o = check(events, null);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "CONNECTOR_UPDATER_ERRORS_LONG_AGO").message()).contains("event 202");
    }

    @Test
    void aDisabledUpdaterServiceWarnsEvenWithAQuietLog() {
        CheckOutcome o = check(export(List.of()), updater("Stopped", "Disabled"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(finding(o, "CONNECTOR_UPDATER_STOPPED").evidence()).containsEntry("startType", "Disabled");
    }

    @Test
    void withoutTheUpdatersLogTheCheckIsSkippedNamingTheExport() {
        CheckOutcome o = check(null, updater("Running", "Automatic"));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).contains("Microsoft-AzureADConnect-AgentUpdater/Admin");
    }

    /** An updater event with data but no rendered message, as wevtutil writes it when the provider's message DLL is missing. */
    private static String unrendered(int id, int level, Instant at, String... data) {
        StringBuilder d = new StringBuilder();
        for (String v : data) {
            d.append("<Data>").append(v).append("</Data>");
        }
        return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='" + PROVIDER + "'/>"
                + "<EventID>" + id + "</EventID><Level>" + level + "</Level><TimeCreated SystemTime='" + at + "'/><EventRecordID>" + id
                + "</EventRecordID><Channel>" + LOG + "</Channel></System><EventData>" + d + "</EventData></Event>\r\n";
    }

    @Test
    void aCriticalUpdaterEventCountsLikeAnError() {
        CheckOutcome o = check(export(List.of(event(PROVIDER, LOG, 300, 1, AT.minus(Duration.ofHours(1)), 10, "Updater crashed."))), null);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(finding(o, "CONNECTOR_UPDATER_ERRORS").evidence()).containsEntry("count", 1).containsEntry("newestEventId", 300)
                .containsEntry("newestAt", AT.minus(Duration.ofHours(1)).toString());
    }

    @Test
    void theNewestOfSeveralRecentErrorsIsQuotedWhateverTheirOrderInTheExport() {
        String events = event(PROVIDER, LOG, 201, 2, AT.minus(Duration.ofDays(2)), 10, "Older failure.")
                + event(PROVIDER, LOG, 203, 3, AT.minus(Duration.ofHours(3)), 12, "Newest warning.")
                + event(PROVIDER, LOG, 202, 2, AT.minus(Duration.ofDays(1)), 11, "Middle failure.");
        Finding f = finding(check(events, null), "CONNECTOR_UPDATER_ERRORS");
        assertThat(f.evidence()).containsEntry("count", 3).containsEntry("newestEventId", 203)
                .containsEntry("newestAt", AT.minus(Duration.ofHours(3)).toString());
        assertThat(f.message()).startsWith("3 error or warning event(s) of the connector's updater in the 7 days before collection; "
                + "the newest, at " + AT.minus(Duration.ofHours(3)) + " (event 203): Newest warning.. ");
    }

    @Test
    void anErrorExactlySevenDaysBeforeCollectionIsRecentAndOneAMinuteOlderIsNot() {
        CheckOutcome edge = check(export(List.of(event(PROVIDER, LOG, 201, 2, AT.minus(Duration.ofDays(7)), 10, "Failed."))), null);
        assertThat(edge.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_UPDATER_ERRORS");
        Instant older = AT.minus(Duration.ofDays(7)).minus(Duration.ofMinutes(1));
        CheckOutcome past = check(export(List.of(event(PROVIDER, LOG, 201, 2, older, 10, "Failed."))), null);
        assertThat(past.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_UPDATER_ERRORS_LONG_AGO");
        assertThat(past.result().findings().get(0).evidence()).containsEntry("newestAt", older.toString());
    }

    @Test
    void anEventWithoutARenderedMessageIsQuotedByItsData() {
        Finding f = finding(check(unrendered(205, 2, AT.minus(Duration.ofHours(2)), "NDES Cert Connector", "0x80072ee7"), null),
                "CONNECTOR_UPDATER_ERRORS");
        assertThat(f.message()).contains("(event 205): NDES Cert Connector | 0x80072ee7. While the updater fails");
    }

    @Test
    void anEventWithNeitherMessageNorDataSaysSo() {
        Finding f = finding(check(unrendered(206, 2, AT.minus(Duration.ofHours(2))), null), "CONNECTOR_UPDATER_ERRORS");
        assertThat(f.message()).contains("(event 206): (no message). While the updater fails");
    }

    @Test
    void theMessageIsQuotedUpTo300Characters() {
        String exactly = "M".repeat(300);
        assertThat(finding(check(export(List.of(event(PROVIDER, LOG, 201, 2, AT.minus(Duration.ofHours(1)), 10, exactly))), null),
                "CONNECTOR_UPDATER_ERRORS").message()).contains("(event 201): " + exactly + ". While");
        assertThat(finding(check(export(List.of(event(PROVIDER, LOG, 201, 2, AT.minus(Duration.ofHours(1)), 10, exactly + "N"))), null),
                "CONNECTOR_UPDATER_ERRORS").message()).contains("(event 201): " + exactly + ".... While");
    }

    @Test
    void aRunningUpdaterWhoseStartIsDisabledWarnsForItWillNotRunAfterARestart() {
        CheckOutcome o = check(export(List.of()), updater("Running", "Disabled"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = finding(o, "CONNECTOR_UPDATER_STOPPED");
        assertThat(f.message()).startsWith("The connector's updater service AzureADConnectAgentUpdater is Running (start type Disabled): ");
        assertThat(f.evidence()).containsEntry("status", "Running").containsEntry("startType", "Disabled");
    }

    @Test
    void aStoppedUpdaterWarnsWhateverItsStartType() {
        CheckOutcome o = check(export(List.of()), updater("Stopped", "Automatic"));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_UPDATER_STOPPED", "CONNECTOR_UPDATER_QUIET");
    }
}
