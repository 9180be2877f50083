package dev.ndesdiag.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HostStateCaptures;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NDES and the Intune connector run on Windows Server 2012 R2 or later with Desktop Experience, joined
 * to the domain, not on a DC and not on the CA (certificates-scep-configure: "Intune doesn't support
 * using NDES when it runs on a server that also runs the Enterprise CA"; the NDES server "must be
 * domain joined").
 */
class HostPlatformCheckTest {

    @TempDir
    Path dir;

    private CheckOutcome check(String hostState) {
        return Analysis.outcome(HostStateCaptures.withHostState(BundleBuilder.in(dir), hostState).dir(), new HostPlatformCheck());
    }

    private static Finding finding(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow(
                () -> new AssertionError(code + " not in " + o.result().findings()));
    }

    @Test
    void aDomainJoinedServer2022WithDesktopExperiencePasses() {
        CheckOutcome o = check(HostStateCaptures.hostState());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).contains("OS_SUPPORTED", "SERVER_MEMBER",
                "DESKTOP_EXPERIENCE", "DOMAIN_JOINED");
    }

    @Test
    void serverCoreFailsBecauseTheConnectorWizardNeedsDesktopExperience() {
        CheckOutcome o = check(HostStateCaptures.hostState("installationType", "\"Server Core\""));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "SERVER_CORE").evidence()).containsEntry("installationType", "Server Core");
    }

    @Test
    void windowsServer2012WithoutR2Fails() {
        CheckOutcome o = check(HostStateCaptures.hostState("currentBuild", "\"9200\""));
        assertThat(finding(o, "OS_TOO_OLD").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void windowsServer2012R2IsTheOldestThatPasses() {
        assertThat(finding(check(HostStateCaptures.hostState("currentBuild", "\"9600\"")), "OS_SUPPORTED").status()).isEqualTo(Status.PASS);
    }

    @Test
    void theManifestBuildIsUsedWhenHostStateHasNone() {
        // the fixture manifest says osVersion 10.0.20348
        assertThat(finding(check(HostStateCaptures.hostState("currentBuild", "-")), "OS_SUPPORTED").evidence()).containsEntry("build", 20348);
    }

    @Test
    void aDomainControllerFails() {
        CheckOutcome o = check(HostStateCaptures.hostState("productType", "\"LanmanNT\"", "domainRole", "5"));
        assertThat(finding(o, "DOMAIN_CONTROLLER").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aWorkstationFails() {
        assertThat(finding(check(HostStateCaptures.hostState("productType", "\"WinNT\"", "domainRole", "1")), "NOT_A_SERVER").status())
                .isEqualTo(Status.FAIL);
    }

    @Test
    void aWorkgroupServerFails() {
        CheckOutcome o = check(HostStateCaptures.hostState("partOfDomain", "false", "domain", "\"WORKGROUP\"", "domainRole", "2"));
        assertThat(finding(o, "NOT_DOMAIN_JOINED").evidence()).containsEntry("domain", "WORKGROUP");
    }

    @Test
    void aCertSvcServiceOnTheServerFails() {
        BundleBuilder b = HostStateCaptures.withHostState(BundleBuilder.in(dir), HostStateCaptures.hostState()).text("system.json",
                "{\"services\":[{\"name\":\"CertSvc\",\"status\":\"Running\",\"startType\":\"Automatic\",\"account\":\"LocalSystem\"}],"
                        + "\"appPools\":[]}");
        assertThat(finding(Analysis.outcome(b.dir(), new HostPlatformCheck()), "CA_ON_NDES_SERVER").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void mscepPointingAtThisServerFails() {
        BundleBuilder b = HostStateCaptures.withHostState(BundleBuilder.in(dir), HostStateCaptures.hostState()).registry("mscep.reg",
                new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo")
                        .string("Configuration", "NDES01.corp.contoso.com\\Contoso Issuing CA"));
        assertThat(finding(Analysis.outcome(b.dir(), new HostPlatformCheck()), "NDES_SUBMITS_TO_ITSELF").status())
                .isEqualTo(Status.FAIL);
    }

    @Test
    void aBrokenCaInfoLineIsAnErrorNotAServerThatIsNotTheCa() {
        // the line may name this server (NDES_SUBMITS_TO_ITSELF): "NDES submits elsewhere" is not what the input says
        BundleBuilder b = HostStateCaptures.withHostState(BundleBuilder.in(dir), HostStateCaptures.hostState()).registry("mscep.reg",
                new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo")
                        .raw("\"Configuration\"=\"NDES01.corp.contoso.com\\\\Contoso Iss"));
        CheckOutcome o = Analysis.outcome(b.dir(), new HostPlatformCheck());
        Analysis.unreadableLine(o, "registry/mscep.reg", "Configuration", "\"NDES01.corp.contoso.com\\\\Contoso Iss");
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("NOT_THE_CA");
    }

    @Test
    void mscepPointingAtAnotherServerIsFine() {
        BundleBuilder b = HostStateCaptures.withHostState(BundleBuilder.in(dir), HostStateCaptures.hostState()).registry("mscep.reg",
                new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo")
                        .string("Configuration", "ca01.corp.contoso.com\\Contoso Issuing CA"));
        CheckOutcome o = Analysis.outcome(b.dir(), new HostPlatformCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "NOT_THE_CA").message()).contains("ca01.corp.contoso.com");
    }

    @Test
    void aFailedHostStateScriptIsAnErrorNamingItsMessage() {
        BundleBuilder b = new HostStateCaptures().add("host-state", "powershell ...", "Get-CimInstance : Access denied", 1)
                .into(BundleBuilder.in(dir));
        CheckOutcome o = Analysis.outcome(b.dir(), new HostPlatformCheck());
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).message()).contains("exit code 1").contains("Access denied");
    }

    /** The host-state field holding this text is an ERROR naming the file, the field and the text. */
    private void assertUnreadable(String field, String text) {
        CheckOutcome o = check(HostStateCaptures.hostState(field, "\"" + text + "\""));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("file", "commands/host-state.txt")
                .containsEntry("name", field).containsEntry("raw", text);
    }

    @Test
    void aBuildThatIsNoNumberIsAnErrorNamingFileFieldAndTextNotAnOldWindows() {
        assertUnreadable("currentBuild", "20348a");
    }

    @Test
    void aBootTimeThatIsNoTimeIsAnErrorNamingFileFieldAndText() {
        assertUnreadable("lastBootAt", "yesterday");
    }

    @Test
    void isSkippedNamingTheHostStateCaptureWhenItWasNotCollected() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).dir(), new HostPlatformCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r).contains("host-state"));
    }

    /** A manifest as an older collector wrote it, with the given osVersion line (or none). */
    private CheckOutcome withManifestOsVersion(String osVersionField, String hostState) {
        BundleBuilder b = HostStateCaptures.withHostState(BundleBuilder.in(dir), hostState).text("manifest.json",
                "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\","
                        + "\"host\":{\"computerName\":\"NDES01\",\"fqdn\":\"ndes01.corp.contoso.com\"" + osVersionField + "},"
                        + "\"collector\":{\"name\":\"ndes-diag collect\",\"version\":\"0.1.0\",\"elevated\":true}}");
        return Analysis.outcome(b.dir(), new HostPlatformCheck());
    }

    @Test
    void withoutAnyBuildTheVersionIsUnknownNotTooOld() {
        CheckOutcome o = withManifestOsVersion("", HostStateCaptures.hostState("currentBuild", "-"));
        assertThat(finding(o, "OS_VERSION_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("OS_TOO_OLD", "OS_SUPPORTED");
    }

    @Test
    void aManifestVersionWithoutABuildPartLeavesTheVersionUnknown() {
        CheckOutcome o = withManifestOsVersion(",\"osVersion\":\"10.0\"", HostStateCaptures.hostState("currentBuild", "-"));
        assertThat(finding(o, "OS_VERSION_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aManifestVersionWhoseBuildIsNoNumberLeavesTheVersionUnknown() {
        CheckOutcome o = withManifestOsVersion(",\"osVersion\":\"10.0.x\"", HostStateCaptures.hostState("currentBuild", "-"));
        assertThat(finding(o, "OS_VERSION_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aManifestBuildOfServer2012WithoutR2Fails() {
        CheckOutcome o = withManifestOsVersion(",\"osVersion\":\"6.2.9200\"", HostStateCaptures.hostState("currentBuild", "-"));
        assertThat(finding(o, "OS_TOO_OLD").evidence()).containsEntry("build", 9200);
    }

    @Test
    void buildOneBelow2012R2Fails() {
        CheckOutcome o = check(HostStateCaptures.hostState("currentBuild", "\"9599\""));
        assertThat(finding(o, "OS_TOO_OLD").evidence()).containsEntry("build", 9599);
    }

    @Test
    void aBackupDomainControllerKnownOnlyByItsDomainRoleFails() {
        // Win32_ComputerSystem.DomainRole: 4 backup DC, 5 primary DC
        CheckOutcome o = check(HostStateCaptures.hostState("productType", "-", "domainRole", "4"));
        assertThat(finding(o, "DOMAIN_CONTROLLER").evidence()).containsEntry("domainRole", 4).containsEntry("productType", "unknown");
    }

    @Test
    void aMemberServerKnownOnlyByItsDomainRolePasses() {
        CheckOutcome o = check(HostStateCaptures.hostState("productType", "-", "domainRole", "3"));
        assertThat(finding(o, "SERVER_MEMBER").evidence()).containsEntry("productType", "unknown");
    }

    @Test
    void aDomainControllerKnownOnlyByItsProductTypeFails() {
        CheckOutcome o = check(HostStateCaptures.hostState("productType", "\"LanmanNT\"", "domainRole", "-"));
        assertThat(finding(o, "DOMAIN_CONTROLLER").evidence()).containsEntry("productType", "LanmanNT").containsEntry("domainRole", -1);
    }

    @Test
    void neitherProductTypeNorDomainRoleLeavesTheSkuUnknown() {
        CheckOutcome o = check(HostStateCaptures.hostState("productType", "-", "domainRole", "-"));
        assertThat(finding(o, "PRODUCT_TYPE_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("SERVER_MEMBER", "DOMAIN_CONTROLLER");
    }

    @Test
    void withoutAnInstallationTypeDesktopExperienceIsUnknown() {
        CheckOutcome o = check(HostStateCaptures.hostState("installationType", "-"));
        assertThat(finding(o, "INSTALLATION_TYPE_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("DESKTOP_EXPERIENCE");
    }

    @Test
    void nanoServerIsNotAServerInstallationWithDesktopExperience() {
        CheckOutcome o = check(HostStateCaptures.hostState("installationType", "\"Nano Server\""));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "NOT_SERVER_INSTALLATION").evidence()).containsEntry("installationType", "Nano Server");
    }

    @Test
    void withoutPartOfDomainTheMembershipIsUnknown() {
        CheckOutcome o = check(HostStateCaptures.hostState("partOfDomain", "-"));
        assertThat(finding(o, "DOMAIN_MEMBERSHIP_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("DOMAIN_JOINED", "NOT_DOMAIN_JOINED");
    }

    @Test
    void withoutSystemJsonOrCaInfoWhetherThisIsTheCaIsUnknown() {
        CheckOutcome o = check(HostStateCaptures.hostState());
        assertThat(finding(o, "CA_PRESENCE_UNKNOWN").status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("OS_SUPPORTED", "SERVER_MEMBER",
                "DESKTOP_EXPERIENCE", "DOMAIN_JOINED", "CA_PRESENCE_UNKNOWN");
    }

    @Test
    void aSystemJsonWithoutCertSvcShowsThisIsNotTheCa() {
        BundleBuilder b = HostStateCaptures.withHostState(BundleBuilder.in(dir), HostStateCaptures.hostState()).text("system.json",
                "{\"services\":[{\"name\":\"W3SVC\",\"status\":\"Running\"}],\"appPools\":[]}");
        CheckOutcome o = Analysis.outcome(b.dir(), new HostPlatformCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "NOT_THE_CA").message()).isEqualTo("No CertSvc service here.");
    }

    private CheckOutcome caInfo(String computerName, String fqdn, String configuration) {
        BundleBuilder b = HostStateCaptures.withHostState(BundleBuilder.in(dir).manifest(BundleBuilder.COLLECTED_AT, computerName, fqdn),
                HostStateCaptures.hostState()).registry("mscep.reg", new RegExport()
                .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo").string("Configuration", configuration));
        return Analysis.outcome(b.dir(), new HostPlatformCheck());
    }

    @Test
    void caInfoNamingThisServerByItsShortNameInOtherCaseFails() {
        CheckOutcome o = caInfo("NDES01", "ndes01.corp.contoso.com", "ndes01\\Contoso Issuing CA");
        assertThat(finding(o, "NDES_SUBMITS_TO_ITSELF").evidence()).containsEntry("caHost", "ndes01");
    }

    @Test
    void caInfoNamingThisServerByADnsNameLongerThanItsNetbiosNameFails() {
        // the NetBIOS computer name is cut at 15 characters; the DNS host name is not
        CheckOutcome o = caInfo("NDES-PRODUCTION", "ndes-production-01.corp.contoso.com",
                "NDES-PRODUCTION-01.corp.contoso.com\\Contoso Issuing CA");
        assertThat(finding(o, "NDES_SUBMITS_TO_ITSELF").evidence()).containsEntry("caHost", "NDES-PRODUCTION-01.corp.contoso.com");
    }

    @Test
    void aCaWhoseNameOnlyBeginsWithThisServersNameIsAnotherServer() {
        CheckOutcome o = caInfo("NDES01", "ndes01.corp.contoso.com", "NDES01CA.corp.contoso.com\\Contoso Issuing CA");
        assertThat(finding(o, "NOT_THE_CA").message()).isEqualTo("No CertSvc service here and NDES submits to NDES01CA.corp.contoso.com.");
    }
}
