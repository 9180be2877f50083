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
    void ignoresAWebConfigWhoseSectionIsLockedAndSaysSo() {
        String appHost = config("Default Web Site", "",
                "<location path=\"Default Web Site\" overrideMode=\"Deny\">" + limits("maxUrl=\"65534\" maxQueryString=\"65534\"")
                        + "</location>");
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", appHost)
                .text("iis/web.config/Default Web Site/CertSrv/mscep/web.config",
                        "<configuration>" + limits("maxQueryString=\"1024\"") + "</configuration>");
        CheckOutcome o = Analysis.outcome(b.dir(), new IisRequestFilteringCheck());
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(finding(o, "WEB_CONFIG_SECTION_LOCKED").message()).contains("locked");
        assertThat(finding(o, "MAX_QUERY_STRING_OK").evidence()).containsEntry("effective", 65534L);
    }

    @Test
    void readsTheLimitsInARenamedSite() {
        CheckOutcome o = check(config("NDES", "", location("NDES/CertSrv/mscep", limits("maxUrl=\"65534\" maxQueryString=\"65534\""))));
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
}
