package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.CommandCaptures;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.secrets.SecretValues;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 6: a registry export means what {@code reg import} makes of it, and values quoted
 * in problems are cut and, when they are secrets, redacted with the collector's own list of names.
 */
class RegistrySemanticsAndSecretsTest {

    private static final String HEADER = "Windows Registry Editor Version 5.00\r\n\r\n";

    private static Part<Registry> registry(String text) {
        return RegistryReader.read(new MemoryBundleSource(Map.of("registry/a.reg", text.getBytes(StandardCharsets.UTF_8)), "t"),
                BundleLimits.defaults());
    }

    @Test
    void aKeyAddedDeletedAndAddedAgainIsPresentAsRegImportLeavesIt() {
        Registry r = registry(HEADER
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\K]\r\n\"Old\"=dword:00000001\r\n\r\n"
                + "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\K]\r\n\r\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\K]\r\n\"New\"=dword:00000002\r\n").value().orElseThrow();
        assertThat(r.key("HKEY_LOCAL_MACHINE\\SOFTWARE\\K")).isPresent();
        assertThat(r.value("HKEY_LOCAL_MACHINE\\SOFTWARE\\K", "New")).isPresent();
        assertThat(r.value("HKEY_LOCAL_MACHINE\\SOFTWARE\\K", "Old")).isEmpty();
    }

    @Test
    void aKeyDeletedAfterItWasAddedIsGoneWithItsSubkeysButNotItsNamesakeSibling() {
        Registry r = registry(HEADER
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\K]\r\n\"A\"=dword:00000001\r\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\K\\Sub]\r\n\"B\"=dword:00000001\r\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\K2]\r\n\"C\"=dword:00000001\r\n"
                + "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\K]\r\n").value().orElseThrow();
        assertThat(r.key("HKEY_LOCAL_MACHINE\\SOFTWARE\\K")).isEmpty();
        assertThat(r.key("HKEY_LOCAL_MACHINE\\SOFTWARE\\K\\Sub")).isEmpty();
        assertThat(r.key("HKEY_LOCAL_MACHINE\\SOFTWARE\\K2")).isPresent();
    }

    @Test
    void aBadSecretValueIsReportedWithoutItsText() {
        Part<Registry> p = registry(HEADER + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\EncryptedPassword]\r\n"
                + "\"EncryptedPassword\"=hex:d0,8c,zz,TOPSECRETBLOB\r\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\UseSinglePassword]\r\n"
                + "\"SinglePassword\"=bogus-TOPSECRET2\r\n");
        assertThat(p.problems()).hasSize(2).allSatisfy(problem -> {
            assertThat(problem.toString()).doesNotContain("TOPSECRET").doesNotContain("d0,8c");
            assertThat(problem.subject()).hasValueSatisfying(s -> assertThat(s.raw()).contains(SecretValues.REDACTED));
        });
    }

    @Test
    void aBadSettingThatOnlyMentionsAPasswordIsQuotedSoTheEngineerCanFixIt() {
        Part<Registry> p = registry(HEADER + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\EnforcePassword]\r\n"
                + "\"EnforcePassword\"=dword:xyz\r\n");
        assertThat(p.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.message()).contains("\"xyz\"");
            assertThat(problem.subject().orElseThrow().raw()).contains("dword:xyz");
        });
    }

    @Test
    void aLineThatCannotBeParsedIsQuotedCutAndWithoutASecretAfterItsName() {
        Part<Registry> p = registry(HEADER + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n"
                + "\"EncryptedPassword\" hex:TOPSECRET\r\n"
                + "garbage " + "y".repeat(500) + "\r\n");
        assertThat(p.problems()).hasSize(2);
        assertThat(p.problems().get(0).message()).doesNotContain("TOPSECRET");
        assertThat(p.problems().get(1).message().length()).isLessThan(200);
    }

    @Test
    void passwordLinesOfCommandOutputAreRedactedAndSettingsStayReadable() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("commands/appcmd-apppools.txt", ("[processModel]\r\n  userName:\"CONTOSO\\svc-ndes\"\r\n  password:\"Pa55w0rd!\"\r\n"
                + "EnforcePassword: 1\r\nUseSinglePassword = 0\r\nSinglePassword = hunter2\r\n").getBytes(StandardCharsets.UTF_8));
        Part<CommandCaptures> p = CommandsReader.read(new MemoryBundleSource(m, "t"), BundleLimits.defaults());
        String out = p.value().orElseThrow().captures().get("appcmd-apppools").output();
        assertThat(out).doesNotContain("Pa55w0rd!").doesNotContain("hunter2")
                .contains("password:[redacted]", "SinglePassword = [redacted]")
                .contains("EnforcePassword: 1", "UseSinglePassword = 0", "userName:\"CONTOSO\\svc-ndes\"");
    }

    @Test
    void secretLinesAreRedactedInAnyCaseWithBareCarriageReturnsAndOnAnUnterminatedLastLine() {
        String output = "Certificate Template Name: IntuneSCEP\r\nPRIVATEKEY = MIIEvQIBADANBgkq\r\n"
                + "Flags: 0x20\rChallenge: 7F1C0D2E\rDone\n" + "Private key is NOT exportable\n" + "client_Secret=abc123";
        String out = SecretValues.redactLines(output);
        assertThat(out).doesNotContain("MIIEvQIBADANBgkq").doesNotContain("7F1C0D2E").doesNotContain("abc123")
                .contains("PRIVATEKEY = [redacted]\r\n", "Flags: 0x20\rChallenge: [redacted]\rDone\n", "client_Secret=[redacted]")
                .contains("Certificate Template Name: IntuneSCEP\r\n", "Private key is NOT exportable\n");
        assertThat(SecretValues.redactLines("Template: IntuneSCEP\nFlags: 0x20\n")).isEqualTo("Template: IntuneSCEP\nFlags: 0x20\n");
    }

    @Test
    void theCollectorAndTheReadersShareOneListOfSecretNames() {
        for (String secret : new String[] {"EncryptedPassword", "SinglePassword", "password", "clientSecret", "Challenge"}) {
            assertThat(SecretValues.isSecretName(secret)).as(secret).isTrue();
            assertThat(dev.ndesdiag.collect.Redactor.redact("registry/a.reg", HEADER + "[HKEY_LOCAL_MACHINE\\A]\r\n\""
                    + secret + "\"=\"x\"\r\n").removed()).as(secret).containsExactly(secret);
        }
        for (String setting : new String[] {"EnforcePassword", "UseSinglePassword", "PasswordVDir", "PasswordMax", "tokenChecking",
                "passwordLastSet", "passwordExpired"}) {
            assertThat(SecretValues.isSecretName(setting)).as(setting).isFalse();
            assertThat(dev.ndesdiag.collect.Redactor.redact("registry/a.reg", HEADER + "[HKEY_LOCAL_MACHINE\\A]\r\n\""
                    + setting + "\"=\"x\"\r\n").removed()).as(setting).isEmpty();
        }
    }

    @Test
    void aJsonFieldOfTheWrongTypeIsQuotedUnlessItIsASecret() {
        Part<?> p = JsonPart.read(new MemoryBundleSource(Map.of("security/accounts.json",
                "{\"clientSecret\":12345678}".getBytes(StandardCharsets.UTF_8)), "t"), BundleLimits.defaults(),
                "security/accounts.json", dev.ndesdiag.api.SnapshotPart.ACCOUNTS, (json, file, problems) -> {
                    JsonDocument.of(json, "the document").optString("clientSecret");
                    return json;
                });
        assertThat(p.problems()).extracting(InputProblem::message).singleElement().asString()
                .contains(SecretValues.REDACTED).doesNotContain("12345678");
    }
}
