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

/** Windows authentication on CertificateRegistrationSvc makes NDES answer 500/503. */
class CrpAuthenticationCheckTest {

    @TempDir
    Path dir;

    private static String withCrp(boolean anonymous, boolean windows) {
        return IisFixtures.applicationPoolIdentity()
                .replace("<application path=\"/CertSrv/mscep_admin\"",
                        "<application path=\"/CertificateRegistrationSvc\" applicationPool=\"SCEP\"><virtualDirectory path=\"/\" "
                                + "physicalPath=\"C:\\Program Files\\Microsoft Intune\\NDESConnectorSvc\\CertificateRegistrationSvc\" />"
                                + "</application>\n<application path=\"/CertSrv/mscep_admin\"")
                .replace("</configuration>", "<system.webServer><security><authentication>"
                        + "<anonymousAuthentication enabled=\"true\" /><windowsAuthentication enabled=\"false\" />"
                        + "</authentication></security></system.webServer>"
                        + "<location path=\"Default Web Site/CertificateRegistrationSvc\" overrideMode=\"Allow\"><system.webServer><security>"
                        + "<authentication><anonymousAuthentication enabled=\"" + anonymous + "\" />"
                        + "<windowsAuthentication enabled=\"" + windows + "\" /></authentication></security></system.webServer></location>"
                        + "</configuration>");
    }

    private CheckOutcome check(String appHost) {
        return Analysis.outcome(BundleBuilder.in(dir).text("iis/applicationHost.config", appHost).dir(), new CrpAuthenticationCheck());
    }

    @Test
    void passesWithAnonymousOnAndWindowsOff() {
        CheckOutcome o = check(withCrp(true, false));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRP_AUTHENTICATION_OK");
    }

    @Test
    void failsWhenWindowsAuthenticationIsOn() {
        CheckOutcome o = check(withCrp(true, true));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("CRP_WINDOWS_AUTH_ENABLED");
        assertThat(f.evidence()).containsEntry("setIn", "applicationHost.config <location path=\"Default Web Site/CertificateRegistrationSvc\">");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("windowsAuthentication /enabled:false").contains("iisreset"));
    }

    @Test
    void failsWhenAnonymousAuthenticationIsOff() {
        assertThat(check(withCrp(false, false)).result().findings()).extracting(Finding::code).containsExactly("CRP_ANONYMOUS_DISABLED");
    }

    @Test
    void isSkippedWhenTheNewConnectorHasNoCrpApplication() {
        CheckOutcome o = check(IisFixtures.applicationPoolIdentity());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).code()).isEqualTo("CRP_NOT_INSTALLED");
    }

    @Test
    void anEnabledValueIisCannotParseIsA500Point19NotAnonymousOff() {
        CheckOutcome o = check(withCrp(true, false).replace("<anonymousAuthentication enabled=\"true\" /><windowsAuthentication "
                + "enabled=\"false\" /></authentication></security></system.webServer></location>",
                "<anonymousAuthentication enabled=\"yes\" /><windowsAuthentication enabled=\"false\" /></authentication>"
                        + "</security></system.webServer></location>"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRP_AUTHENTICATION_UNPARSABLE");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("configured", "yes");
        assertThat(o.result().findings().get(0).message()).contains("500.19");
    }

    @Test
    void aCrpWebConfigThatSetsTheLockedAuthenticationSectionIsA500Point19NotAnIgnoredSetting() {
        // windowsAuthentication ships with overrideModeDefault="Deny": a web.config that sets it gets HTTP 500.19
        // 0x80070021 for the whole application, so the policy module's calls fail.
        // https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-error-500-19-webpage
        String appHost = withCrp(true, false).replace(" overrideMode=\"Allow\"", "");
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).text("iis/applicationHost.config", appHost)
                .text("iis/web.config/Default Web Site/CertificateRegistrationSvc/web.config", "<configuration>\n"
                        + "<system.webServer><security><authentication><windowsAuthentication enabled=\"false\" />"
                        + "</authentication></security></system.webServer></configuration>").dir(), new CrpAuthenticationCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().stream().filter(x -> x.code().equals("WEB_CONFIG_SECTION_LOCKED")).findFirst().orElseThrow();
        assertThat(f.message()).contains("0x80070021").contains("CertificateRegistrationSvc");
        assertThat(f.evidence()).containsEntry("line", 2);
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("CRP_AUTHENTICATION_OK");
    }

    @Test
    void aWindowsAuthenticationEnabledIisCannotParseIsA500Point19() {
        CheckOutcome o = check(withCrp(true, false).replace("<windowsAuthentication enabled=\"false\" /></authentication></security>"
                + "</system.webServer></location>", "<windowsAuthentication enabled=\"on\" /></authentication></security>"
                + "</system.webServer></location>"));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRP_AUTHENTICATION_UNPARSABLE");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("configured", "on")
                .containsEntry("section", CrpAuthenticationCheck.WINDOWS);
    }

    @Test
    void aMalformedCrpWebConfigIsOneFindingNotOnePerAuthenticationSection() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).text("iis/applicationHost.config", withCrp(true, false))
                .text("iis/web.config/Default Web Site/CertificateRegistrationSvc/web.config", "<configuration>\n<system.webServer>\n"
                        + "</configuration>\n").dir(), new CrpAuthenticationCheck());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("WEB_CONFIG_MALFORMED");
    }
}
