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
 * An account IIS cannot log on with stops the SCEP pool (HTTP 503): disabled, locked out, expired
 * password; a gMSA is fine when this server may retrieve its password. Collected at 2026-11-20T10:15:00Z.
 */
class ScepAccountStateCheckTest {

    private static final String SVC = "S-1-5-21-1004336348-1177238915-682003330-1105";
    private static final String COMPUTER = "S-1-5-21-1004336348-1177238915-682003330-1201";
    private static final String NDES_SERVERS = "S-1-5-21-1004336348-1177238915-682003330-3101";

    @TempDir
    Path dir;

    private CheckOutcome run(String poolAccount, String accountsJson) {
        return Analysis.outcome(BundleBuilder.in(dir).text("iis/applicationHost.config", IisFixtures.runningAs(poolAccount))
                .text("security/accounts.json", "{\"accounts\":[" + accountsJson + "],\"localGroups\":[]}").dir(),
                new ScepAccountStateCheck());
    }

    private static String user(String extra) {
        return "{\"name\":\"CONTOSO\\\\svc_ndes\",\"sid\":\"" + SVC + "\",\"kind\":\"user\",\"enabled\":true,\"lockedOut\":false,"
                + "\"passwordExpired\":false,\"passwordLastSet\":\"2026-08-01T09:00:00Z\"" + extra + "}";
    }

    private static Finding code(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + o.result().findings()));
    }

    @Test
    void anEnabledUserWhosePasswordExpiresInMonthsPasses() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user(",\"passwordExpiresAt\":\"2027-02-01T09:00:00Z\""));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_ENABLED", "PASSWORD_VALID");
    }

    @Test
    void aPasswordThatNeverExpiresIsNoted() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user(",\"passwordNeverExpires\":true"));
        assertThat(code(o, "PASSWORD_NEVER_EXPIRES").status()).isEqualTo(Status.PASS);
    }

    @Test
    void aPasswordExpiringWithin14DaysWarns() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user(",\"passwordExpiresAt\":\"2026-11-30T09:00:00Z\""));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(code(o, "PASSWORD_EXPIRES_SOON").evidence()).containsEntry("passwordExpiresAt", "2026-11-30T09:00:00Z");
    }

    @Test
    void anExpiredPasswordFails() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user("").replace("\"passwordExpired\":false", "\"passwordExpired\":true"));
        assertThat(code(o, "PASSWORD_EXPIRED").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aDisabledAccountFails() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user("").replace("\"enabled\":true", "\"enabled\":false"));
        assertThat(code(o, "ACCOUNT_DISABLED").message()).contains("HTTP 503");
    }

    @Test
    void aLockedOutAccountFails() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user("").replace("\"lockedOut\":false", "\"lockedOut\":true"));
        assertThat(code(o, "ACCOUNT_LOCKED_OUT").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aGmsaThisServerMayRetrieveThroughAGroupIsFine() {
        CheckOutcome o = run("CONTOSO\\gmsa_ndes$", "{\"name\":\"CONTOSO\\\\gmsa_ndes$\",\"sid\":\"" + SVC + "\",\"kind\":\"gmsa\","
                + "\"enabled\":true,\"lockedOut\":false,\"passwordRetrievers\":[\"" + NDES_SERVERS + "\"]},"
                + "{\"name\":\"NDES01$\",\"sid\":\"" + COMPUTER + "\",\"kind\":\"computer\",\"enabled\":true,\"lockedOut\":false,"
                + "\"groups\":[\"" + NDES_SERVERS + "\",\"S-1-5-21-1004336348-1177238915-682003330-515\"]}");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_ENABLED", "GMSA_RETRIEVABLE");
    }

    @Test
    void aGmsaThisServerMayNotRetrieveFails() {
        CheckOutcome o = run("CONTOSO\\gmsa_ndes$", "{\"name\":\"CONTOSO\\\\gmsa_ndes$\",\"sid\":\"" + SVC + "\",\"kind\":\"gmsa\","
                + "\"enabled\":true,\"lockedOut\":false,\"passwordRetrievers\":[\"" + NDES_SERVERS + "\"]},"
                + "{\"name\":\"NDES01$\",\"sid\":\"" + COMPUTER + "\",\"kind\":\"computer\",\"groups\":[]}");
        assertThat(code(o, "GMSA_NOT_RETRIEVABLE").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aGmsaWithoutItsRetrieversIsUnknownNotFailed() {
        CheckOutcome o = run("CONTOSO\\gmsa_ndes$", "{\"name\":\"CONTOSO\\\\gmsa_ndes$\",\"sid\":\"" + SVC + "\",\"kind\":\"gmsa\","
                + "\"enabled\":true,\"lockedOut\":false}");
        assertThat(code(o, "GMSA_RETRIEVERS_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void theApplicationPoolIdentityHasNoAccountState() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .text("security/accounts.json", "{\"accounts\":[],\"localGroups\":[]}").dir(), new ScepAccountStateCheck());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("LOCAL_IDENTITY");
    }

    @Test
    void anAccountTheCollectorCouldNotResolveIsSkipped() {
        assertThat(run("CONTOSO\\svc_gone", user("")).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aPasswordExpiringInExactly14DaysWarns() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user(",\"passwordExpiresAt\":\"2026-12-04T10:15:00Z\""));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(code(o, "PASSWORD_EXPIRES_SOON").message()).contains("within 14 days");
    }

    @Test
    void aPasswordExpiringOneSecondAfter14DaysPasses() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user(",\"passwordExpiresAt\":\"2026-12-04T10:15:01Z\""));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_ENABLED", "PASSWORD_VALID");
        assertThat(code(o, "PASSWORD_VALID").evidence()).containsEntry("passwordExpiresAt", "2026-12-04T10:15:01Z");
    }

    @Test
    void anExpiredPasswordFailsEvenWhenItIsSetNeverToExpire() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user(",\"passwordNeverExpires\":true").replace("\"passwordExpired\":false",
                "\"passwordExpired\":true"));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_ENABLED", "PASSWORD_EXPIRED");
        assertThat(code(o, "PASSWORD_EXPIRED").evidence()).containsEntry("passwordLastSet", "2026-08-01T09:00:00Z");
    }

    @Test
    void aPasswordNotExpiredWithoutAnExpiryDateIsNotedAsValid() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user(""));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_ENABLED", "PASSWORD_NOT_EXPIRED");
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void withoutAnyPasswordStateThePasswordIsUnknown() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user("").replace("\"passwordExpired\":false,", ""));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_ENABLED", "PASSWORD_STATE_UNKNOWN");
        assertThat(code(o, "PASSWORD_STATE_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void withoutTheLockoutStateTheAccountStateIsUnknownNotEnabled() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user("").replace("\"lockedOut\":false,", ""));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_STATE_UNKNOWN", "PASSWORD_NOT_EXPIRED");
        assertThat(code(o, "ACCOUNT_STATE_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void withoutTheEnabledStateTheAccountStateIsUnknown() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user("").replace("\"enabled\":true,", ""));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_STATE_UNKNOWN", "PASSWORD_NOT_EXPIRED");
    }

    @Test
    void aDisabledAndLockedOutAccountIsReportedForBoth() {
        CheckOutcome o = run("CONTOSO\\svc_ndes", user("").replace("\"enabled\":true", "\"enabled\":false")
                .replace("\"lockedOut\":false", "\"lockedOut\":true"));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_DISABLED", "ACCOUNT_LOCKED_OUT",
                "PASSWORD_NOT_EXPIRED");
        assertThat(code(o, "ACCOUNT_LOCKED_OUT").evidence()).containsEntry("sid", SVC).containsEntry("account", "CONTOSO\\svc_ndes");
    }

    @Test
    void theAccountIsFoundWhateverTheCaseOfThePoolsUserName() {
        CheckOutcome o = run("contoso\\SVC_NDES", user(""));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_ENABLED", "PASSWORD_NOT_EXPIRED");
    }

    @Test
    void aNetworkServicePoolHasNoAccountState() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).text("iis/applicationHost.config",
                        IisFixtures.applicationHost("<processModel identityType=\"NetworkService\" />"))
                .text("security/accounts.json", "{\"accounts\":[],\"localGroups\":[]}").dir(), new ScepAccountStateCheck());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("LOCAL_IDENTITY");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("account", "NT AUTHORITY\\NETWORK SERVICE");
    }

    @Test
    void aVirtualServiceAccountHasNoAccountState() {
        CheckOutcome o = run("NT SERVICE\\NdesPool", user(""));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("LOCAL_IDENTITY");
    }

    @Test
    void withoutAScepPoolThereIsNoAccountToJudge() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).text("iis/applicationHost.config",
                        IisFixtures.applicationPoolIdentity().replace("<add name=\"SCEP\"", "<add name=\"Other\""))
                .text("security/accounts.json", "{\"accounts\":[],\"localGroups\":[]}").dir(), new ScepAccountStateCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NO_SCEP_POOL");
    }

    @Test
    void aStandaloneManagedServiceAccountsPasswordIsManagedByAd() {
        CheckOutcome o = run("CONTOSO\\msa_ndes$", "{\"name\":\"CONTOSO\\\\msa_ndes$\",\"sid\":\"" + SVC + "\",\"kind\":\"msa\","
                + "\"enabled\":true,\"lockedOut\":false}");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_ENABLED", "PASSWORD_MANAGED_BY_AD");
    }

    private static String gmsa() {
        return "{\"name\":\"CONTOSO\\\\gmsa_ndes$\",\"sid\":\"" + SVC + "\",\"kind\":\"gmsa\",\"enabled\":true,\"lockedOut\":false,"
                + "\"passwordRetrievers\":[\"" + NDES_SERVERS + "\"]}";
    }

    @Test
    void aGmsaWithoutThisServersComputerAccountIsUnknownNotFailed() {
        CheckOutcome o = run("CONTOSO\\gmsa_ndes$", gmsa() + ",{\"name\":\"CONTOSO\\\\NDES02$\",\"sid\":\"" + COMPUTER
                + "\",\"kind\":\"computer\",\"groups\":[\"" + NDES_SERVERS + "\"]}");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_ENABLED", "COMPUTER_ACCOUNT_UNKNOWN");
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aGmsaIsJudgedByThisServersComputerAccountNotAnotherComputerOrAUserNamedAlike() {
        // another NDES server is allowed, this one (NDES01) is not; a user account called NDES01$ is no computer
        CheckOutcome o = run("CONTOSO\\gmsa_ndes$", gmsa()
                + ",{\"name\":\"CONTOSO\\\\NDES01$\",\"sid\":\"S-1-5-21-1004336348-1177238915-682003330-1300\",\"kind\":\"user\","
                + "\"groups\":[\"" + NDES_SERVERS + "\"]}"
                + ",{\"name\":\"CONTOSO\\\\NDES02$\",\"sid\":\"S-1-5-21-1004336348-1177238915-682003330-1202\",\"kind\":\"computer\","
                + "\"groups\":[\"" + NDES_SERVERS + "\"]}"
                + ",{\"name\":\"CONTOSO\\\\ndes01$\",\"sid\":\"" + COMPUTER + "\",\"kind\":\"computer\",\"groups\":[]}");
        assertThat(code(o, "GMSA_NOT_RETRIEVABLE").evidence()).containsEntry("computer", COMPUTER)
                .containsEntry("retrievers", NDES_SERVERS);
    }

    @Test
    void aGmsaThisServersComputerAccountMayRetrieveDirectlyIsFine() {
        CheckOutcome o = run("CONTOSO\\gmsa_ndes$", gmsa().replace(NDES_SERVERS, COMPUTER.toLowerCase(java.util.Locale.ROOT))
                + ",{\"name\":\"CONTOSO\\\\NDES01$\",\"sid\":\"" + COMPUTER + "\",\"kind\":\"computer\"}");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ACCOUNT_ENABLED", "GMSA_RETRIEVABLE");
    }
}
