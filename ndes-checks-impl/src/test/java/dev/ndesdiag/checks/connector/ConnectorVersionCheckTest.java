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

/** The connector must be a supported release: six months after its release (Microsoft Learn, certificate-connector-overview, "Lifecycle"), release dates from connector-releases.json. */
class ConnectorVersionCheckTest {

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


    CheckOutcome check(Instant collectedAt, RegExport uninstall, RegExport intune) {
        BundleBuilder b = BundleBuilder.in(dir).manifest(collectedAt).registry("uninstall.reg", uninstall);
        if (intune != null) {
            b.registry("intune.reg", intune);
        }
        return Analysis.outcome(b.dir(), new ConnectorVersionCheck());
    }

    @Test
    void aBrokenDisplayNameLineIsAnErrorNotAConnectorThatIsNotInstalled() {
        RegExport broken = new RegExport().key(UNINSTALL + "{5E4D7C1B-0000-4000-8000-000000000001}")
                .raw("\"DisplayName\"=\"Certificate Connector for Microsoft Int").string("DisplayVersion", "6.2406.0.2002");
        CheckOutcome o = check(BundleBuilder.COLLECTED_AT, broken, null);
        Analysis.unreadableLine(o, "registry/uninstall.reg", "DisplayName", "\"Certificate Connector for Microsoft Int");
        assertThat(codes(o)).doesNotContain("CONNECTOR_NOT_INSTALLED");
    }

    @Test
    void aBrokenDisplayVersionLineIsTheErrorNamingItsRawTextNotAnAbsentVersion() {
        RegExport broken = new RegExport().key(UNINSTALL + "{5E4D7C1B-0000-4000-8000-000000000001}")
                .string("DisplayName", "Certificate Connector for Microsoft Intune").raw("\"DisplayVersion\"=\"6.2406");
        CheckOutcome o = check(BundleBuilder.COLLECTED_AT, broken, null);
        Analysis.unreadableLine(o, "registry/uninstall.reg", "DisplayVersion", "\"6.2406");
    }

    @Test
    void theNewestListedReleaseWithScepEnabledPasses() {
        CheckOutcome o = check(BundleBuilder.COLLECTED_AT, uninstall("Certificate Connector for Microsoft Intune", "6.2406.0.2002"),
                new RegExport().key(KEY).string("EnableSCEP", "1"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("CONNECTOR_CURRENT");
    }

    @Test
    void anOlderReleaseInsideItsSixMonthsPassesAsOfTheCollectionDate() {
        CheckOutcome o = check(Instant.parse("2025-08-01T00:00:00Z"),
                uninstall("Certificate Connector for Microsoft Intune", "6.2406.0.1002"), null);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("supportEnds", "2025-12-12T00:00:00Z");
    }

    @Test
    void theSameReleaseCollectedAfterItsSixMonthsFails() {
        CheckOutcome o = check(Instant.parse("2025-12-12T00:00:00Z"),
                uninstall("Certificate Connector for Microsoft Intune", "6.2406.0.1002"), null);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("CONNECTOR_OUT_OF_SUPPORT");
        assertThat(f.evidence()).containsEntry("newest", ConnectorReleases.shipped().newest().version().toString());
    }

    @Test
    void aVersionOlderThanEveryListedReleaseFails() {
        assertThat(codes(check(BundleBuilder.COLLECTED_AT, uninstall("Certificate Connector for Microsoft Intune", "6.2101.13.0"),
                null))).containsExactly("CONNECTOR_OUT_OF_SUPPORT");
    }

    @Test
    void onlyTheLegacyConnectorIsOutOfSupport() {
        // "With the release of version 6.2109.51.0 ... the previous connectors are no longer supported": a WARN, as in
        // connector-certificate (https://learn.microsoft.com/mem/intune/protect/certificate-connector-overview)
        CheckOutcome o = check(BundleBuilder.COLLECTED_AT, uninstall("Microsoft Intune Connector", "6.1905.0.402"), null);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings().get(0).message()).contains("out of support");
        assertThat(codes(o)).containsExactly("CONNECTOR_LEGACY");
    }

    @Test
    void noConnectorAtAllFails() {
        assertThat(codes(check(BundleBuilder.COLLECTED_AT, new RegExport().key(UNINSTALL + "7-Zip").string("DisplayName", "7-Zip"),
                null))).containsExactly("CONNECTOR_NOT_INSTALLED");
    }

    @Test
    void leavesTheScepFeatureToConnectorCertificateSoItIsJudgedOnce() {
        CheckOutcome o = check(BundleBuilder.COLLECTED_AT, uninstall("Certificate Connector for Microsoft Intune", "6.2406.0.2002"),
                new RegExport().key(KEY).string("EnableSCEP", "0").string("EnablePFxCreate", "1"));
        assertThat(codes(o)).containsExactly("CONNECTOR_CURRENT");
    }

    @Test
    void aVersionThatIsNoVersionIsAnErrorQuotingIt() {
        CheckOutcome o = check(BundleBuilder.COLLECTED_AT, uninstall("Certificate Connector for Microsoft Intune", "six"), null);
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("raw", "six").containsEntry("file", "registry/uninstall.reg");
    }
}
