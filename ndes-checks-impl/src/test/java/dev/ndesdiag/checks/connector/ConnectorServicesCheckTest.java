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

/** The connector's services must run, start automatically and share one account. */
class ConnectorServicesCheckTest {

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


    CheckOutcome check(String services) {
        return Analysis.outcome(BundleBuilder.in(dir).text("system.json", "{\"services\":[" + services + "],\"appPools\":[]}").dir(),
                new ConnectorServicesCheck());
    }

    static String svc(String name, String status, String start, String account) {
        return "{\"name\":\"" + name + "\",\"status\":\"" + status + "\",\"startType\":\"" + start + "\",\"account\":\""
                + account.replace("\\", "\\\\") + "\"}";
    }

    @Test
    void runningAutomaticServicesUnderOneAccountPass() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "LocalSystem") + ","
                + svc("PkiCreateConnectorSvc", "Running", "Automatic", "LocalSystem"));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aStoppedServiceFails() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Stopped", "Automatic", "CONTOSO\\svc_conn"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("CONNECTOR_SERVICE_NOT_RUNNING");
    }

    @Test
    void aManualServiceWarns() {
        assertThat(codes(check(svc("PkiRevokeConnectorSvc", "Running", "Manual", "LocalSystem"))))
                .containsExactly("CONNECTOR_SERVICE_NOT_AUTOMATIC");
    }

    @Test
    void servicesUnderDifferentAccountsWarn() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "LocalSystem") + ","
                + svc("PkiCreateConnectorSvc", "Running", "Automatic", "CONTOSO\\svc_conn"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).contains("CONNECTOR_SERVICE_ACCOUNTS_DIFFER");
    }

    @Test
    void noConnectorServiceFailsAndTheLegacyOneWarns() {
        CheckOutcome o = check(svc("W3SVC", "Running", "Automatic", "LocalSystem") + ","
                + svc("NDESConnectorSvc", "Running", "Automatic", "LocalSystem"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("CONNECTOR_LEGACY_SERVICE", "CONNECTOR_SERVICES_ABSENT");
    }
}
