package dev.ndesdiag.checks.iis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The effective request limits where mscep runs decide whether SCEP GETs get through (404.15, 414, 413). */
class IisRequestFilteringCheckTest {

    @TempDir
    Path dir;

    private static String limits(String attrs) {
        return "<system.webServer><security><requestFiltering allowDoubleEscaping=\"true\"><requestLimits " + attrs
                + " /></requestFiltering></security></system.webServer>";
    }

    private static String location(String path, String body) {
        return "<location path=\"" + path + "\">" + body + "</location>";
    }

    /** An applicationHost.config with the SCEP application in the given site, server-level XML and locations. */
    private static String config(String site, String serverLevel, String locations) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<configuration>\r\n"
                + "  <!-- <location path=\"Default Web Site/example\"></location> -->\r\n"
                + "  <system.applicationHost><sites>\r\n"
                + "    <site name=\"" + site + "\" id=\"1\"><application path=\"/\" /><application path=\"/CertSrv/mscep\" applicationPool=\"SCEP\" />"
                + "<bindings><binding protocol=\"https\" bindingInformation=\"*:443:\" /></bindings></site>\r\n"
                + "    <site name=\"Other Site\" id=\"2\"><application path=\"/\" /></site>\r\n"
                + "  </sites></system.applicationHost>\r\n" + serverLevel + "\r\n" + locations + "\r\n</configuration>\r\n";
    }

    private CheckOutcome check(String applicationHost) {
        return Analysis.outcome(BundleBuilder.in(dir).text("iis/applicationHost.config", applicationHost).dir(),
                new IisRequestFilteringCheck());
    }

    private static Finding finding(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + o.result().findings()));
    }

    @Test
    void failsWhenTheLimitsAreLeftAtTheirDefaults() {
        CheckOutcome o = check(config("Default Web Site", "", ""));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "MAX_QUERY_STRING_TOO_LOW");
        assertThat(f.message()).contains("2048").contains("404.15");
        assertThat(f.evidence()).containsEntry("setIn", "IIS default");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("appcmd.exe set config \"Default Web Site/CertSrv/mscep\"").contains("/requestLimits.maxQueryString:65534"));
    }

    /** The defaults, with the SCEP site's IIS log holding these lines. */
    private CheckOutcome checkWithLog(String lines) {
        return Analysis.outcome(BundleBuilder.in(dir).text("iis/applicationHost.config", config("Default Web Site", "", ""))
                .text("logs/iis/W3SVC1/u_ex261120.log", dev.ndesdiag.fixtures.EvidenceFixtures.W3C_HEADER + lines).dir(),
                new IisRequestFilteringCheck());
    }

    @Test
    void aQueryStringLimitTooLowCitesTheRequestsTheIisLogShowsRefusedWith40415() {
        // IIS request filtering logs a query string over maxQueryString as 404.15
        // (https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/requestfiltering/requestlimits/)
        CheckOutcome o = checkWithLog(dev.ndesdiag.fixtures.EvidenceFixtures.w3c(dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo(40),
                "GET", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=PKIOperation&message=MIIK", 404, 15, 0,
                dev.ndesdiag.fixtures.EvidenceFixtures.DEVICE)
                + dev.ndesdiag.fixtures.EvidenceFixtures.w3c(dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo(7),
                "GET", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=PKIOperation&message=MIIL", 404, 15, 0,
                dev.ndesdiag.fixtures.EvidenceFixtures.DEVICE));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "MAX_QUERY_STRING_TOO_LOW");
        assertThat(f.evidence().get("iisLog")).asString().startsWith("2 SCEP request(s) failed with 404.15 in the IIS log; the latest at "
                + dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo(7)).contains("logs/iis/W3SVC1/u_ex261120.log line").contains("iis-scep-requests");
        assertThat(finding(o, "MAX_URL_BELOW_DOCUMENTED").evidence()).doesNotContainKey("iisLog");
    }

    @Test
    void aLimitTooLowIsNotCitedWhenTheIisLogShowsNoRefusalForIt() {
        CheckOutcome o = checkWithLog(dev.ndesdiag.fixtures.EvidenceFixtures.w3c(dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo(7),
                "POST", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=PKIOperation", 200, 0, 0,
                dev.ndesdiag.fixtures.EvidenceFixtures.DEVICE));
        assertThat(finding(o, "MAX_QUERY_STRING_TOO_LOW").evidence()).doesNotContainKey("iisLog");
    }

    @Test
    void warnsOnlyAboutMaxUrlForTheInstallersOwnLayout() {
        CheckOutcome o = check(config("Default Web Site", "",
                location("Default Web Site/CertSrv/mscep", limits("maxQueryString=\"65536\""))));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("MAX_QUERY_STRING_OK", "MAX_URL_BELOW_DOCUMENTED", "MAX_ALLOWED_CONTENT_LENGTH_OK");
        assertThat(finding(o, "MAX_QUERY_STRING_OK").evidence())
                .containsEntry("setIn", "applicationHost.config <location path=\"Default Web Site/CertSrv/mscep\">");
    }

    @Test
    void passesWhenSetAtTheSiteLevel() {
        assertThat(check(config("Default Web Site", "",
                location("Default Web Site", limits("maxUrl=\"65534\" maxQueryString=\"65534\"")))).status()).isEqualTo(Status.PASS);
    }

    @Test
    void passesWhenSetOnceAtTheServerLevel() {
        assertThat(check(config("Default Web Site", limits("maxUrl=\"65534\" maxQueryString=\"65534\""), "")).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenTheLimitsWereRaisedForAnotherSiteOnly() {
        CheckOutcome o = check(config("Default Web Site", "",
                location("Other Site", limits("maxUrl=\"65534\" maxQueryString=\"65534\""))));
        assertThat(o.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void failsWhenTheMscepWebConfigOverridesTheLimitLower() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", config("Default Web Site", "",
                        location("Default Web Site", limits("maxUrl=\"65534\" maxQueryString=\"65534\""))))
                .text("iis/web.config/Default Web Site/CertSrv/mscep/web.config",
                        "<configuration>" + limits("maxQueryString=\"4096\"") + "</configuration>");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "MAX_QUERY_STRING_TOO_LOW").evidence())
                .containsEntry("setIn", "web.config of Default Web Site/CertSrv/mscep").containsEntry("effective", 4096L);
    }

    @Test
    void aWebConfigThatSetsALockedSectionIsA500Point19ForTheWholePathNotAnIgnoredSetting() {
        // IIS: "This configuration section cannot be used at this path ... locked at a parent level" (500.19, 0x80070021)
        // https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-error-500-19-webpage
        String appHost = config("Default Web Site", "",
                "<location path=\"Default Web Site\" overrideMode=\"Deny\">" + limits("maxUrl=\"65534\" maxQueryString=\"65534\"")
                        + "</location>");
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", appHost)
                .text("iis/web.config/Default Web Site/CertSrv/mscep/web.config",
                        "<?xml version=\"1.0\"?>\r\n<configuration>\r\n  " + limits("maxQueryString=\"65534\"") + "\r\n</configuration>");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "WEB_CONFIG_SECTION_LOCKED");
        assertThat(f.message()).contains("500.19").contains("0x80070021").contains("Default Web Site/CertSrv/mscep");
        assertThat(f.evidence()).containsEntry("file", "iis/web.config/Default Web Site/CertSrv/mscep/web.config")
                .containsEntry("line", 3).containsEntry("errorCode", "0x80070021");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("/commit:apphost"));
    }

    @Test
    void aWebConfigMayRaiseTheLimitsWhenTheSectionIsUnlockedAgainForItsPath() {
        String appHost = config("Default Web Site", "",
                "<location path=\"\" overrideMode=\"Deny\">" + limits("maxQueryString=\"2048\"") + "</location>"
                        + "<location path=\"Default Web Site/CertSrv/mscep\" overrideMode=\"Allow\">" + limits("maxUrl=\"65534\"")
                        + "</location>");
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", appHost)
                .text("iis/web.config/Default Web Site/CertSrv/mscep/web.config",
                        "<configuration>" + limits("maxQueryString=\"65534\"") + "</configuration>");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "MAX_QUERY_STRING_OK").evidence()).containsEntry("setIn", "web.config of Default Web Site/CertSrv/mscep");
    }

    @Test
    void aLocationForTheMscepPathInApplicationHostOverridesTheSiteRootWebConfig() {
        // IIS merges per configuration path: at each level the applicationHost <location> for that path, then the
        // level's web.config. A <location path="Default Web Site/CertSrv/mscep"> is therefore read after the site
        // root's web.config (what IIS Manager writes at "Default Web Site > Request Filtering"); A13.
        // https://learn.microsoft.com/en-us/iis/get-started/planning-your-iis-architecture/deep-dive-into-iis-configuration-with-iis-7-and-iis-8
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", config("Default Web Site", "",
                        location("Default Web Site/CertSrv/mscep", limits("maxUrl=\"65534\" maxQueryString=\"65534\""))))
                .text("iis/web.config/Default Web Site/web.config",
                        "<configuration>" + limits("maxUrl=\"4096\" maxQueryString=\"2048\"") + "</configuration>");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "MAX_QUERY_STRING_OK").evidence()).containsEntry("effective", 65534L)
                .containsEntry("setIn", "applicationHost.config <location path=\"Default Web Site/CertSrv/mscep\">");
    }

    @Test
    void aSiteLocationWithInheritInChildApplicationsFalseDoesNotReachTheMscepApplication() {
        // inheritInChildApplications="false": the settings stop at child applications; CertSrv/mscep is one (A14).
        // https://techcommunity.microsoft.com/t5/iis-support-blog/how-to-prevent-web-config-files-to-be-overwritten-by-config/ba-p/297627
        CheckOutcome o = check(config("Default Web Site", "",
                "<location path=\"Default Web Site\" inheritInChildApplications=\"false\">"
                        + limits("maxUrl=\"65534\" maxQueryString=\"65534\"") + "</location>"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "MAX_QUERY_STRING_TOO_LOW").evidence()).containsEntry("effective", 2048L)
                .containsEntry("setIn", "IIS default");
    }

    @Test
    void aLowLimitKeptFromChildApplicationsByInheritInChildApplicationsFalseDoesNotFailMscep() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", config("Default Web Site",
                        limits("maxUrl=\"65534\" maxQueryString=\"65534\""), ""))
                .text("iis/web.config/Default Web Site/web.config", "<configuration><location path=\".\" "
                        + "inheritInChildApplications=\"false\">" + limits("maxQueryString=\"1024\"") + "</location></configuration>");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "MAX_QUERY_STRING_OK").evidence()).containsEntry("effective", 65534L);
    }

    /** A site whose root virtual directory has allowSubDirConfig="false"; mscep is an application of its own. */
    private static String noSubDirConfig() {
        return "<configuration><system.applicationHost><sites><site name=\"Default Web Site\" id=\"1\">"
                + "<application path=\"/\"><virtualDirectory path=\"/\" physicalPath=\"C:\\inetpub\\wwwroot\" allowSubDirConfig=\"false\" /></application>"
                + "<application path=\"/CertSrv/mscep\" applicationPool=\"SCEP\"><virtualDirectory path=\"/\" physicalPath=\"C:\\Windows\\system32\\CertSrv\\mscep\" /></application>"
                + "<bindings><binding protocol=\"https\" bindingInformation=\"*:443:\" /></bindings></site></sites></system.applicationHost>"
                + limits("maxUrl=\"65534\" maxQueryString=\"65534\"") + "</configuration>";
    }

    @Test
    void aWebConfigInAFolderBelowAllowSubDirConfigFalseIsNotRead() {
        // allowSubDirConfig="false": IIS does not read web.config files in folders below that virtual directory.
        // https://techcommunity.microsoft.com/t5/iis-support-blog/how-to-prevent-web-config-files-to-be-overwritten-by-config/ba-p/297627
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", noSubDirConfig())
                .text("iis/web.config/Default Web Site/CertSrv/web.config",
                        "<configuration>" + limits("maxQueryString=\"1024\"") + "</configuration>");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "MAX_QUERY_STRING_OK").evidence()).containsEntry("effective", 65534L);
    }

    @Test
    void theMscepApplicationsOwnWebConfigIsStillReadBelowAllowSubDirConfigFalse() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", noSubDirConfig())
                .text("iis/web.config/Default Web Site/CertSrv/mscep/web.config",
                        "<configuration>" + limits("maxQueryString=\"1024\"") + "</configuration>");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "MAX_QUERY_STRING_TOO_LOW").evidence()).containsEntry("effective", 1024L);
    }

    @Test
    void aWebConfigAlongTheScepPathThatIisCannotParseIsA500Point19NamingFileAndLine() {
        // Malformed XML in a web.config: HTTP 500.19, 0x8007000d, "Configuration file is not well-formed XML" (issue 15, 12).
        // https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-error-500-19-webpage
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", config("Default Web Site", "",
                        location("Default Web Site/CertSrv/mscep", limits("maxUrl=\"65534\" maxQueryString=\"65534\""))))
                .text("iis/web.config/Default Web Site/web.config",
                        "<?xml version=\"1.0\"?>\n<configuration>\n  <system.webServer>\n    <defaultDocument>\n"
                                + "  </system.webServer>\n</configuration>\n");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "WEB_CONFIG_MALFORMED");
        assertThat(f.message()).contains("500.19").contains("0x8007000d").contains("Default Web Site");
        assertThat(f.evidence()).containsEntry("file", "iis/web.config/Default Web Site/web.config")
                .containsEntry("line", 5).containsEntry("errorCode", "0x8007000d");
    }

    @Test
    void aMalformedWebConfigThatIisDoesNotReadIsNotAFault() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", noSubDirConfig())
                .text("iis/web.config/Default Web Site/CertSrv/web.config", "<configuration><oops></configuration>");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("WEB_CONFIG_MALFORMED");
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aRenamedSite1IsAWarningBecauseTheConnectorSetupLooksForDefaultWebSite() {
        // SetupMSI.log: "WriteIIS7ConfigChanges: Error 0x80070002: Site not found" when site 1 is renamed (A40)
        CheckOutcome o = check(config("NDES", "", location("NDES/CertSrv/mscep", limits("maxUrl=\"65534\" maxQueryString=\"65534\""))));
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = finding(o, "SITE_1_RENAMED");
        assertThat(f.message()).contains("0x80070002").contains("NDES");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("Default Web Site"));
        assertThat(finding(o, "MAX_QUERY_STRING_OK").evidence()).containsEntry("path", "NDES/CertSrv/mscep");
    }

    @Test
    void mscepInASecondSiteWhileSite1KeepsItsNameIsOnlyNoted() {
        String appHost = config("Default Web Site", "", location("NDES/CertSrv/mscep", limits("maxUrl=\"65534\" maxQueryString=\"65534\"")))
                .replace("<application path=\"/\" /><application path=\"/CertSrv/mscep\" applicationPool=\"SCEP\" />", "<application path=\"/\" />")
                .replace("<site name=\"Other Site\" id=\"2\"><application path=\"/\" />",
                        "<site name=\"NDES\" id=\"2\"><application path=\"/\" /><application path=\"/CertSrv/mscep\" />");
        CheckOutcome o = check(appHost);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).code()).isEqualTo("SCEP_SITE_RENAMED");
    }

    @Test
    void failsWhenPostBodiesAreCappedTooLow() {
        CheckOutcome o = check(config("Default Web Site", limits("maxUrl=\"65534\" maxQueryString=\"65534\" maxAllowedContentLength=\"4096\""), ""));
        assertThat(finding(o, "MAX_ALLOWED_CONTENT_LENGTH_TOO_LOW").message()).contains("413");
    }

    @Test
    void aMaxQueryStringWithAThousandsSeparatorIsWhatIisRefusesNotItsDefault() {
        // IIS validates attributes against the schema type and refuses the section (HTTP 500.19):
        // https://learn.microsoft.com/en-us/iis/web-development-reference/native-code-api-reference/iapphostpropertyexception-interface
        CheckOutcome o = check(config("Default Web Site", limits("maxQueryString=\"65,534\" maxUrl=\"65534\""), ""));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "REQUEST_LIMIT_UNPARSABLE");
        assertThat(f.message()).contains("maxQueryString=\"65,534\"").contains("500.19").doesNotContain("2048");
        assertThat(f.evidence()).containsEntry("configured", "65,534").containsEntry("attribute", "maxQueryString");
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("MAX_QUERY_STRING_TOO_LOW");
    }

    @Test
    void aQueryStringLimitThatOrdinaryRequestsPassIsAWarningNotAFailure() {
        // Microsoft's sample iOS "Sending CSR via GET" request is about 6-12 KB; 65534 is the documented value (A16).
        // https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes
        CheckOutcome o = check(config("Default Web Site", limits("maxUrl=\"65534\" maxQueryString=\"32768\""), ""));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(finding(o, "MAX_QUERY_STRING_BELOW_DOCUMENTED").message()).contains("32768").contains("65534");
    }

    @Test
    void aQueryStringLimitBelowOrdinaryRequestsFails() {
        CheckOutcome o = check(config("Default Web Site", limits("maxUrl=\"65534\" maxQueryString=\"8192\""), ""));
        assertThat(finding(o, "MAX_QUERY_STRING_TOO_LOW").message()).contains("8192").contains("404.15");
    }

    @Test
    void aSiteRootWebConfigLocationForTheMscepPathAppliesThere() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", config("Default Web Site", "", ""))
                .text("iis/web.config/Default Web Site/web.config", "<configuration><location path=\"CertSrv/mscep\">"
                        + limits("maxUrl=\"65534\" maxQueryString=\"65534\"") + "</location></configuration>");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "MAX_QUERY_STRING_OK").evidence())
                .containsEntry("setIn", "web.config of Default Web Site <location path=\"CertSrv/mscep\">");
    }

    @Test
    void anUnreadableApplicationHostConfigIsAnErrorNotNdesMissing() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", "<configuration><system.applicationHost>")
                .text("iis/web.config/Default Web Site/web.config", "<configuration />");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).message()).contains("applicationHost.config");
    }

    /** The limits set once at the server level, the others high enough. */
    private CheckOutcome serverLevel(String attrs) {
        return check(config("Default Web Site", limits(attrs), ""));
    }

    @Test
    void aQueryStringLimitOneBelowWhatOrdinaryRequestsNeedFails() {
        CheckOutcome o = serverLevel("maxUrl=\"65534\" maxQueryString=\"16383\"");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "MAX_QUERY_STRING_TOO_LOW");
        assertThat(f.evidence()).containsEntry("effective", 16383L).containsEntry("attribute", "maxQueryString")
                .containsEntry("path", "Default Web Site/CertSrv/mscep").containsEntry("setIn", "applicationHost.config (server level)");
    }

    @Test
    void aQueryStringLimitOf16384LetsOrdinaryRequestsThroughAndOnlyWarns() {
        CheckOutcome o = serverLevel("maxUrl=\"65534\" maxQueryString=\"16384\"");
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("MAX_QUERY_STRING_BELOW_DOCUMENTED", "MAX_URL_OK", "MAX_ALLOWED_CONTENT_LENGTH_OK");
        assertThat(finding(o, "MAX_QUERY_STRING_BELOW_DOCUMENTED").evidence()).containsEntry("effective", 16384L);
        assertThat(finding(o, "MAX_QUERY_STRING_BELOW_DOCUMENTED").remediation())
                .hasValueSatisfying(r -> assertThat(r).contains("/requestLimits.maxQueryString:65534"));
    }

    @Test
    void aQueryStringLimitOneBelowTheDocumented65534Warns() {
        CheckOutcome o = serverLevel("maxUrl=\"65534\" maxQueryString=\"65533\"");
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("MAX_QUERY_STRING_BELOW_DOCUMENTED", "MAX_URL_OK", "MAX_ALLOWED_CONTENT_LENGTH_OK");
    }

    @Test
    void theDocumented65534ForBothLimitsPassesAndNamesWhereItWasSet() {
        CheckOutcome o = serverLevel("maxUrl=\"65534\" maxQueryString=\"65534\"");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("MAX_QUERY_STRING_OK", "MAX_URL_OK", "MAX_ALLOWED_CONTENT_LENGTH_OK");
        assertThat(finding(o, "MAX_URL_OK").evidence()).containsEntry("effective", 65534L).containsEntry("attribute", "maxUrl")
                .containsEntry("setIn", "applicationHost.config (server level)");
        // no limit set: the schema default of 30000000 bytes
        assertThat(finding(o, "MAX_ALLOWED_CONTENT_LENGTH_OK").evidence()).containsEntry("effective", 30_000_000L)
                .containsEntry("setIn", "IIS default");
    }

    @Test
    void aUrlLimitOneBelowTheDocumented65534OnlyWarnsBecauseScepsPathIsShort() {
        CheckOutcome o = serverLevel("maxUrl=\"65533\" maxQueryString=\"65534\"");
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = finding(o, "MAX_URL_BELOW_DOCUMENTED");
        assertThat(f.evidence()).containsEntry("effective", 65533L).containsEntry("attribute", "maxUrl");
        assertThat(f.message()).contains("404.14");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("/requestLimits.maxUrl:65534"));
    }

    @Test
    void aUrlLimitFarBelowTheDocumentedValueIsStillOnlyAWarning() {
        CheckOutcome o = serverLevel("maxUrl=\"1024\" maxQueryString=\"65534\"");
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("MAX_QUERY_STRING_OK", "MAX_URL_BELOW_DOCUMENTED", "MAX_ALLOWED_CONTENT_LENGTH_OK");
    }

    @Test
    void postBodiesCappedOneByteBelow64KiBFail() {
        CheckOutcome o = serverLevel("maxUrl=\"65534\" maxQueryString=\"65534\" maxAllowedContentLength=\"65535\"");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "MAX_ALLOWED_CONTENT_LENGTH_TOO_LOW");
        assertThat(f.evidence()).containsEntry("effective", 65535L).containsEntry("setIn", "applicationHost.config (server level)")
                .containsEntry("path", "Default Web Site/CertSrv/mscep");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("/requestLimits.maxAllowedContentLength:30000000"));
    }

    @Test
    void postBodiesCappedAtExactly64KiBPass() {
        CheckOutcome o = serverLevel("maxUrl=\"65534\" maxQueryString=\"65534\" maxAllowedContentLength=\"65536\"");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "MAX_ALLOWED_CONTENT_LENGTH_OK").evidence()).containsEntry("effective", 65536L);
    }

    @Test
    void aContentLengthIisCannotParseIsA500Point19NotTheDefault() {
        CheckOutcome o = serverLevel("maxUrl=\"65534\" maxQueryString=\"65534\" maxAllowedContentLength=\"30MB\"");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("MAX_QUERY_STRING_OK", "MAX_URL_OK", "REQUEST_LIMIT_UNPARSABLE");
        assertThat(finding(o, "REQUEST_LIMIT_UNPARSABLE").evidence()).containsEntry("attribute", "maxAllowedContentLength")
                .containsEntry("configured", "30MB").containsEntry("setIn", "applicationHost.config (server level)");
    }

    @Test
    void aUrlLimitIisCannotParseIsA500Point19() {
        CheckOutcome o = serverLevel("maxUrl=\"-1\" maxQueryString=\"65534\"");
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("MAX_QUERY_STRING_OK", "REQUEST_LIMIT_UNPARSABLE", "MAX_ALLOWED_CONTENT_LENGTH_OK");
        assertThat(finding(o, "REQUEST_LIMIT_UNPARSABLE").evidence()).containsEntry("attribute", "maxUrl").containsEntry("configured", "-1");
    }

    @Test
    void withoutAnyScepApplicationThereAreNoLimitsToJudge() {
        CheckOutcome o = check(config("Default Web Site", "", "").replace("<application path=\"/CertSrv/mscep\" applicationPool=\"SCEP\" />", ""));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SCEP_SITE_NOT_FOUND");
    }

    @Test
    void webConfigFilesWithoutApplicationHostConfigAreSkippedNamingWhatToCollectNotNdesMissing() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).text("iis/web.config/Default Web Site/web.config", "<configuration />").dir(),
                new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("INPUT_MISSING");
        assertThat(o.result().findings().get(0).message()).contains("applicationHost.config");
    }

    @Test
    void aQueryStringLimitBetween16384And65534WarnsAboutLargerRequestsNotAboutThePath() {
        Finding f = finding(serverLevel("maxUrl=\"65534\" maxQueryString=\"32768\""), "MAX_QUERY_STRING_BELOW_DOCUMENTED");
        assertThat(f.message()).contains("larger ones (4096-bit keys, long subject names) get HTTP 404.15").doesNotContain("404.14");
    }
}
