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
}
