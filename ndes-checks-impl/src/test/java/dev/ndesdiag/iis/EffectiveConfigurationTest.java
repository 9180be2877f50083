package dev.ndesdiag.iis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.XmlElement;
import dev.ndesdiag.bundle.XmlDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How IIS merges a section down the configuration path, as the engine reproduces it: collections
 * ({@code <clear/>}, {@code <remove/>}, {@code <add>}), locking by {@code overrideModeDefault} and by
 * {@code <location overrideMode|allowOverride>}, and which web.config files IIS reads.
 *
 * @see <a href="https://learn.microsoft.com/en-us/iis/get-started/planning-your-iis-architecture/deep-dive-into-iis-configuration-with-iis-7-and-iis-8">Deep Dive into IIS Configuration</a>
 * @see <a href="https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/requestfiltering/hiddensegments/">collections: add, clear, remove</a>
 */
class EffectiveConfigurationTest {

    private static final String MSCEP = "Default Web Site/CertSrv/mscep";
    private static final String FILTERING = "system.webServer/security/requestFiltering";
    private static final String ANONYMOUS = "system.webServer/security/authentication/anonymousAuthentication";

    private static XmlElement xml(String text) {
        return XmlDocuments.parse(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    private static String appHost(String configSections, String body) {
        return "<configuration>" + configSections + """
                <system.applicationHost><sites>
                  <site name="Default Web Site" id="1">
                    <application path="/"><virtualDirectory path="/" physicalPath="C:\\inetpub\\wwwroot" /></application>
                    <application path="/CertSrv/mscep" applicationPool="SCEP">
                      <virtualDirectory path="/" physicalPath="C:\\Windows\\system32\\CertSrv\\mscep" />
                    </application>
                  </site>
                </sites></system.applicationHost>
                """ + body + "</configuration>";
    }

    private static EffectiveSection section(String appHost, Map<String, String> webConfigs, String sectionPath) {
        Map<String, XmlElement> parsed = new java.util.TreeMap<>();
        webConfigs.forEach((k, v) -> parsed.put(k, xml(v)));
        return new EffectiveConfiguration(new IisConfiguration(Optional.of(xml(appHost)), parsed)).section(sectionPath, MSCEP);
    }

    @Test
    void aClearInAWebConfigDropsTheInheritedCollectionItemsButKeepsTheSectionsAttributes() {
        String host = appHost("", """
                <system.webServer><security><requestFiltering allowDoubleEscaping="true">
                  <hiddenSegments><add segment="bin" /><add segment="App_Data" /></hiddenSegments>
                </requestFiltering></security></system.webServer>""");
        String web = """
                <configuration><system.webServer><security><requestFiltering>
                  <hiddenSegments><clear /><add segment="web.config" /></hiddenSegments>
                </requestFiltering></security></system.webServer></configuration>""";
        EffectiveSection s = section(host, Map.of(MSCEP, web), FILTERING);
        assertThat(s.values().keySet()).containsExactlyInAnyOrder("@allowDoubleEscaping",
                "hiddenSegments/add[web.config]/@segment");
        assertThat(s.source("hiddenSegments/add[web.config]/@segment")).isEqualTo("web.config of " + MSCEP);
        assertThat(s.sources().keySet()).isEqualTo(s.values().keySet());
        assertThat(s.source("@allowDoubleEscaping")).isEqualTo("applicationHost.config (server level)");
        assertThat(s.faults()).isEmpty();
    }

    @Test
    void aRemoveDropsOnlyTheNamedItemMatchedCaseInsensitively() {
        String host = appHost("", """
                <system.webServer><security><requestFiltering>
                  <hiddenSegments><add segment="bin" /><add segment="App_Data" /></hiddenSegments>
                </requestFiltering></security></system.webServer>""");
        String web = """
                <configuration><system.webServer><security><requestFiltering>
                  <hiddenSegments><remove segment="APP_DATA" /></hiddenSegments>
                </requestFiltering></security></system.webServer></configuration>""";
        EffectiveSection s = section(host, Map.of(MSCEP, web), FILTERING);
        assertThat(s.values()).containsOnlyKeys("hiddenSegments/add[bin]/@segment");
        assertThat(s.sources()).containsOnlyKeys("hiddenSegments/add[bin]/@segment");
    }

    @Test
    void anUnsetAttributeHasNoValueAndComesFromTheIisDefault() {
        EffectiveSection s = section(appHost("", ""), Map.of(), FILTERING);
        assertThat(s.value("requestLimits/@maxQueryString")).isEmpty();
        assertThat(s.source("requestLimits/@maxQueryString")).isEqualTo("IIS default");
        assertThat(s.sectionPath()).isEqualTo(FILTERING);
        assertThat(s.iisPath()).isEqualTo(MSCEP);
    }

    @Test
    void aSectionDeclaredOverrideModeDefaultDenyIsLockedForWebConfigs() {
        // applicationHost.config's own <configSections> declares requestFiltering "Deny" here (it ships "Allow")
        String sections = """
                <configSections><sectionGroup name="system.webServer"><sectionGroup name="security">
                  <section name="requestFiltering" overrideModeDefault="Deny" />
                </sectionGroup></sectionGroup></configSections>""";
        String web = """
                <configuration><system.webServer><security>
                  <requestFiltering><requestLimits maxQueryString="65534" /></requestFiltering>
                </security></system.webServer></configuration>""";
        EffectiveSection s = section(appHost(sections, ""), Map.of(MSCEP, web), FILTERING);
        assertThat(s.faults()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(ConfigurationFault.Kind.LOCKED_SECTION);
            assertThat(f.iisPath()).isEqualTo(MSCEP);
            assertThat(f.file()).isEqualTo("iis/web.config/" + MSCEP + "/web.config");
        });
        assertThat(s.value("requestLimits/@maxQueryString")).isEmpty();
    }

    @Test
    void anAuthenticationSectionDeclaredAllowIsNotLockedAlthoughIisShipsItDenied() {
        String sections = """
                <configSections><sectionGroup name="system.webServer"><sectionGroup name="security">
                  <sectionGroup name="authentication"><section name="anonymousAuthentication" overrideModeDefault="Allow" /></sectionGroup>
                </sectionGroup></sectionGroup></configSections>""";
        String web = """
                <configuration><system.webServer><security><authentication>
                  <anonymousAuthentication enabled="true" />
                </authentication></security></system.webServer></configuration>""";
        EffectiveSection s = section(appHost(sections, ""), Map.of(MSCEP, web), ANONYMOUS);
        assertThat(s.faults()).isEmpty();
        assertThat(s.value("@enabled")).contains("true");
    }

    @Test
    void aSectionWhoseDeclarationIsMissingFallsBackToHowIisShipsIt() {
        // configSections present, but without the authentication group: the shipped default (Deny) applies
        String sections = "<configSections><sectionGroup name=\"system.webServer\" /></configSections>";
        String web = """
                <configuration><system.webServer><security><authentication>
                  <anonymousAuthentication enabled="true" />
                </authentication></security></system.webServer></configuration>""";
        assertThat(section(appHost(sections, ""), Map.of(MSCEP, web), ANONYMOUS).faults())
                .extracting(ConfigurationFault::kind).containsExactly(ConfigurationFault.Kind.LOCKED_SECTION);
        assertThat(section(appHost(sections, ""), Map.of(MSCEP, web), FILTERING).faults()).isEmpty();
    }

    @Test
    void allowOverrideFalseOnALocationLocksTheSectionBelowIt() {
        String body = """
                <location path="Default Web Site" allowOverride="false">
                  <system.webServer><security><requestFiltering><requestLimits maxQueryString="65534" /></requestFiltering></security></system.webServer>
                </location>""";
        String web = """
                <configuration><system.webServer><security>
                  <requestFiltering><requestLimits maxQueryString="2048" /></requestFiltering>
                </security></system.webServer></configuration>""";
        EffectiveSection s = section(appHost("", body), Map.of(MSCEP, web), FILTERING);
        assertThat(s.faults()).extracting(ConfigurationFault::kind).containsExactly(ConfigurationFault.Kind.LOCKED_SECTION);
        assertThat(s.value("requestLimits/@maxQueryString")).contains("65534");
    }

    @Test
    void theDeeperLocationDecidesTheLockAndInheritDecidesNothing() {
        String deny = """
                <location path="" overrideMode="Deny">
                  <system.webServer><security><requestFiltering /></security></system.webServer>
                </location>
                <location path="Default Web Site/CertSrv" overrideMode="Allow">
                  <system.webServer><security><requestFiltering /></security></system.webServer>
                </location>
                <location path="Default Web Site/CertSrv/mscep" overrideMode="Inherit">
                  <system.webServer><security><requestFiltering /></security></system.webServer>
                </location>""";
        String web = """
                <configuration><system.webServer><security>
                  <requestFiltering><requestLimits maxQueryString="65534" /></requestFiltering>
                </security></system.webServer></configuration>""";
        EffectiveSection s = section(appHost("", deny), Map.of(MSCEP, web), FILTERING);
        assertThat(s.faults()).isEmpty();
        assertThat(s.value("requestLimits/@maxQueryString")).contains("65534");
        assertThat(s.source("requestLimits/@maxQueryString")).isEqualTo("web.config of " + MSCEP);
    }

    @Test
    void aLocationForAnotherSiteNeitherLocksNorSets() {
        String body = """
                <location path="Other Site" overrideMode="Deny">
                  <system.webServer><security><requestFiltering><requestLimits maxQueryString="1" /></requestFiltering></security></system.webServer>
                </location>""";
        String web = """
                <configuration><system.webServer><security>
                  <requestFiltering><requestLimits maxQueryString="65534" /></requestFiltering>
                </security></system.webServer></configuration>""";
        EffectiveSection s = section(appHost("", body), Map.of(MSCEP, web), FILTERING);
        assertThat(s.faults()).isEmpty();
        assertThat(s.value("requestLimits/@maxQueryString")).contains("65534");
    }

    @Test
    void aLocationPathMatchesWholeSegmentsCaseInsensitivelyWithEitherSlash() {
        assertThat(EffectiveConfiguration.appliesTo("default web site\\certsrv\\", MSCEP)).isTrue();
        assertThat(EffectiveConfiguration.appliesTo("/Default Web Site/CertSrv/mscep/", MSCEP)).isTrue();
        assertThat(EffectiveConfiguration.appliesTo("Default Web Site/Cert", MSCEP)).isFalse();
        assertThat(EffectiveConfiguration.appliesTo(".", MSCEP)).isTrue();
        assertThat(EffectiveConfiguration.appliesTo("", MSCEP)).isTrue();
        assertThat(EffectiveConfiguration.appliesTo("Default Web Site/CertSrv/mscep/sub", MSCEP)).isFalse();
    }

    @Test
    void theLevelsOfAPathRunFromTheSiteDown() {
        assertThat(EffectiveConfiguration.levels("/Default Web Site\\CertSrv//mscep/"))
                .containsExactly("Default Web Site", "Default Web Site/CertSrv", MSCEP);
        assertThat(EffectiveConfiguration.levels("")).isEmpty();
    }

    @Test
    void aWebConfigLocationForADeeperPathAppliesAfterTheWebConfigsBetween() {
        // the site root's web.config points a <location> at mscep; CertSrv's own web.config comes first
        String siteRoot = """
                <configuration><location path="CertSrv/mscep"><system.webServer><security>
                  <requestFiltering><requestLimits maxQueryString="65534" /></requestFiltering>
                </security></system.webServer></location></configuration>""";
        String certSrv = """
                <configuration><system.webServer><security>
                  <requestFiltering><requestLimits maxQueryString="4096" /></requestFiltering>
                </security></system.webServer></configuration>""";
        EffectiveSection s = section(appHost("", ""), Map.of("Default Web Site", siteRoot, "Default Web Site/CertSrv", certSrv),
                FILTERING);
        assertThat(s.value("requestLimits/@maxQueryString")).contains("65534");
        assertThat(s.source("requestLimits/@maxQueryString"))
                .isEqualTo("web.config of Default Web Site <location path=\"CertSrv/mscep\">");
    }

    @Test
    void aWebConfigLocationForASiblingPathDoesNotApply() {
        String siteRoot = """
                <configuration><location path="CertSrv/mscep_admin"><system.webServer><security>
                  <requestFiltering><requestLimits maxQueryString="10" /></requestFiltering>
                </security></system.webServer></location></configuration>""";
        EffectiveSection s = section(appHost("", ""), Map.of("Default Web Site", siteRoot), FILTERING);
        assertThat(s.values()).isEmpty();
    }

    @Test
    void theServerLevelLocationWithADotPathAppliesEverywhere() {
        String body = """
                <location path="."><system.webServer><security>
                  <requestFiltering><requestLimits maxUrl="65534" /></requestFiltering>
                </security></system.webServer></location>""";
        EffectiveSection s = section(appHost("", body), Map.of(), FILTERING);
        assertThat(s.value("requestLimits/@maxUrl")).contains("65534");
        assertThat(s.source("requestLimits/@maxUrl")).isEqualTo("applicationHost.config <location path=\".\">");
        assertThat(s.notes()).isEmpty();
    }

    @Test
    void withoutApplicationHostOnlyTheShippedLocksApply() {
        IisConfiguration iis = new IisConfiguration(Optional.empty(), Map.of(MSCEP, xml("""
                <configuration><system.webServer><security><authentication>
                  <anonymousAuthentication enabled="true" />
                </authentication></security></system.webServer></configuration>""")));
        EffectiveConfiguration engine = new EffectiveConfiguration(iis);
        assertThat(engine.locked(ANONYMOUS, MSCEP)).isTrue();
        assertThat(engine.locked(FILTERING, MSCEP)).isFalse();
        assertThat(engine.section(ANONYMOUS, MSCEP).faults()).hasSize(1);
        assertThat(List.of(engine.section(FILTERING, MSCEP).values())).containsExactly(Map.of());
    }

    private static String layout(String serverDefaults, String siteDefaults, String certSrvDir, String certSrvApp) {
        return "<configuration><system.applicationHost><sites>" + serverDefaults
                + "<site name=\"Default Web Site\" id=\"1\">" + siteDefaults
                + "<application path=\"/\"><virtualDirectory path=\"/\" physicalPath=\"C:\\inetpub\\wwwroot\\\" />"
                + certSrvDir + "</application>" + certSrvApp
                + "<application path=\"/CertSrv/mscep\"><virtualDirectory path=\"/\" physicalPath=\"C:\\Windows\\system32\\CertSrv\\mscep\" />"
                + "</application></site></sites></system.applicationHost></configuration>";
    }

    private static final String CERTSRV_LIMIT = """
            <configuration><system.webServer><security>
              <requestFiltering><requestLimits maxQueryString="1024" /></requestFiltering>
            </security></system.webServer></configuration>""";

    @Test
    void allowSubDirConfigFalseInTheServersVirtualDirectoryDefaultsHidesAFoldersWebConfig() {
        // CertSrv is a plain folder of the root application; its web.config is read only when the root directory allows it
        String hidden = layout("<virtualDirectoryDefaults allowSubDirConfig=\"false\" />", "", "", "");
        EffectiveSection s = section(hidden, Map.of("Default Web Site/CertSrv", CERTSRV_LIMIT), FILTERING);
        assertThat(s.values()).isEmpty();
        assertThat(s.notes()).containsExactly("the web.config of Default Web Site/CertSrv is not read: the virtual directory "
                + "default web site has allowSubDirConfig=\"false\"");
        String siteAllows = layout("<virtualDirectoryDefaults allowSubDirConfig=\"false\" />",
                "<virtualDirectoryDefaults allowSubDirConfig=\"true\" />", "", "");
        assertThat(section(siteAllows, Map.of("Default Web Site/CertSrv", CERTSRV_LIMIT), FILTERING).value("requestLimits/@maxQueryString"))
                .contains("1024");
        String siteHides = layout("", "<virtualDirectoryDefaults allowSubDirConfig=\" FALSE \" />", "", "");
        assertThat(section(siteHides, Map.of("Default Web Site/CertSrv", CERTSRV_LIMIT), FILTERING).values()).isEmpty();
    }

    @Test
    void aFolderThatIsAVirtualDirectoryOfItsOwnHasItsWebConfigReadWhateverItsOwnAllowSubDirConfig() {
        // allowSubDirConfig governs the folders below a virtual directory, not the directory's own web.config
        String nested = layout("", "", "", "").replace("<virtualDirectory path=\"/\" physicalPath=\"C:\\inetpub\\wwwroot\\\" />",
                "<virtualDirectory path=\"/\" physicalPath=\"C:\\inetpub\\wwwroot\\\" allowSubDirConfig=\"false\" />"
                        + "<virtualDirectory path=\"/CertSrv\" physicalPath=\"C:\\Windows\\system32\\CertSrv\" allowSubDirConfig=\"false\" />");
        EffectiveSection s = section(nested, Map.of("Default Web Site/CertSrv", CERTSRV_LIMIT), FILTERING);
        assertThat(s.value("requestLimits/@maxQueryString")).contains("1024");
        assertThat(s.notes()).isEmpty();
    }

    @Test
    void aMalformedWebConfigBelowAllowSubDirConfigFalseIsOnlyNoted() {
        String hidden = layout("<virtualDirectoryDefaults allowSubDirConfig=\"false\" />", "", "", "");
        dev.ndesdiag.api.InputProblem p = dev.ndesdiag.api.InputProblem.atLine(dev.ndesdiag.api.SnapshotPart.IIS_CONFIG,
                "iis/web.config/Default Web Site/CertSrv/web.config", 3, "is not well-formed");
        IisConfiguration iis = new IisConfiguration(Optional.of(xml(hidden)), Map.of(), Map.of("Default Web Site/CertSrv", p));
        EffectiveSection s = new EffectiveConfiguration(iis).section(FILTERING, MSCEP);
        assertThat(s.faults()).isEmpty();
        assertThat(s.notes()).hasSize(1);
        IisConfiguration read = new IisConfiguration(Optional.of(xml(layout("", "", "", ""))), Map.of(), Map.of("Default Web Site/CertSrv", p));
        assertThat(new EffectiveConfiguration(read).section(FILTERING, MSCEP).faults()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(ConfigurationFault.Kind.MALFORMED_FILE);
            assertThat(f.where()).isEqualTo("iis/web.config/Default Web Site/CertSrv/web.config, line 3");
        });
    }

    @Test
    void inheritInChildApplicationsFalseOnTheApplicationsOwnLocationStillAppliesToIt() {
        String body = """
                <location path="Default Web Site/CertSrv/mscep" inheritInChildApplications="false">
                  <system.webServer><security><requestFiltering><requestLimits maxQueryString="65534" /></requestFiltering></security></system.webServer>
                </location>
                <location path="" inheritInChildApplications="false">
                  <system.webServer><security><requestFiltering><requestLimits maxUrl="1" /></requestFiltering></security></system.webServer>
                </location>""";
        EffectiveSection s = section(appHost("", body), Map.of(), FILTERING);
        assertThat(s.value("requestLimits/@maxQueryString")).contains("65534");
        assertThat(s.value("requestLimits/@maxUrl")).isEmpty();
        assertThat(s.notes()).containsExactly("applicationHost.config <location path=\"\"> has inheritInChildApplications=\"false\": "
                + "its settings stop before the application default web site");
    }

    @Test
    void aWebConfigLocationWithADotPathIsTheWebConfigsOwnLevel() {
        String web = """
                <configuration><location path="." inheritInChildApplications="false"><system.webServer><security>
                  <requestFiltering><requestLimits maxQueryString="65534" /></requestFiltering>
                </security></system.webServer></location></configuration>""";
        EffectiveSection s = section(appHost("", ""), Map.of(MSCEP, web), FILTERING);
        assertThat(s.value("requestLimits/@maxQueryString")).contains("65534");
        assertThat(s.source("requestLimits/@maxQueryString")).isEqualTo("web.config of " + MSCEP + " <location path=\".\">");
    }

    @Test
    void aLockedSectionsFaultNamesTheLineOfTheSectionInTheWebConfig() {
        String web = "<configuration>\n<system.webServer>\n<security>\n<authentication>\n"
                + "<anonymousAuthentication enabled=\"true\" />\n</authentication></security></system.webServer></configuration>";
        EffectiveSection s = section(appHost("", ""), Map.of(MSCEP, web), ANONYMOUS);
        assertThat(s.faults()).singleElement().satisfies(f -> assertThat(f.line()).hasValue(5));
    }

    @Test
    void theDeclarationIsFoundByGroupAndSectionNameAmongSiblings() {
        String sections = """
                <configSections><sectionGroup name="system.web"><section name="anonymousAuthentication" overrideModeDefault="Deny" /></sectionGroup>
                <sectionGroup name="system.webServer"><sectionGroup name="security"><sectionGroup name="authentication">
                  <section name="windowsAuthentication" overrideModeDefault="Deny" />
                  <section name="anonymousAuthentication" overrideModeDefault="Allow" />
                </sectionGroup></sectionGroup></sectionGroup></configSections>""";
        String web = """
                <configuration><system.webServer><security><authentication>
                  <anonymousAuthentication enabled="true" />
                </authentication></security></system.webServer></configuration>""";
        assertThat(section(appHost(sections, ""), Map.of(MSCEP, web), ANONYMOUS).faults()).isEmpty();
    }

    @Test
    void allowOverrideTrueOnALocationUnlocksASectionIisShipsLocked() {
        String unlocked = """
                <location path="Default Web Site/CertSrv/mscep" allowOverride="true">
                  <system.webServer><security><authentication><anonymousAuthentication /></authentication></security></system.webServer>
                </location>""";
        String web = """
                <configuration><system.webServer><security><authentication>
                  <anonymousAuthentication enabled="true" />
                </authentication></security></system.webServer></configuration>""";
        assertThat(section(appHost("", ""), Map.of(MSCEP, web), ANONYMOUS).faults()).hasSize(1);
        EffectiveSection s = section(appHost("", unlocked), Map.of(MSCEP, web), ANONYMOUS);
        assertThat(s.faults()).isEmpty();
        assertThat(s.value("@enabled")).contains("true");
    }
}
