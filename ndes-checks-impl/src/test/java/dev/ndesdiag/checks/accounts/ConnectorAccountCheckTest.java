package dev.ndesdiag.checks.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.IisFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector runs as SYSTEM or as a domain account that has "Log on as a service" and is a local
 * administrator (certificate-connector-prerequisites / -install); the SCEP pool's account being an
 * administrator is a warning unless it is the connector's account too.
 */
class ConnectorAccountCheckTest {

    private static final String SVC = "S-1-5-21-1004336348-1177238915-682003330-1105";
    private static final String CONN = "S-1-5-21-1004336348-1177238915-682003330-1106";
    private static final String PKI_ADMINS = "S-1-5-21-1004336348-1177238915-682003330-3201";

    @TempDir
    Path dir;

    private static String system(String account) {
        return "{\"services\":[{\"name\":\"PFXCertificateConnectorSvc\",\"status\":\"Running\",\"startType\":\"Automatic\","
                + "\"account\":\"" + account.replace("\\", "\\\\") + "\"},{\"name\":\"PkiCreateConnectorSvc\",\"status\":\"Running\","
                + "\"startType\":\"Automatic\",\"account\":\"" + account.replace("\\", "\\\\") + "\"}],\"appPools\":[]}";
    }

    private static String rights(String serviceLogon) {
        return "[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeServiceLogonRight = " + serviceLogon + "\r\n"
                + "SeImpersonatePrivilege = *S-1-5-19,*S-1-5-20,*S-1-5-32-544,*S-1-5-32-568,*S-1-5-6\r\n";
    }

    private static String accounts(String accounts, String adminMembers) {
        return "{\"accounts\":[" + accounts + "],\"localGroups\":[{\"sid\":\"S-1-5-32-544\",\"name\":\"Administrators\","
                + "\"members\":[" + adminMembers + "]},{\"sid\":\"S-1-5-32-568\",\"name\":\"IIS_IUSRS\",\"members\":[\"" + SVC + "\"]}]}";
    }

    private static String account(String name, String sid, String groups) {
        return "{\"name\":\"" + name.replace("\\", "\\\\") + "\",\"sid\":\"" + sid + "\",\"kind\":\"user\",\"enabled\":true"
                + (groups == null ? "" : ",\"groups\":[" + groups + "]") + "}";
    }

    private CheckOutcome run(String connectorAccount, String rights, String accounts, String poolAccount) {
        BundleBuilder b = BundleBuilder.in(dir).text("system.json", system(connectorAccount))
                .utf16("security/user-rights.inf", rights).text("security/accounts.json", accounts)
                .text("iis/applicationHost.config", IisFixtures.runningAs(poolAccount));
        return Analysis.outcome(b.dir(), new ConnectorAccountCheck());
    }

    private static Finding code(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + o.result().findings()));
    }

    @Test
    void aLocalSystemConnectorIsFine() {
        CheckOutcome o = run("LocalSystem", rights("*S-1-5-80-0"), accounts(account("CONTOSO\\svc_ndes", SVC, "\"S-1-5-21-1004336348-1177238915-682003330-513\""), ""), "CONTOSO\\svc_ndes");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_RUNS_AS_SYSTEM", "SCEP_POOL_NOT_ADMIN");
    }

    @Test
    void aDomainAccountWithTheRightAndAdminThroughADomainGroupPasses() {
        CheckOutcome o = run("CONTOSO\\svc_conn", rights("*S-1-5-80-0,*" + CONN),
                accounts(account("CONTOSO\\svc_conn", CONN, "\"" + PKI_ADMINS + "\"") + "," + account("CONTOSO\\svc_ndes", SVC, ""),
                        "\"S-1-5-21-1004336348-1177238915-682003330-500\",\"" + PKI_ADMINS + "\""),
                "CONTOSO\\svc_ndes");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_SERVICE_LOGON_RIGHT",
                "CONNECTOR_LOCAL_ADMIN", "SCEP_POOL_NOT_ADMIN");
    }

    @Test
    void aDomainAccountWithoutLogOnAsAServiceFails() {
        CheckOutcome o = run("CONTOSO\\svc_conn", rights("*S-1-5-80-0"),
                accounts(account("CONTOSO\\svc_conn", CONN, ""), "\"" + CONN + "\""), "CONTOSO\\svc_ndes");
        assertThat(code(o, "CONNECTOR_NO_SERVICE_LOGON_RIGHT").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aDomainAccountThatIsNotALocalAdminFails() {
        CheckOutcome o = run("CONTOSO\\svc_conn", rights("*" + CONN), accounts(account("CONTOSO\\svc_conn", CONN, ""), ""),
                "CONTOSO\\svc_ndes");
        assertThat(code(o, "CONNECTOR_NOT_LOCAL_ADMIN").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void withoutTheAccountsDomainGroupsAdminMembershipIsUnknown() {
        CheckOutcome o = run("CONTOSO\\svc_conn", rights("*" + CONN), accounts(account("CONTOSO\\svc_conn", CONN, null),
                "\"" + PKI_ADMINS + "\""), "CONTOSO\\svc_ndes");
        assertThat(code(o, "CONNECTOR_ADMIN_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void oneAccountForPoolAndConnectorIsADocumentedSetupNotAWarning() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", rights("*" + SVC), accounts(account("CONTOSO\\svc_ndes", SVC, ""), "\"" + SVC + "\""),
                "CONTOSO\\svc_ndes");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(code(o, "SCEP_POOL_ADMIN_AS_CONNECTOR").status()).isEqualTo(Status.PASS);
    }

    @Test
    void aScepPoolAccountThatIsAdminButNotTheConnectorsWarns() {
        CheckOutcome o = run("LocalSystem", rights("*S-1-5-80-0"), accounts(account("CONTOSO\\svc_ndes", SVC, ""), "\"" + SVC + "\""),
                "CONTOSO\\svc_ndes");
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(code(o, "SCEP_POOL_IS_ADMIN").evidence()).containsEntry("sid", SVC);
    }

    @Test
    void withoutAConnectorServiceThereIsNothingToJudge() {
        BundleBuilder b = BundleBuilder.in(dir).text("system.json", "{\"services\":[{\"name\":\"W3SVC\",\"status\":\"Running\"}],\"appPools\":[]}");
        assertThat(Analysis.outcome(b.dir(), new ConnectorAccountCheck()).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aConnectorRunningAsNetworkServiceWarnsThatItIsNeitherSystemNorADomainAccount() {
        CheckOutcome o = run("NT AUTHORITY\\NetworkService", rights("*S-1-5-80-0"),
                accounts(account("CONTOSO\\svc_ndes", SVC, ""), ""), "CONTOSO\\svc_ndes");
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_BUILTIN_ACCOUNT", "SCEP_POOL_NOT_ADMIN");
        assertThat(code(o, "CONNECTOR_BUILTIN_ACCOUNT").evidence()).containsEntry("account", "NT AUTHORITY\\NetworkService");
    }

    @Test
    void aConnectorRunningAsLocalServiceWarnsToo() {
        CheckOutcome o = run("LocalService", rights("*S-1-5-80-0"), accounts(account("CONTOSO\\svc_ndes", SVC, ""), ""), "CONTOSO\\svc_ndes");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_BUILTIN_ACCOUNT", "SCEP_POOL_NOT_ADMIN");
    }

    @Test
    void aConnectorAccountTheCollectorCouldNotResolveIsUnknown() {
        CheckOutcome o = run("CONTOSO\\svc_gone", rights("*S-1-5-80-0"), accounts(account("CONTOSO\\svc_ndes", SVC, ""), ""),
                "CONTOSO\\svc_ndes");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_ACCOUNT_NOT_RESOLVED", "SCEP_POOL_NOT_ADMIN");
        assertThat(code(o, "CONNECTOR_ACCOUNT_NOT_RESOLVED").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void withoutTheUserRightsLogOnAsAServiceIsUnknownButAdminMembershipIsStillJudged() {
        BundleBuilder b = BundleBuilder.in(dir).text("system.json", system("CONTOSO\\svc_conn"))
                .text("security/accounts.json", accounts(account("CONTOSO\\svc_conn", CONN, ""), "\"" + CONN + "\""));
        CheckOutcome o = Analysis.outcome(b.dir(), new ConnectorAccountCheck());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("USER_RIGHTS_NOT_COLLECTED", "CONNECTOR_LOCAL_ADMIN");
        assertThat(code(o, "USER_RIGHTS_NOT_COLLECTED").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void logOnAsAServiceGrantedByAccountNameRatherThanSidCounts() {
        CheckOutcome o = run("CONTOSO\\svc_conn", rights("*S-1-5-80-0,contoso\\SVC_CONN"),
                accounts(account("CONTOSO\\svc_conn", CONN, "") + "," + account("CONTOSO\\svc_ndes", SVC, ""), "\"" + CONN + "\""),
                "CONTOSO\\svc_ndes");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_SERVICE_LOGON_RIGHT",
                "CONNECTOR_LOCAL_ADMIN", "SCEP_POOL_NOT_ADMIN");
    }

    @Test
    void theMissingRightNamesTheAccountSidAndTheHolders() {
        CheckOutcome o = run("CONTOSO\\svc_conn", rights("*S-1-5-80-0,*S-1-5-32-551"),
                accounts(account("CONTOSO\\svc_conn", CONN, ""), "\"" + CONN + "\""), "CONTOSO\\svc_ndes");
        // Backup Operators (S-1-5-32-551) hold it, the account is not one
        assertThat(code(o, "CONNECTOR_NO_SERVICE_LOGON_RIGHT").evidence()).containsEntry("sid", CONN)
                .containsEntry("account", "CONTOSO\\svc_conn").containsEntry("holders", "S-1-5-80-0, S-1-5-32-551");
    }

    @Test
    void adminMembershipIsUnknownOnlyWhenTheConnectorAccountsOwnGroupsAreMissing() {
        // the SCEP pool's account lists its groups; the connector's does not: its membership is unknown
        CheckOutcome o = run("CONTOSO\\svc_conn", rights("*" + CONN), accounts(account("CONTOSO\\svc_ndes", SVC, "")
                + "," + account("CONTOSO\\svc_conn", CONN, null), ""), "CONTOSO\\svc_ndes");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_SERVICE_LOGON_RIGHT",
                "CONNECTOR_ADMIN_UNKNOWN", "SCEP_POOL_NOT_ADMIN");
    }

    @Test
    void adminMembershipFailsWhenTheConnectorAccountsGroupsAreKnownWhileAnotherAccountsAreNot() {
        CheckOutcome o = run("CONTOSO\\svc_conn", rights("*" + CONN), accounts(account("CONTOSO\\svc_ndes", SVC, null)
                + "," + account("CONTOSO\\svc_conn", CONN, ""), ""), "CONTOSO\\svc_ndes");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_SERVICE_LOGON_RIGHT",
                "CONNECTOR_NOT_LOCAL_ADMIN", "SCEP_POOL_NOT_ADMIN");
        assertThat(code(o, "CONNECTOR_NOT_LOCAL_ADMIN").evidence()).containsEntry("sid", CONN);
    }

    @Test
    void aConnectorServiceWithABlankAccountIsNotAConnectorAccount() {
        CheckOutcome o = run(" ", rights("*S-1-5-80-0"), accounts(account("CONTOSO\\svc_ndes", SVC, ""), ""), "CONTOSO\\svc_ndes");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_NOT_INSTALLED", "SCEP_POOL_NOT_ADMIN");
    }

    @Test
    void withoutAccountsJsonWhetherTheScepPoolIsAnAdminIsUnknown() {
        BundleBuilder b = BundleBuilder.in(dir).text("system.json", system("LocalSystem"))
                .text("iis/applicationHost.config", IisFixtures.runningAs("CONTOSO\\svc_ndes"));
        CheckOutcome o = Analysis.outcome(b.dir(), new ConnectorAccountCheck());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_RUNS_AS_SYSTEM", "SCEP_POOL_ADMIN_UNKNOWN");
        assertThat(code(o, "SCEP_POOL_ADMIN_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aScepPoolAccountNotInAccountsJsonIsUnknownNotAnAdmin() {
        CheckOutcome o = run("LocalSystem", rights("*S-1-5-80-0"), accounts(account("CONTOSO\\svc_other", SVC, ""), "\"" + SVC + "\""),
                "CONTOSO\\svc_ndes");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_RUNS_AS_SYSTEM", "SCEP_POOL_ADMIN_UNKNOWN");
    }

    @Test
    void aNetworkServiceScepPoolWithoutAccountsJsonIsUnknownNotJudged() {
        BundleBuilder b = BundleBuilder.in(dir).text("system.json", system("LocalSystem"))
                .text("iis/applicationHost.config", IisFixtures.applicationHost("<processModel identityType=\"NetworkService\" />"));
        CheckOutcome o = Analysis.outcome(b.dir(), new ConnectorAccountCheck());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_RUNS_AS_SYSTEM", "SCEP_POOL_ADMIN_UNKNOWN");
    }
}
