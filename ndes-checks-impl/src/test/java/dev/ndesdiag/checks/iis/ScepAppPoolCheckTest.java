package dev.ndesdiag.checks.iis;

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

/** The SCEP pool must run, as an identity in IIS_IUSRS with impersonation and batch logon, unlocked. */
class ScepAppPoolCheckTest {

    private static final String SVC = "S-1-5-21-1004336348-1177238915-682003330-1105";
    private static final String RIGHTS = "[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\n"
            + "SeImpersonatePrivilege = *S-1-5-19,*S-1-5-20,*S-1-5-32-544,*S-1-5-32-568,*S-1-5-6\r\n"
            + "SeBatchLogonRight = *S-1-5-32-544,*S-1-5-32-551,*S-1-5-32-559,*S-1-5-32-568\r\n";

    @TempDir
    Path dir;

    private static String accounts(boolean member, String state) {
        return "{\"accounts\":[{\"name\":\"CONTOSO\\\\svc_ndes\",\"sid\":\"" + SVC + "\",\"kind\":\"user\"," + state + "}],"
                + "\"localGroups\":[{\"sid\":\"S-1-5-32-568\",\"name\":\"IIS_IUSRS\",\"members\":[" + (member ? "\"" + SVC + "\"" : "")
                + "]}]}";
    }

    private static final String HEALTHY_STATE = "\"enabled\":true,\"lockedOut\":false,\"passwordExpired\":false";

    private BundleBuilder server(String poolState, String accountsJson, String rights) {
        return BundleBuilder.in(dir).text("iis/applicationHost.config", IisFixtures.runningAs("CONTOSO\\svc_ndes"))
                .text("system.json", "{\"services\":[],\"appPools\":[{\"name\":\"SCEP\",\"state\":\"" + poolState + "\"}]}")
                .text("security/accounts.json", accountsJson)
                .utf16("security/user-rights.inf", rights);
    }

    private static CheckOutcome check(BundleBuilder b) {
        return Analysis.outcome(b.dir(), new ScepAppPoolCheck());
    }

    private static java.util.List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    @Test
    void passesForAStartedPoolWhoseAccountIsInIisIusrsWithItsRights() {
        CheckOutcome o = check(server("Started", accounts(true, HEALTHY_STATE), RIGHTS));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("SCEP_POOL_STARTED", "SCEP_IDENTITY_IN_IIS_IUSRS", "IMPERSONATE_PRIVILEGE_OK");
    }

    @Test
    void aPasswordDateThatIsNoDateIsAnErrorNamingFileFieldAndTextNotAMissingFile() {
        CheckOutcome o = check(server("Started", accounts(true, HEALTHY_STATE + ",\"passwordLastSet\":\"yesterday\""), RIGHTS));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        Finding unreadable = o.result().findings().stream().filter(f -> f.code().equals("INPUT_UNREADABLE")).findFirst()
                .orElseThrow();
        assertThat(unreadable.evidence()).containsEntry("file", "security/accounts.json")
                .containsEntry("name", "passwordLastSet").containsEntry("raw", "yesterday");
        assertThat(unreadable.message()).contains("not an ISO-8601 UTC time");
    }

    @Test
    void aStoppedPoolCitesTheWasEventThatDisabledIt() {
        // issue 12: a configuration check mentions the server's own record when both are present
        String was5002 = dev.ndesdiag.fixtures.EvidenceFixtures.event(dev.ndesdiag.fixtures.EvidenceFixtures.WAS, "System",
                5002, 1, java.time.Instant.parse("2026-11-20T09:58:12Z"), 7, "Application pool 'SCEP' is being automatically "
                        + "disabled due to a series of failures in the process(es) serving that application pool.", "SCEP");
        String otherPool = dev.ndesdiag.fixtures.EvidenceFixtures.event(dev.ndesdiag.fixtures.EvidenceFixtures.WAS, "System",
                5002, 1, java.time.Instant.parse("2026-11-20T10:05:00Z"), 8, "Application pool 'Reports' is being "
                        + "automatically disabled.", "Reports");
        CheckOutcome o = check(server("Stopped", accounts(true, HEALTHY_STATE), RIGHTS)
                .text("events/System.xml", dev.ndesdiag.fixtures.EvidenceFixtures.export(java.util.List.of(was5002, otherPool))));
        Finding stopped = o.result().findings().get(0);
        assertThat(stopped.code()).isEqualTo("SCEP_POOL_STOPPED");
        assertThat(stopped.evidence().get("wasEvent")).asString().startsWith("5002 at 2026-11-20T09:58:12Z")
                .contains("scep-pool-events");
    }

    @Test
    void failsWith503WhenThePoolIsStopped() {
        CheckOutcome o = check(server("Stopped", accounts(true, HEALTHY_STATE), RIGHTS));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).message()).contains("HTTP 503");
    }

    @Test
    void aDomainAccountThatIsNoMemberOfIisIusrsStillGetsItInItsWorkerTokenAndPasses() {
        // WAS injects IIS_IUSRS into every worker token, whatever the identity type:
        // https://learn.microsoft.com/iis/get-started/planning-for-security/understanding-built-in-user-and-group-accounts-in-iis
        CheckOutcome o = check(server("Started", accounts(false, HEALTHY_STATE), RIGHTS));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).doesNotContain("SCEP_IDENTITY_NOT_IN_IIS_IUSRS", "NO_BATCH_LOGON_RIGHT");
    }

    @Test
    void aNetworkServicePoolNeedsNoBatchLogonRight() {
        String noBatch = RIGHTS.replace("SeBatchLogonRight = *S-1-5-32-544,*S-1-5-32-551,*S-1-5-32-559,*S-1-5-32-568",
                "SeBatchLogonRight = *S-1-5-32-544");
        BundleBuilder b = BundleBuilder.in(dir)
                .text("iis/applicationHost.config", IisFixtures.applicationHost("<processModel identityType=\"NetworkService\" />"))
                .text("system.json", "{\"appPools\":[{\"name\":\"SCEP\",\"state\":\"Started\"}]}")
                .utf16("security/user-rights.inf", noBatch);
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).contains("BATCH_LOGON_NOT_NEEDED").doesNotContain("NO_BATCH_LOGON_RIGHT");
    }

    @Test
    void aRenamedPoolIsFoundThroughTheMscepApplication() {
        String renamed = IisFixtures.applicationPoolIdentity().replace("name=\"SCEP\"", "name=\"NDES-Pool\"")
                .replace("applicationPool=\"SCEP\"", "applicationPool=\"NDES-Pool\"");
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", renamed)
                .text("system.json", "{\"appPools\":[{\"name\":\"NDES-Pool\",\"state\":\"Started\"}]}")
                .utf16("security/user-rights.inf", RIGHTS);
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("pool", "NDES-Pool");
    }

    @Test
    void aStoppedLeftoverPoolCalledScepIsNotJudgedWhenMscepRunsInAnotherPool() {
        String moved = IisFixtures.applicationPoolIdentity().replace("<add name=\"DefaultAppPool\" />",
                        "<add name=\"DefaultAppPool\" /><add name=\"NDES\" />")
                .replace("<application path=\"/CertSrv/mscep\" applicationPool=\"SCEP\">",
                        "<application path=\"/CertSrv/mscep\" applicationPool=\"NDES\">");
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", moved)
                .text("system.json", "{\"appPools\":[{\"name\":\"SCEP\",\"state\":\"Stopped\"},"
                        + "{\"name\":\"NDES\",\"state\":\"Started\"}]}")
                .utf16("security/user-rights.inf", RIGHTS);
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("pool", "NDES");
    }

    @Test
    void impersonationGrantedOnlyToADomainGroupByGpoIsUnknownWithoutTheAccountsGroups() {
        String domainGroup = "S-1-5-21-1004336348-1177238915-682003330-4411";
        String gpo = RIGHTS.replace("SeImpersonatePrivilege = *S-1-5-19,*S-1-5-20,*S-1-5-32-544,*S-1-5-32-568,*S-1-5-6",
                "SeImpersonatePrivilege = *S-1-5-32-544,*" + domainGroup);
        CheckOutcome o = check(server("Started", accounts(false, HEALTHY_STATE), gpo));
        assertThat(o.status()).isNotEqualTo(Status.FAIL);
        Finding f = o.result().findings().stream().filter(x -> x.code().equals("IMPERSONATE_PRIVILEGE_UNKNOWN")).findFirst()
                .orElseThrow();
        assertThat(f.status()).isEqualTo(Status.SKIPPED);
        assertThat(f.message()).contains(domainGroup);
    }

    @Test
    void impersonationThroughADomainGroupPassesWhenTheAccountsGroupsShowTheMembership() {
        String domainGroup = "S-1-5-21-1004336348-1177238915-682003330-4411";
        String gpo = RIGHTS.replace("SeImpersonatePrivilege = *S-1-5-19,*S-1-5-20,*S-1-5-32-544,*S-1-5-32-568,*S-1-5-6",
                "SeImpersonatePrivilege = *S-1-5-32-544,*" + domainGroup);
        CheckOutcome o = check(server("Started", accounts(false, HEALTHY_STATE + ",\"groups\":[\"" + domainGroup + "\"]"), gpo));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).contains("IMPERSONATE_PRIVILEGE_OK");
    }

    @Test
    void failsWith500_0_1346WhenIisIusrsLacksImpersonation() {
        String noImpersonate = RIGHTS.replace("*S-1-5-32-568,*S-1-5-6", "*S-1-5-6");
        CheckOutcome o = check(server("Started", accounts(true, HEALTHY_STATE), noImpersonate));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().stream().filter(f -> f.code().equals("IIS_IUSRS_NO_IMPERSONATE")).findFirst()
                .orElseThrow().message()).contains("500 0 1346");
        // Microsoft: grant the right to IIS_IUSRS, then "Restart the computer":
        // https://learn.microsoft.com/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes#troubleshoot-status-code-500
        assertThat(o.result().findings().stream().filter(f -> f.code().equals("IIS_IUSRS_NO_IMPERSONATE")).findFirst()
                .orElseThrow().remediation()).hasValueSatisfying(r -> assertThat(r).contains("restart the server")
                        .doesNotContain("iisreset."));
    }

    @Test
    void failsWhenTheAccountIsDeniedBatchLogon() {
        CheckOutcome o = check(server("Started", accounts(true, HEALTHY_STATE), RIGHTS + "SeDenyBatchLogonRight = CONTOSO\\svc_ndes\r\n"));
        assertThat(codes(o)).contains("BATCH_LOGON_DENIED");
    }

    @Test
    void leavesTheAccountsStateInAdToScepAccountStateSoALockoutIsReportedOnce() {
        CheckOutcome o = check(server("Started", accounts(true, "\"enabled\":true,\"lockedOut\":true,\"passwordExpired\":true"), RIGHTS));
        assertThat(codes(o)).noneMatch(c -> c.startsWith("SCEP_ACCOUNT_"));
    }

    @Test
    void anApplicationPoolIdentityPassesIisIusrsWithoutBeingListed() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .text("system.json", "{\"appPools\":[{\"name\":\"SCEP\",\"state\":\"Started\"}]}")
                .text("security/accounts.json", accounts(false, HEALTHY_STATE)).utf16("security/user-rights.inf", RIGHTS);
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenThePoolDoesNotExist() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config",
                IisFixtures.applicationPoolIdentity().replace("<add name=\"SCEP\"", "<add name=\"Other\""));
        assertThat(check(b).result().findings()).extracting(Finding::code).containsExactly("SCEP_POOL_MISSING");
    }

    @Test
    void neverReportsThePoolsEncryptedPassword() {
        CheckOutcome o = check(server("Stopped", accounts(false, HEALTHY_STATE), RIGHTS));
        assertThat(o.result().findings().toString()).doesNotContain("enc:IISCngProvider");
    }

    private static String was(int id, String at, long record, String message, String... data) {
        return dev.ndesdiag.fixtures.EvidenceFixtures.event(dev.ndesdiag.fixtures.EvidenceFixtures.WAS, "System", id, 2,
                java.time.Instant.parse(at), record, message, data);
    }

    private static Finding first(CheckOutcome o) {
        return o.result().findings().get(0);
    }

    @Test
    void aStoppedPoolCitesTheNewestCrashOrDisablingEventOfThatPoolOnly() {
        String crash = was(5009, "2026-11-20T09:40:00Z", 1, "A process serving application pool 'SCEP' terminated unexpectedly.", "SCEP");
        String logonFailure = was(5021, "2026-11-20T09:50:00Z", 2, "The identity of application pool SCEP is invalid.", "SCEP");
        String recycle = was(5074, "2026-11-20T10:00:00Z", 3, "Application pool 'SCEP' was recycled.", "SCEP");
        String other = was(5002, "2026-11-20T10:05:00Z", 4, "Application pool 'Reports' is being automatically disabled.", "Reports");
        CheckOutcome o = check(server("Stopped", accounts(true, HEALTHY_STATE), RIGHTS).text("events/System.xml",
                dev.ndesdiag.fixtures.EvidenceFixtures.export(java.util.List.of(crash, logonFailure, recycle, other))));
        Finding f = first(o);
        assertThat(f.code()).isEqualTo("SCEP_POOL_STOPPED");
        assertThat(f.evidence()).containsEntry("pool", "SCEP").containsEntry("state", "Stopped")
                .containsEntry("wasEvent", "5021 at 2026-11-20T09:50:00Z (System log; decoded by scep-pool-events)")
                .containsEntry("wasEventMessage", "The identity of application pool SCEP is invalid.");
    }

    @Test
    void aWasEventNamingThePoolOnlyInItsMessageIsCitedToo() {
        String crash = dev.ndesdiag.fixtures.EvidenceFixtures.event("Microsoft-Windows-WAS", "System", 5011, 2,
                java.time.Instant.parse("2026-11-20T09:40:00Z"), 1, "A process serving application pool 'SCEP' suffered a fatal "
                        + "communication error with the Windows Process Activation Service.");
        CheckOutcome o = check(server("Stopped", accounts(true, HEALTHY_STATE), RIGHTS).text("events/System.xml",
                dev.ndesdiag.fixtures.EvidenceFixtures.export(java.util.List.of(crash))));
        assertThat(first(o).evidence()).containsEntry("wasEvent", "5011 at 2026-11-20T09:40:00Z (System log; decoded by scep-pool-events)");
    }

    @Test
    void aStoppedPoolWithoutAnEventForItCitesNone() {
        String other = was(5002, "2026-11-20T10:05:00Z", 4, "Application pool 'Reports' is being automatically disabled.", "Reports");
        CheckOutcome o = check(server("Stopped", accounts(true, HEALTHY_STATE), RIGHTS).text("events/System.xml",
                dev.ndesdiag.fixtures.EvidenceFixtures.export(java.util.List.of(other))));
        assertThat(first(o).evidence()).containsOnlyKeys("pool", "state");
    }

    @Test
    void aPoolStateInOtherCaseIsStarted() {
        CheckOutcome o = check(server("started", accounts(true, HEALTHY_STATE), RIGHTS));
        assertThat(first(o).code()).isEqualTo("SCEP_POOL_STARTED");
        assertThat(first(o).evidence()).containsEntry("pool", "SCEP");
    }

    @Test
    void withoutSystemJsonThePoolStateIsUnknownButTheRightsAreStillJudged() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", IisFixtures.runningAs("CONTOSO\\svc_ndes"))
                .text("security/accounts.json", accounts(true, HEALTHY_STATE)).utf16("security/user-rights.inf", RIGHTS);
        CheckOutcome o = check(b);
        assertThat(codes(o)).containsExactly("SCEP_POOL_STATE_UNKNOWN", "SCEP_IDENTITY_IN_IIS_IUSRS", "IMPERSONATE_PRIVILEGE_OK");
    }

    @Test
    void aSystemJsonThatDoesNotListThePoolLeavesItsStateUnknown() {
        BundleBuilder b = server("Started", accounts(true, HEALTHY_STATE), RIGHTS)
                .text("system.json", "{\"services\":[],\"appPools\":[{\"name\":\"DefaultAppPool\",\"state\":\"Started\"}]}");
        assertThat(codes(check(b))).containsExactly("SCEP_POOL_STATE_UNKNOWN", "SCEP_IDENTITY_IN_IIS_IUSRS", "IMPERSONATE_PRIVILEGE_OK");
    }

    @Test
    void anAccountWhoseSidTheBundleDoesNotGiveLeavesItsRightsUnchecked() {
        CheckOutcome o = check(server("Started", "{\"accounts\":[],\"localGroups\":[]}", RIGHTS));
        assertThat(codes(o)).containsExactly("SCEP_POOL_STARTED", "SCEP_IDENTITY_UNRESOLVED");
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void withoutUserRightsImpersonationAndBatchLogonAreUnknown() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", IisFixtures.runningAs("CONTOSO\\svc_ndes"))
                .text("system.json", "{\"appPools\":[{\"name\":\"SCEP\",\"state\":\"Started\"}]}")
                .text("security/accounts.json", accounts(true, HEALTHY_STATE));
        assertThat(codes(check(b))).containsExactly("SCEP_POOL_STARTED", "SCEP_IDENTITY_IN_IIS_IUSRS", "USER_RIGHTS_NOT_COLLECTED");
    }

    @Test
    void aDomainAccountWithoutBatchLogonFailsWith503() {
        String noBatch = RIGHTS.replace("SeBatchLogonRight = *S-1-5-32-544,*S-1-5-32-551,*S-1-5-32-559,*S-1-5-32-568",
                "SeBatchLogonRight = *S-1-5-32-544");
        CheckOutcome o = check(server("Started", accounts(true, HEALTHY_STATE), noBatch));
        assertThat(codes(o)).containsExactly("SCEP_POOL_STARTED", "SCEP_IDENTITY_IN_IIS_IUSRS", "IMPERSONATE_PRIVILEGE_OK",
                "NO_BATCH_LOGON_RIGHT");
        assertThat(o.result().findings().get(3).evidence()).containsEntry("holders", java.util.List.of("S-1-5-32-544"));
    }

    @Test
    void batchLogonGrantedOnlyToADomainGroupIsUnknownWithoutTheAccountsGroups() {
        String domainGroup = "S-1-5-21-1004336348-1177238915-682003330-4412";
        String gpo = RIGHTS.replace("SeBatchLogonRight = *S-1-5-32-544,*S-1-5-32-551,*S-1-5-32-559,*S-1-5-32-568",
                "SeBatchLogonRight = *S-1-5-32-544,*" + domainGroup);
        CheckOutcome o = check(server("Started", accounts(false, HEALTHY_STATE), gpo));
        assertThat(codes(o)).containsExactly("SCEP_POOL_STARTED", "SCEP_IDENTITY_IN_IIS_IUSRS", "IMPERSONATE_PRIVILEGE_OK",
                "BATCH_LOGON_UNKNOWN");
        assertThat(o.result().findings().get(3).evidence()).containsEntry("undecidedHolders", java.util.List.of(domainGroup));
    }

    @Test
    void aDenyOfBatchLogonToADomainGroupIsUnknownWithoutTheAccountsGroups() {
        String domainGroup = "S-1-5-21-1004336348-1177238915-682003330-4413";
        CheckOutcome o = check(server("Started", accounts(false, HEALTHY_STATE), RIGHTS + "SeDenyBatchLogonRight = *" + domainGroup + "\r\n"));
        assertThat(codes(o)).containsExactly("SCEP_POOL_STARTED", "SCEP_IDENTITY_IN_IIS_IUSRS", "IMPERSONATE_PRIVILEGE_OK",
                "BATCH_LOGON_DENY_UNKNOWN");
        assertThat(o.status()).isEqualTo(Status.PASS);
    }
}
