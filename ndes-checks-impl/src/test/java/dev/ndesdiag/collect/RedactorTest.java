package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secrets never enter a bundle; what was removed is named, never shown. */
class RedactorTest {

    @Test
    void redactsRegistryValuesNamedLikeSecrets() {
        Redactor.Redacted r = Redactor.redact("registry/mscep.reg", "[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\r\n"
                + "\"EnrollmentChallengePassword\"=\"s3cr3t\"\r\n\"ProxyToken\"=hex:01,02\r\n\"Name\"=\"keep\"\r\n");
        assertThat(r.text()).doesNotContain("s3cr3t").doesNotContain("hex:01,02").contains("\"Name\"=\"keep\"")
                .contains("\"EnrollmentChallengePassword\"=\"[redacted]\"");
        assertThat(r.removed()).containsExactly("EnrollmentChallengePassword", "ProxyToken");
    }

    @Test
    void aRedactedApplicationHostConfigIsStillWellFormedXml() throws Exception {
        Redactor.Redacted r = Redactor.redact("iis/applicationHost.config", "<configuration><applicationPools>"
                + "<add name=\"SCEP\"><processModel identityType=\"SpecificUser\" userName=\"CONTOSO\\svc\" "
                + "password=\"[enc:IISCngProvider:abc:enc]\" /></add></applicationPools></configuration>");

        javax.xml.stream.XMLStreamReader x = javax.xml.stream.XMLInputFactory.newDefaultFactory()
                .createXMLStreamReader(new java.io.StringReader(r.text()));
        while (x.hasNext()) {
            x.next();
        }
        assertThat(r.removed()).containsExactly("password");
    }

    @Test
    void redactsTheEncryptedPoolPasswordOfApplicationHostConfig() {
        Redactor.Redacted r = Redactor.redact("iis/applicationHost.config",
                "<processModel identityType=\"SpecificUser\" userName=\"CONTOSO\\svc\" password=\"[enc:IISCngProvider:abc:enc]\" />");
        assertThat(r.text()).doesNotContain("IISCngProvider").contains("userName=\"CONTOSO\\svc\"");
        assertThat(r.removed()).containsExactly("password");
    }

    @Test
    void redactsJsonFields() {
        Redactor.Redacted r = Redactor.redact("system.json", "{\"name\":\"x\",\"clientSecret\":\"abc\\\"def\"}");
        assertThat(r.text()).isEqualTo("{\"name\":\"x\",\"clientSecret\":\"[redacted]\"}");
    }

    @Test
    void leavesOtherFilesAlone() {
        assertThat(Redactor.redact("commands/netsh.txt", "password: x").removed()).isEmpty();
    }
}
