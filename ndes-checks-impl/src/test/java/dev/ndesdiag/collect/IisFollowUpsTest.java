package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.bundle.XmlDocuments;
import dev.ndesdiag.fixtures.IisFixtures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IisFollowUpsTest {

    @Test
    void theWebConfigFilesAlongTheScepPathAreFoundThroughTheSitesVirtualDirectories() {
        IisConfiguration appHost = iis(IisFixtures.runningAs("CONTOSO\\svc_ndes").getBytes(StandardCharsets.UTF_8));

        assertThat(IisFollowUps.webConfigs(appHost)).containsExactly(
                new IisFollowUps.WebConfig("Default Web Site", "%SystemDrive%\\inetpub\\wwwroot\\web.config"),
                new IisFollowUps.WebConfig("Default Web Site/CertSrv", "%SystemDrive%\\inetpub\\wwwroot\\CertSrv\\web.config"),
                new IisFollowUps.WebConfig("Default Web Site/CertSrv/mscep", "C:\\Windows\\system32\\CertSrv\\mscep\\web.config"),
                new IisFollowUps.WebConfig("Default Web Site/CertificateRegistrationSvc",
                        "%SystemDrive%\\inetpub\\wwwroot\\CertificateRegistrationSvc\\web.config"));
    }

    @Test
    void aUtf16ApplicationHostConfigWithBomIsFollowedToo() {
        byte[] utf16 = ("\uFEFF" + IisFixtures.runningAs("CONTOSO\\svc_ndes")).getBytes(StandardCharsets.UTF_16LE);

        assertThat(IisFollowUps.webConfigs(iis(utf16))).hasSize(4);
    }

    @Test
    void anApplicationHostConfigWithADoctypeIsRefused() {
        byte[] hostile = ("<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<configuration>&x;</configuration>").getBytes(StandardCharsets.UTF_8);

        assertThat(XmlDocuments.parse(hostile)).isEmpty();
    }

    @Test
    void theScepSitesW3cLogsAreInTheDefaultFolderUnlessTheSiteDefaultsMoveThem() {
        String config = IisFixtures.runningAs("CONTOSO\\svc_ndes");
        IisConfiguration standard = iis(config.getBytes(StandardCharsets.UTF_8));
        IisConfiguration moved = iis(config.replace("<sites>",
                "<sites><siteDefaults><logFile directory=\"D:\\IISLogs\\\" /></siteDefaults>").getBytes(StandardCharsets.UTF_8));

        assertThat(IisFollowUps.w3cLogFolder(standard)).contains(
                new IisFollowUps.LogFolder("%SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC1", "W3SVC1"));
        assertThat(IisFollowUps.w3cLogFolder(moved)).contains(new IisFollowUps.LogFolder("D:\\IISLogs\\W3SVC1", "W3SVC1"));
    }

    private static IisConfiguration iis(byte[] applicationHost) {
        return new IisConfiguration(Optional.of(XmlDocuments.parse(applicationHost).orElseThrow()), Map.of());
    }
}
