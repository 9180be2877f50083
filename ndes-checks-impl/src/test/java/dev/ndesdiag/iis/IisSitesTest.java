package dev.ndesdiag.iis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.bundle.XmlDocuments;
import dev.ndesdiag.iis.ScepPoolIdentity.IdentityType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sites, bindings and the SCEP pool as applicationHost.config states them.
 *
 * @see <a href="https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/site/bindings/binding">binding: bindingInformation ip:port:host, sslFlags</a>
 * @see <a href="https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/applicationpools/add/processmodel">processModel identityType</a>
 */
class IisSitesTest {

    private static IisConfiguration iis(String body) {
        return new IisConfiguration(XmlDocuments.parse(("<configuration><system.applicationHost>" + body
                + "</system.applicationHost></configuration>").getBytes(StandardCharsets.UTF_8)), Map.of());
    }

    private static IisSites.Binding only(String binding) {
        return IisSites.of(iis("<sites><site name=\"S\" id=\"1\"><bindings>" + binding + "</bindings></site></sites>"))
                .get(0).bindings().get(0);
    }

    @Test
    void bindingInformationIsIpPortAndHostAndSslFlagsBitsAreSniAndCentralStore() {
        assertThat(only("<binding protocol=\"HTTPS\" bindingInformation=\"10.0.0.5:443:ndes01.corp.contoso.com\" sslFlags=\"3\" />"))
                .isEqualTo(new IisSites.Binding("https", "10.0.0.5", 443, "ndes01.corp.contoso.com", true, true));
        assertThat(only("<binding protocol=\"https\" bindingInformation=\"*:443:\" sslFlags=\"2\" />"))
                .isEqualTo(new IisSites.Binding("https", "*", 443, "", false, true));
        assertThat(only("<binding protocol=\"https\" bindingInformation=\"[fe80::1]:8443:\" sslFlags=\"1\" />"))
                .isEqualTo(new IisSites.Binding("https", "[fe80::1]", 8443, "", true, false));
    }

    @Test
    void anEmptyIpMeansAllUnassignedAndWhatCannotBeReadIsNoPortAndNoFlags() {
        assertThat(only("<binding protocol=\"https\" bindingInformation=\":443:\" />"))
                .isEqualTo(new IisSites.Binding("https", "*", 443, "", false, false));
        assertThat(only("<binding protocol=\"https\" bindingInformation=\"*:https:\" sslFlags=\"x\" />"))
                .isEqualTo(new IisSites.Binding("https", "*", -1, "", false, false));
        assertThat(only("<binding protocol=\"net.tcp\" bindingInformation=\"808\" />"))
                .isEqualTo(new IisSites.Binding("net.tcp", "*", -1, "", false, false));
    }

    @Test
    void virtualDirectoriesJoinTheApplicationPathAndLogsFallBackToTheSiteDefaults() {
        IisSites.Site site = IisSites.of(iis("""
                <sites>
                  <siteDefaults><logFile directory="%SystemDrive%\\inetpub\\logs\\LogFiles" /></siteDefaults>
                  <site name="Default Web Site" id="1">
                    <application path="/"><virtualDirectory path="/" physicalPath="C:\\inetpub\\wwwroot" />
                      <virtualDirectory path="/images" physicalPath="D:\\images" /></application>
                    <application path="/CertSrv/mscep"><virtualDirectory path="/" physicalPath="C:\\Windows\\system32\\CertSrv\\mscep" />
                      <virtualDirectory path="/sub" physicalPath="D:\\sub" /><virtualDirectory path="/nofolder" /></application>
                  </site>
                  <site name="Other" id="2"><logFile directory="E:\\logs" /></site>
                </sites>""")).get(0);
        assertThat(site.directories()).containsExactly(
                new IisSites.VirtualDirectory("/", "C:\\inetpub\\wwwroot"),
                new IisSites.VirtualDirectory("/images", "D:\\images"),
                new IisSites.VirtualDirectory("/CertSrv/mscep", "C:\\Windows\\system32\\CertSrv\\mscep"),
                new IisSites.VirtualDirectory("/CertSrv/mscep/sub", "D:\\sub"));
        assertThat(site.logDirectory()).contains("%SystemDrive%\\inetpub\\logs\\LogFiles");
        assertThat(site.hostsScep()).isTrue();
        assertThat(IisSites.of(iis("<sites><site name=\"Other\" id=\"2\"><logFile directory=\"E:\\logs\" /></site></sites>"))
                .get(0).logDirectory()).contains("E:\\logs");
    }

    @Test
    void theScepSiteIsTheOneHostingMscepMatchedCaseInsensitively() {
        IisConfiguration two = iis("""
                <sites><site name="Default Web Site" id="1"><application path="/" /></site>
                <site name="NDES" id="2"><application path="/certsrv/MSCEP" /></site></sites>""");
        assertThat(IisSites.scepSite(two)).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("NDES"));
        assertThat(IisSites.scepSite(iis("<sites />"))).isEmpty();
        assertThat(IisSites.of(new IisConfiguration(Optional.empty(), Map.of()))).isEmpty();
    }

    @Test
    void theScepPoolIsTheOneTheMscepApplicationNamesNotTheOneCalledScep() {
        IisConfiguration moved = iis("""
                <applicationPools><add name="SCEP" /><add name="NdesPool"><processModel identityType="SpecificUser" userName="CONTOSO\\svc_ndes" /></add></applicationPools>
                <sites><site name="Default Web Site" id="1"><application path="/CertSrv/mscep" applicationPool="NdesPool" /></site></sites>""");
        assertThat(ScepPoolIdentity.pool(moved)).contains(new ScepPoolIdentity.ScepPool("NdesPool", IdentityType.SPECIFIC_USER,
                "CONTOSO\\svc_ndes", "the pool of Default Web Site/CertSrv/mscep"));
    }

    @Test
    void withoutAnApplicationPoolTheSiteThenTheServerDefaultsThenDefaultAppPoolServeMscep() {
        String pools = "<applicationPools><add name=\"SitePool\" /><add name=\"ServerPool\" /><add name=\"DefaultAppPool\" /></applicationPools>";
        assertThat(ScepPoolIdentity.pool(iis(pools + """
                <sites><applicationDefaults applicationPool="ServerPool" /><site name="S" id="1"><applicationDefaults applicationPool="SitePool" />
                <application path="/CertSrv/mscep" /></site></sites>""")).map(ScepPoolIdentity.ScepPool::name)).contains("SitePool");
        assertThat(ScepPoolIdentity.pool(iis(pools + """
                <sites><applicationDefaults applicationPool="ServerPool" /><site name="S" id="1">
                <application path="/CertSrv/mscep" /></site></sites>""")).map(ScepPoolIdentity.ScepPool::name)).contains("ServerPool");
        assertThat(ScepPoolIdentity.pool(iis(pools + """
                <sites><site name="S" id="1"><application path="/CertSrv/mscep" /></site></sites>""")))
                .hasValueSatisfying(p -> {
                    assertThat(p.name()).isEqualTo("DefaultAppPool");
                    assertThat(p.account()).isEqualTo("IIS APPPOOL\\DefaultAppPool");
                    assertThat(p.poolAccount()).isEqualTo("IIS APPPOOL\\DefaultAppPool");
                });
    }

    @Test
    void withoutAMscepApplicationThePoolCalledScepIsTakenAndWithoutPoolsNothing() {
        IisConfiguration noApp = iis("<applicationPools><add name=\"scep\"><processModel identityType=\"NetworkService\" /></add></applicationPools>");
        assertThat(ScepPoolIdentity.pool(noApp)).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("scep");
            assertThat(p.account()).isEqualTo("NT AUTHORITY\\NETWORK SERVICE");
            assertThat(p.foundBy()).startsWith("no /CertSrv/mscep application");
        });
        assertThat(ScepPoolIdentity.pool(iis("<sites />"))).isEmpty();
        assertThat(ScepPoolIdentity.pool(iis("<applicationPools><add name=\"Other\" /></applicationPools>"))).isEmpty();
    }

    @Test
    void theIdentityComesFromThePoolElseFromThePoolDefaults() {
        IisConfiguration pools = iis("""
                <applicationPools>
                  <add name="A"><processModel identityType="LocalSystem" /></add>
                  <add name="B"><processModel identityType="localservice" /></add>
                  <add name="C" />
                  <add name="D"><processModel identityType="SpecificUser" /></add>
                  <applicationPoolDefaults><processModel identityType="SpecificUser" userName="CONTOSO\\gmsa-ndes$" /></applicationPoolDefaults>
                </applicationPools>""");
        assertThat(ScepPoolIdentity.account(pools, "A")).contains("NT AUTHORITY\\SYSTEM");
        assertThat(ScepPoolIdentity.account(pools, "b")).contains("NT AUTHORITY\\LOCAL SERVICE");
        assertThat(ScepPoolIdentity.account(pools, "C")).contains("CONTOSO\\gmsa-ndes$");
        assertThat(ScepPoolIdentity.account(pools, "D")).contains("CONTOSO\\gmsa-ndes$");
        assertThat(ScepPoolIdentity.account(pools, "Z")).isEmpty();
        assertThat(ScepPoolIdentity.named(pools, "A")).hasValueSatisfying(p -> assertThat(p.foundBy()).isEqualTo("the pool named A"));
        assertThat(ScepPoolIdentity.account(iis("<applicationPools><add name=\"SCEP\"><processModel identityType=\"SpecificUser\" /></add>"
                + "</applicationPools>"))).contains("the configured user");
    }

    @Test
    void onlyTheBuiltInServiceAccountsNeedNoLogonRight() {
        assertThat(IdentityType.NETWORK_SERVICE.serviceAccount()).isTrue();
        assertThat(IdentityType.LOCAL_SYSTEM.serviceAccount()).isTrue();
        assertThat(IdentityType.LOCAL_SERVICE.serviceAccount()).isTrue();
        assertThat(IdentityType.SPECIFIC_USER.serviceAccount()).isFalse();
        assertThat(IdentityType.APPLICATION_POOL_IDENTITY.serviceAccount()).isFalse();
    }
}
