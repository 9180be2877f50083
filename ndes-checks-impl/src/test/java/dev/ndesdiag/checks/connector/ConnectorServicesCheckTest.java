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

/**
 * The connector's services must run, start automatically, share one account, and run as the account
 * the connector was configured with: PFXCertificateConnector\CA*, UseSystemAccount = 1 for SYSTEM, else
 * Username, where Microsoft's Validate-NDESConfiguration.ps1 v1.1 reads it (Get-NDESServiceAcct); the
 * wizard offers SYSTEM or a domain user (Learn, certificate-connector-install, Service Account page).
 */
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

    CheckOutcome check(String services, RegExport intune) {
        return Analysis.outcome(BundleBuilder.in(dir).text("system.json", "{\"services\":[" + services + "],\"appPools\":[]}")
                .registry("intune.reg", intune).dir(), new ConnectorServicesCheck());
    }

    static RegExport configuredAs(String caKey, boolean system, String username) {
        RegExport r = new RegExport().key(KEY).dword("EnableSCEP", 1).key(KEY + "\\" + caKey).dword("UseSystemAccount", system ? 1 : 0);
        return username == null ? r : r.string("Username", username);
    }

    static String svc(String name, String status, String start, String account) {
        return "{\"name\":\"" + name + "\",\"status\":\"" + status + "\",\"startType\":\"" + start + "\",\"account\":\""
                + account.replace("\\", "\\\\") + "\"}";
    }

    @Test
    void aBrokenUseSystemAccountLineIsAnErrorNotAServiceOnAnotherAccountThanConfigured() {
        // the line may say 1 (SYSTEM, Username ignored): comparing LocalSystem with the Username would be a made-up WARN
        RegExport intune = new RegExport().key(KEY).dword("EnableSCEP", 1).key(KEY + "\\CA")
                .raw("\"UseSystemAccount\"=dword:0000000g").string("Username", "CONTOSO\\svc_conn");
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "LocalSystem"), intune);
        Analysis.unreadableLine(o, "registry/intune.reg", "UseSystemAccount", "dword:0000000g");
        assertThat(codes(o)).doesNotContain("CONNECTOR_SERVICE_NOT_CONFIGURED_ACCOUNT");
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
        assertThat(codes(o)).containsExactly("CONNECTOR_SERVICE_NOT_RUNNING", "CONNECTOR_CONFIGURED_ACCOUNT_UNKNOWN");
    }

    @Test
    void aManualServiceWarns() {
        assertThat(codes(check(svc("PkiRevokeConnectorSvc", "Running", "Manual", "LocalSystem"))))
                .containsExactly("CONNECTOR_SERVICE_NOT_AUTOMATIC", "CONNECTOR_CONFIGURED_ACCOUNT_UNKNOWN");
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

    @Test
    void servicesRunningAsTheConfiguredDomainAccountPass() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "CONTOSO\\svc_conn") + ","
                + svc("PkiCreateConnectorSvc", "Running", "Automatic", "contoso\\SVC_CONN"), configuredAs("CA", false, "CONTOSO\\svc_conn"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).contains("CONNECTOR_SERVICES_CONFIGURED_ACCOUNT");
    }

    @Test
    void aConnectorConfiguredAsSystemRunningAsLocalSystemPasses() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "LocalSystem"),
                configuredAs("CA0", true, null));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).contains("CONNECTOR_SERVICES_CONFIGURED_ACCOUNT");
    }

    @Test
    void allServicesMovedToOneOtherAccountWarnThoughTheyAgree() {
        // one account for all services, so CONNECTOR_SERVICE_ACCOUNTS_DIFFER stays quiet; the configuration says SYSTEM
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "CONTOSO\\svc_other") + ","
                + svc("PkiCreateConnectorSvc", "Running", "Automatic", "CONTOSO\\svc_other"), configuredAs("CA", true, null));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).doesNotContain("CONNECTOR_SERVICE_ACCOUNTS_DIFFER", "CONNECTOR_SERVICES_CONFIGURED_ACCOUNT")
                .contains("CONNECTOR_SERVICE_NOT_CONFIGURED_ACCOUNT");
        Finding f = o.result().findings().stream().filter(x -> x.code().equals("CONNECTOR_SERVICE_NOT_CONFIGURED_ACCOUNT"))
                .findFirst().orElseThrow();
        assertThat(f.evidence()).containsEntry("configured", "SYSTEM").containsEntry("account", "CONTOSO\\svc_other");
    }

    @Test
    void oneServiceUnderAnotherAccountThanConfiguredWarnsNamingIt() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "CONTOSO\\svc_conn") + ","
                + svc("PkiRevokeConnectorSvc", "Running", "Automatic", "LocalSystem"), configuredAs("CA", false, "CONTOSO\\svc_conn"));
        List<Finding> wrong = o.result().findings().stream().filter(x -> x.code().equals("CONNECTOR_SERVICE_NOT_CONFIGURED_ACCOUNT")).toList();
        assertThat(wrong).singleElement().satisfies(f -> assertThat(f.evidence()).containsEntry("service", "PkiRevokeConnectorSvc"));
    }

    @Test
    void aUpnAgainstADownLevelNameIsNotJudged() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "svc_conn@contoso.com"),
                configuredAs("CA", false, "CONTOSO\\svc_conn"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).contains("CONNECTOR_ACCOUNT_NOT_COMPARABLE").doesNotContain("CONNECTOR_SERVICE_NOT_CONFIGURED_ACCOUNT");
    }

    @Test
    void withoutTheConnectorsRegistryTheComparisonIsSkippedNamingTheExport() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "LocalSystem"));
        Finding f = o.result().findings().stream().filter(x -> x.code().equals("CONNECTOR_CONFIGURED_ACCOUNT_UNKNOWN"))
                .findFirst().orElseThrow();
        assertThat(f.status()).isEqualTo(Status.SKIPPED);
        assertThat(f.message()).contains("registry/intune.reg was not collected");
        assertThat(f.remediation().orElseThrow()).contains("reg export HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune");
    }

    static Finding finding(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aCaKeyThatRecordsNoAccountLeavesTheConfiguredAccountUnknown() {
        RegExport intune = new RegExport().key(KEY).dword("EnableSCEP", 1).key(KEY + "\\CA").string("Thumbprint", "00");
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "LocalSystem"), intune);
        assertThat(codes(o)).containsExactly("CONNECTOR_SERVICE_RUNNING", "CONNECTOR_CONFIGURED_ACCOUNT_UNKNOWN");
        assertThat(finding(o, "CONNECTOR_CONFIGURED_ACCOUNT_UNKNOWN").message()).contains(
                "(PFXCertificateConnector has no CA* key with UseSystemAccount or Username)");
    }

    @Test
    void aRunningServiceIsNamedWithItsAccount() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "LocalSystem"));
        assertThat(finding(o, "CONNECTOR_SERVICE_RUNNING").message()).isEqualTo("PFXCertificateConnectorSvc runs as LocalSystem.");
    }

    @Test
    void aServiceWhoseAccountWasNotCollectedIsNotComparedWithTheConfiguredOne() {
        CheckOutcome o = check("{\"name\":\"PFXCertificateConnectorSvc\",\"status\":\"Running\",\"startType\":\"Automatic\"},"
                + svc("PkiCreateConnectorSvc", "Running", "Automatic", "LocalSystem"), configuredAs("CA", true, null));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("CONNECTOR_SERVICE_RUNNING", "CONNECTOR_SERVICE_RUNNING", "CONNECTOR_SERVICES_CONFIGURED_ACCOUNT");
        assertThat(o.result().findings().get(0).message()).isEqualTo("PFXCertificateConnectorSvc runs.");
        assertThat(finding(o, "CONNECTOR_SERVICES_CONFIGURED_ACCOUNT").message())
                .isEqualTo("PkiCreateConnectorSvc run as SYSTEM, the account the connector was configured with.");
    }

    @Test
    void aBlankAccountIsNotComparedWithTheConfiguredOne() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "  "), configuredAs("CA", true, null));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("CONNECTOR_SERVICE_RUNNING");
    }

    @Test
    void aServiceOnTheConfiguredAccountNextToOneThatCannotBeComparedStillPasses() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "CONTOSO\\svc_conn") + ","
                + svc("PkiCreateConnectorSvc", "Running", "Automatic", "svc_conn@contoso.com"), configuredAs("CA", false, "CONTOSO\\svc_conn"));
        assertThat(codes(o)).containsExactly("CONNECTOR_SERVICE_RUNNING", "CONNECTOR_SERVICE_RUNNING", "CONNECTOR_SERVICE_ACCOUNTS_DIFFER",
                "CONNECTOR_ACCOUNT_NOT_COMPARABLE", "CONNECTOR_SERVICES_CONFIGURED_ACCOUNT");
        assertThat(finding(o, "CONNECTOR_SERVICES_CONFIGURED_ACCOUNT").evidence()).containsEntry("configured", "CONTOSO\\svc_conn")
                .containsEntry("key", KEY + "\\CA");
    }

    @Test
    void oneServiceOnAnotherAccountThanConfiguredTakesAwayThePassOfTheOthers() {
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "CONTOSO\\svc_conn") + ","
                + svc("PkiRevokeConnectorSvc", "Running", "Automatic", "LocalSystem"), configuredAs("CA", false, "CONTOSO\\svc_conn"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("CONNECTOR_SERVICE_RUNNING", "CONNECTOR_SERVICE_RUNNING", "CONNECTOR_SERVICE_ACCOUNTS_DIFFER",
                "CONNECTOR_SERVICE_NOT_CONFIGURED_ACCOUNT");
    }

    @Test
    void aServiceWhoseAccountIsBlankIsNotAnotherAccount() {
        // a blank StartName says nothing about the account, as configured() already treats it: no made-up "different accounts"
        CheckOutcome o = check(svc("PFXCertificateConnectorSvc", "Running", "Automatic", "LocalSystem") + ","
                + svc("PkiCreateConnectorSvc", "Running", "Automatic", " "));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("CONNECTOR_SERVICE_RUNNING", "CONNECTOR_SERVICE_RUNNING", "CONNECTOR_CONFIGURED_ACCOUNT_UNKNOWN");
    }
}
