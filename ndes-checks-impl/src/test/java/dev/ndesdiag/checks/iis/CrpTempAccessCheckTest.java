package dev.ndesdiag.checks.iis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HostStateCaptures;
import dev.ndesdiag.fixtures.IisFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRP's pool identity needs write access to %windir%\Temp, or NDES answers HTTP 500 with WAS 5009
 * and ASP.NET 1310 (troubleshoot-scep-certificate-ndes-policy-module). The default folder ACL is
 * SYSTEM and Administrators full, Users (CI)(S,WD,AD,X) = 0x100026, IIS_IUSRS (OI)(CI)(S,RD), CREATOR OWNER.
 */
class CrpTempAccessCheckTest {

    static final String DEFAULT_TEMP = "O:SYG:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;CI;0x100026;;;BU)(A;OICI;0x100001;;;IS)(A;OICIIO;FA;;;CO)";
    static final String HARDENED_TEMP = "O:SYG:SYD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;FA;;;CO)";

    @TempDir
    Path dir;

    private static String appHost(String crpPoolIdentity) {
        return IisFixtures.runningAs("CONTOSO\\svc_ndes")
                .replace("<add name=\"DefaultAppPool\" />", "<add name=\"DefaultAppPool\" />\n<add name=\"CRP\"><processModel identityType=\""
                        + crpPoolIdentity + "\" /></add>")
                .replace("<bindings>", "<application path=\"/CertificateRegistrationSvc\" applicationPool=\"CRP\">"
                        + "<virtualDirectory path=\"/\" physicalPath=\"C:\\Program Files\\Microsoft Intune\\PFXCertificateConnector\\CertificateRegistrationSvc\" />"
                        + "</application>\n<bindings>");
    }

    private static final String USERS_DEFAULT = "{\"accounts\":[],\"localGroups\":[{\"sid\":\"S-1-5-32-545\",\"name\":\"Users\","
            + "\"members\":[\"S-1-5-4\",\"S-1-5-11\"]}]}";

    private CheckOutcome run(String appHost, String sddl, String accounts) {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", appHost);
        if (accounts != null) {
            b.text("security/accounts.json", accounts);
        }
        return Analysis.outcome(new HostStateCaptures().add("windows-temp-acl", "powershell ...", sddl + "\r\n", 0).into(b).dir(),
                new CrpTempAccessCheck());
    }

    @Test
    void networkServiceWritesThroughUsersByDefault() {
        CheckOutcome o = run(appHost("NetworkService"), DEFAULT_TEMP, USERS_DEFAULT);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).message()).contains("NT AUTHORITY\\NETWORK SERVICE");
    }

    @Test
    void aHardenedTempWithoutUsersFails() {
        CheckOutcome o = run(appHost("NetworkService"), HARDENED_TEMP, USERS_DEFAULT);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).message()).contains("HTTP 500").contains("5009").contains("1310");
    }

    @Test
    void aHardenedTempWithAnExplicitGrantToThePoolIdentityPasses() {
        assertThat(run(appHost("NetworkService"), HARDENED_TEMP + "(A;OICI;0x1301bf;;;NS)", USERS_DEFAULT).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void aDenyForThePoolIdentityWinsOverTheUsersGrant() {
        CheckOutcome o = run(appHost("NetworkService"), "O:SYG:SYD:P(D;;0x2;;;NS)(A;OICI;FA;;;SY)(A;CI;0x100026;;;BU)", USERS_DEFAULT);
        assertThat(o.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anApplicationPoolIdentityWritesThroughUsersToo() {
        assertThat(run(appHost("ApplicationPoolIdentity"), DEFAULT_TEMP, USERS_DEFAULT).status()).isEqualTo(Status.PASS);
    }

    @Test
    void whetherThePoolIsInUsersIsUnknownWithoutTheUsersGroup() {
        assertThat(run(appHost("NetworkService"), DEFAULT_TEMP, null).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aServerWithoutTheCrpHasNothingToCheck() {
        assertThat(run(IisFixtures.runningAs("CONTOSO\\svc_ndes"), DEFAULT_TEMP, USERS_DEFAULT).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void textThatIsNotSddlIsAnErrorQuotingIt() {
        CheckOutcome o = run(appHost("NetworkService"), "Get-Acl : Access is denied", USERS_DEFAULT);
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).message()).contains("Access is denied");
    }

    private static Finding only(CheckOutcome o) {
        assertThat(o.result().findings()).hasSize(1);
        return o.result().findings().get(0);
    }

    @Test
    void theGrantThatLetsThePoolWriteIsNamed() {
        Finding f = only(run(appHost("NetworkService"), DEFAULT_TEMP, USERS_DEFAULT));
        assertThat(f.code()).isEqualTo("CRP_CAN_WRITE_TEMP");
        assertThat(f.message()).endsWith("can create files in %windir%\\Temp through BU.");
        assertThat(f.evidence()).containsEntry("pool", "CRP").containsEntry("account", "NT AUTHORITY\\NETWORK SERVICE");
    }

    @Test
    void theDenyThatStopsThePoolIsNamed() {
        Finding f = only(run(appHost("NetworkService"), "O:SYG:SYD:P(D;;0x2;;;NS)(A;OICI;FA;;;SY)(A;CI;0x100026;;;BU)", USERS_DEFAULT));
        assertThat(f.code()).isEqualTo("CRP_CANNOT_WRITE_TEMP");
        assertThat(f.message()).contains("cannot create files in %windir%\\Temp (denied by an entry for NS)");
        assertThat(f.evidence()).containsEntry("sddl", "O:SYG:SYD:P(D;;0x2;;;NS)(A;OICI;FA;;;SY)(A;CI;0x100026;;;BU)");
    }

    @Test
    void aHardenedTempFailsEvenWithoutTheUsersGroupCollected() {
        // no entry lets Users add files, so Users' membership does not matter
        Finding f = only(run(appHost("NetworkService"), HARDENED_TEMP, null));
        assertThat(f.code()).isEqualTo("CRP_CANNOT_WRITE_TEMP");
        assertThat(f.message()).doesNotContain("denied by");
    }

    @Test
    void aUsersGrantThatDoesNotApplyToTheFolderItselfLeavesNothingUnknown() {
        // (A;OICIIO;...;;;BU) is inherited by children only: the folder itself gives Users nothing
        Finding f = only(run(appHost("NetworkService"), HARDENED_TEMP + "(A;OICIIO;0x100026;;;BU)", null));
        assertThat(f.code()).isEqualTo("CRP_CANNOT_WRITE_TEMP");
    }

    @Test
    void aUsersGrantThatCannotAddFilesLeavesNothingUnknown() {
        Finding f = only(run(appHost("NetworkService"), HARDENED_TEMP + "(A;CI;0x1200a9;;;BU)", null));
        assertThat(f.code()).isEqualTo("CRP_CANNOT_WRITE_TEMP");
    }

    @Test
    void aDenyForThePoolDecidesEvenWithoutTheUsersGroupCollected() {
        Finding f = only(run(appHost("NetworkService"), "O:SYG:SYD:P(D;;0x2;;;NS)(A;CI;0x100026;;;BU)", null));
        assertThat(f.code()).isEqualTo("CRP_CANNOT_WRITE_TEMP");
    }

    @Test
    void aCrpInAPoolThatIsNotDefinedIsSkipped() {
        String appHost = appHost("NetworkService").replace("applicationPool=\"CRP\"", "applicationPool=\"Gone\"");
        CheckOutcome o = run(appHost, DEFAULT_TEMP, USERS_DEFAULT);
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(only(o).code()).isEqualTo("CRP_POOL_MISSING");
        assertThat(only(o).message()).contains("pool Gone");
    }

    @Test
    void aCrpWithoutItsOwnPoolRunsInTheSitesDefaultPool() {
        String appHost = appHost("NetworkService").replace(" applicationPool=\"CRP\"", "")
                .replace("<site name=\"Default Web Site\" id=\"1\">",
                        "<site name=\"Default Web Site\" id=\"1\"><applicationDefaults applicationPool=\"CRP\" />");
        Finding f = only(run(appHost, DEFAULT_TEMP, USERS_DEFAULT));
        assertThat(f.evidence()).containsEntry("pool", "CRP").containsEntry("account", "NT AUTHORITY\\NETWORK SERVICE");
    }

    @Test
    void aCrpWithoutItsOwnPoolOrASiteDefaultRunsInTheServersDefaultPool() {
        String appHost = appHost("NetworkService").replace(" applicationPool=\"CRP\"", "")
                .replace("<sites>", "<sites><applicationDefaults applicationPool=\"CRP\" />");
        Finding f = only(run(appHost, DEFAULT_TEMP, USERS_DEFAULT));
        assertThat(f.evidence()).containsEntry("pool", "CRP");
    }

    @Test
    void aCrpWithNoPoolAnywhereRunsInDefaultAppPool() {
        Finding f = only(run(appHost("NetworkService").replace(" applicationPool=\"CRP\"", ""), DEFAULT_TEMP, USERS_DEFAULT));
        assertThat(f.evidence()).containsEntry("pool", "DefaultAppPool").containsEntry("account", "IIS APPPOOL\\DefaultAppPool");
    }

    @Test
    void aCrpPoolAccountNotInAccountsJsonIsUnknown() {
        String appHost = appHost("NetworkService").replace("<processModel identityType=\"NetworkService\" />",
                "<processModel identityType=\"SpecificUser\" userName=\"CONTOSO\\svc_crp\" password=\"[enc:x:enc]\" />");
        CheckOutcome o = run(appHost, DEFAULT_TEMP, USERS_DEFAULT);
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(only(o).code()).isEqualTo("CRP_IDENTITY_NOT_RESOLVED");
    }

    @Test
    void aFailedAclCommandIsAnErrorEvenIfItPrintedSddl() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", appHost("NetworkService"))
                .text("security/accounts.json", USERS_DEFAULT);
        CheckOutcome o = Analysis.outcome(new HostStateCaptures().add("windows-temp-acl", "powershell ...", DEFAULT_TEMP, 1).into(b).dir(),
                new CrpTempAccessCheck());
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(only(o).code()).isEqualTo("TEMP_ACL_UNREADABLE");
        assertThat(only(o).message()).contains("exit code 1");
    }

    @Test
    void unreadableOutputIsQuotedInFullUpTo200CharactersAndCutBeyond() {
        String exactly200 = "x".repeat(200);
        assertThat(only(run(appHost("NetworkService"), exactly200, USERS_DEFAULT)).message()).endsWith("\"" + exactly200 + "\"");
        assertThat(only(run(appHost("NetworkService"), exactly200 + "y", USERS_DEFAULT)).message()).endsWith("\"" + exactly200 + "...\"");
    }

    @Test
    void aUsersGroupWithoutAuthenticatedUsersKeepsThePoolOutOfTheUsersGrant() {
        String hardenedUsers = "{\"accounts\":[],\"localGroups\":[{\"sid\":\"S-1-5-32-545\",\"name\":\"Users\",\"members\":[]}]}";
        Finding f = only(run(appHost("NetworkService"), DEFAULT_TEMP, hardenedUsers));
        assertThat(f.code()).isEqualTo("CRP_CANNOT_WRITE_TEMP");
    }
}
