package dev.ndesdiag.checks.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.IisFixtures;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.fixtures.TestPki.RaSpec;
import dev.ndesdiag.windows.Sids;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SCEP identity must read both RA private keys, or NDES fails with 0x80070057 and HTTP 500. */
class RaPrivateKeyAclCheckTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;
    private static final String SVC = "S-1-5-21-1004336348-1177238915-682003330-1105";
    private static final String OLD_SVC = "S-1-5-21-1004336348-1177238915-682003330-1207";
    private static final String ADMINS_ONLY = "O:SYG:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)";
    private static TestPki.Issued ca;
    private static TestPki.Issued signing;
    private static TestPki.Issued encryption;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        ca = TestPki.root("CN=Contoso CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(900)));
        signing = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(700)), RaSpec.signing());
        encryption = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(700)), RaSpec.encryption());
    }

    private static String accountsJson(String... iisIusrsMembers) {
        return accountsWithExtra("", iisIusrsMembers);
    }

    /** The account with its AD tokenGroups, so that membership through domain groups is known. */
    private static String accountsWithGroups(String... groups) {
        return accountsWithExtra(",\"groups\":[" + String.join(",", List.of(groups).stream().map(g -> "\"" + g + "\"").toList())
                + "]");
    }

    private static String accountsWithExtra(String extra, String... iisIusrsMembers) {
        return "{\"accounts\":[{\"name\":\"CONTOSO\\\\svc_ndes\",\"sid\":\"" + SVC + "\",\"kind\":\"user\",\"enabled\":true"
                + extra + "}],"
                + "\"localGroups\":[{\"sid\":\"S-1-5-32-568\",\"name\":\"IIS_IUSRS\",\"members\":["
                + String.join(",", List.of(iisIusrsMembers).stream().map(m -> "\"" + m + "\"").toList()) + "]}]}";
    }

    private BundleBuilder server(String applicationHost, String signingSddl, String encryptionSddl) {
        return BundleBuilder.in(dir).certificate("Root", ca.certificate())
                .certificate("My", signing.certificate()).keySidecar(signing.certificate(), true, signingSddl)
                .certificate("My", encryption.certificate()).keySidecar(encryption.certificate(), true, encryptionSddl)
                .text("iis/applicationHost.config", applicationHost);
    }

    private static String poolGrant() {
        return ADMINS_ONLY + "(A;;FR;;;" + Sids.appPool("SCEP") + ")";
    }

    private static CheckOutcome check(BundleBuilder b) {
        return Analysis.outcome(b.dir(), new RaPrivateKeyAclCheck());
    }

    @Test
    void passesWhenTheServiceAccountWasGrantedReadOnBothKeys() {
        String granted = ADMINS_ONLY + "(A;;0x1200a9;;;" + SVC + ")";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), granted, granted)
                .text("security/accounts.json", accountsJson()));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("RA_KEY_READABLE", "RA_KEY_READABLE");
    }

    /** The token's SIDs are a set, whose order changes from one JVM to the next: reports must not. */
    @Test
    void theTokenSidsOfTheEvidenceAreSortedSoEveryRunWritesTheSameReport() {
        String granted = ADMINS_ONLY + "(A;;0x1200a9;;;" + SVC + ")";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), granted, granted)
                .text("security/accounts.json", accountsWithGroups("S-1-5-21-1004336348-1177238915-682003330-513")));
        assertThat(o.result().findings()).allSatisfy(f -> assertThat(f.evidence().get("tokenSids"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class)).hasSizeGreaterThan(2).isSorted());
    }

    @Test
    void failsWhenTheKeyIsReadableOnlyByThePreviousServiceAccount() {
        String oldGrant = ADMINS_ONLY + "(A;;0x1200a9;;;" + OLD_SVC + ")";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), oldGrant, ADMINS_ONLY + "(A;;GR;;;" + SVC + ")")
                .text("security/accounts.json", accountsWithGroups("S-1-5-21-1004336348-1177238915-682003330-513")));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("RA_KEY_NOT_READABLE");
        assertThat(f.message()).contains("CONTOSO\\svc_ndes").contains(OLD_SVC).contains("0x80070057").contains("HTTP 500");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("icacls").contains("CONTOSO\\svc_ndes:R")
                .contains("MachineKeys"));
        assertThat(o.result().findings().get(1).code()).isEqualTo("RA_KEY_READABLE");
    }

    @Test
    void passesWhenTheKeyIsGrantedToIisIusrsAndTheAccountIsAMember() {
        String iisIusrs = ADMINS_ONLY + "(A;;FR;;;S-1-5-32-568)";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), iisIusrs, iisIusrs)
                .text("security/accounts.json", accountsJson(SVC)));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aKeyGrantedToIisIusrsIsReadableByADomainAccountPoolThatIsNoMemberBecauseWasInjectsIisIusrs() {
        // IIS adds IIS_IUSRS to every worker token at run time, whatever the identity type:
        // https://learn.microsoft.com/iis/get-started/planning-for-security/understanding-built-in-user-and-group-accounts-in-iis
        String iisIusrs = ADMINS_ONLY + "(A;;FR;;;S-1-5-32-568)";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), iisIusrs, iisIusrs)
                .text("security/accounts.json", accountsJson()));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aKeyGrantedToThePoolsVirtualAccountStaysReadableAfterThePoolWasSwitchedToAGmsa() {
        // richardhicks/ndes Install-NdesServer.ps1 installs with ApplicationPoolIdentity, then sets the gMSA;
        // WAS injects the pool SID (IIS APPPOOL\SCEP) into the worker token whatever the identity:
        // https://learn.microsoft.com/iis/manage/configuring-security/application-pool-identities
        String gmsa = "{\"accounts\":[{\"name\":\"CONTOSO\\\\gmsa-ndes$\",\"sid\":\"S-1-5-21-1004336348-1177238915-"
                + "682003330-3101\",\"kind\":\"gmsa\"}],\"localGroups\":[]}";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\gmsa-ndes$"), poolGrant(), poolGrant())
                .text("security/accounts.json", gmsa));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("RA_KEY_READABLE", "RA_KEY_READABLE");
    }

    @Test
    void aKeyReadableOnlyThroughADomainGroupIsUnknownWithoutTheAccountsGroups() {
        String group = "S-1-5-21-1004336348-1177238915-682003330-4410";
        String grant = ADMINS_ONLY + "(A;;FR;;;" + group + ")";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), grant, grant)
                .text("security/accounts.json", accountsJson()));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("RA_KEY_ACL_MEMBERSHIP_UNKNOWN");
        assertThat(f.message()).contains(group);
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("tokenGroups"));
    }

    @Test
    void aKeyReadableThroughADomainGroupPassesWhenTheAccountsGroupsHoldIt() {
        String group = "S-1-5-21-1004336348-1177238915-682003330-4410";
        String grant = ADMINS_ONLY + "(A;;FR;;;" + group + ")";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), grant, grant)
                .text("security/accounts.json", accountsWithGroups(group)));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aKeyGrantedToADomainGroupTheAccountIsKnownNotToBeInFails() {
        String grant = ADMINS_ONLY + "(A;;FR;;;S-1-5-21-1004336348-1177238915-682003330-4410)";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), grant, grant)
                .text("security/accounts.json", accountsWithGroups("S-1-5-21-1004336348-1177238915-682003330-513")));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("RA_KEY_NOT_READABLE");
    }

    @Test
    void aDenyEntryWinsOverTheGrant() {
        String denied = "O:SYG:SYD:PAI(D;;FR;;;S-1-5-32-568)(A;;FA;;;SY)(A;;GR;;;" + SVC + ")";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), denied, ADMINS_ONLY + "(A;;GR;;;" + SVC + ")")
                .text("security/accounts.json", accountsJson(SVC)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("RA_KEY_ACCESS_DENIED");
    }

    @Test
    void theDefaultApplicationPoolIdentityReadsAKeyGrantedToItsVirtualAccount() {
        CheckOutcome o = check(server(IisFixtures.applicationPoolIdentity(), poolGrant(), poolGrant()));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("account", "IIS APPPOOL\\SCEP");
    }

    @Test
    void cannotDecideWhenTheServiceAccountsSidIsUnknown() {
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), ADMINS_ONLY, ADMINS_ONLY));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).code()).isEqualTo("SCEP_IDENTITY_UNRESOLVED");
    }

    @Test
    void aKeyWithoutItsDescriptorIsSkippedAndTheOtherKeyIsStillJudged() {
        CheckOutcome o = check(server(IisFixtures.applicationPoolIdentity(), "", poolGrant()));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).code()).isEqualTo("RA_KEY_ACL_UNKNOWN");
        assertThat(o.result().findings().get(0).status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(1).code()).isEqualTo("RA_KEY_READABLE");
    }

    @Test
    void aGarbledDescriptorIsAnErrorNotAVerdict() {
        CheckOutcome o = check(server(IisFixtures.applicationPoolIdentity(), "O:SYD:(A;;FA;;", poolGrant()));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).code()).isEqualTo("RA_KEY_ACL_UNREADABLE");
    }

    @Test
    void isSkippedWithoutApplicationHostConfig() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).certificate("My", signing.certificate()).dir(),
                new RaPrivateKeyAclCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).contains("applicationHost.config");
    }
    @Test
    void aMissingEncryptionCertificateIsLeftToRaCertificatesAndTheSigningKeyIsStillJudged() {
        String granted = ADMINS_ONLY + "(A;;0x1200a9;;;" + SVC + ")";
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate())
                .certificate("My", signing.certificate()).keySidecar(signing.certificate(), true, granted)
                .text("iis/applicationHost.config", IisFixtures.runningAs("CONTOSO\\svc_ndes"))
                .text("security/accounts.json", accountsJson());
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("RA_KEY_READABLE", "RA_CERT_NOT_FOUND");
        assertThat(o.result().findings().get(1).status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(1).evidence()).containsEntry("role", "CEP Encryption");
    }

    @Test
    void aReadableKeyIsReportedWithTheAccountItsSidTheKeyFileAndTheDescriptorThatDecided() {
        String granted = ADMINS_ONLY + "(A;;0x1200a9;;;" + SVC + ")";
        CheckOutcome o = check(server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), granted, granted)
                .text("security/accounts.json", accountsJson()));
        Finding f = o.result().findings().get(0);
        String tp = BundleBuilder.thumbprint(signing.certificate());
        assertThat(f.message()).isEqualTo("CONTOSO\\svc_ndes can read the private key of the Exchange Enrollment Agent (Offline "
                + "request) certificate " + tp + " (granted to " + SVC + ").");
        assertThat(f.evidence()).containsEntry("role", "Exchange Enrollment Agent (Offline request)").containsEntry("thumbprint", tp)
                .containsEntry("account", "CONTOSO\\svc_ndes").containsEntry("accountSid", SVC)
                .containsEntry("keyFile", "C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\" + tp.toLowerCase())
                .containsEntry("sddl", granted);
    }

    @Test
    void afterARenewalTheKeyOfTheValidCertificateIsJudgedNotTheExpiredOnesLeftBeside() {
        // the expired signing certificate's key was granted; the renewal's new key kept only SYSTEM and Administrators
        TestPki.Issued expired = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(800)), NOW.minus(Duration.ofDays(5)),
                RaSpec.signing());
        String granted = ADMINS_ONLY + "(A;;0x1200a9;;;" + SVC + ")";
        BundleBuilder b = server(IisFixtures.runningAs("CONTOSO\\svc_ndes"), ADMINS_ONLY, granted)
                .certificate("My", expired.certificate()).keySidecar(expired.certificate(), true, granted)
                .text("security/accounts.json", accountsWithGroups("S-1-5-21-1004336348-1177238915-682003330-513"));
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("RA_KEY_NOT_READABLE", "RA_KEY_READABLE");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("thumbprint", BundleBuilder.thumbprint(signing.certificate()));
    }

    @Test
    void isSkippedWhenNeitherAnMscepApplicationNorAPoolNamedScepExists() {
        String noScep = IisFixtures.runningAs("CONTOSO\\svc_ndes").replace("/CertSrv/mscep\"", "/CertSrv/other\"")
                .replace("/CertSrv/mscep_admin\"", "/CertSrv/other_admin\"")
                .replace("<add name=\"SCEP\"", "<add name=\"Reports\"");
        CheckOutcome o = check(server(noScep, poolGrant(), poolGrant()).text("security/accounts.json", accountsJson()));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SCEP_POOL_NOT_FOUND");
    }
}
