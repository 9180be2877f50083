package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.snapshot.RegistryValueType;
import dev.ndesdiag.bundle.BundleReader;
import dev.ndesdiag.bundle.OpenBundle;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redaction of {@code registry/mscep.reg} as {@code reg export} writes it (UTF-16LE with a BOM, CRLF,
 * hex values wrapped with {@code ,\} and two-space continuation lines; written by {@link RegExport}
 * from the documented format, not captured on a server), put through {@link Redactor#redactFile}, which the collector stores with,
 * and read back with the bundle reader: the secret is gone whole, everything else reads as before.
 */
class RegistryRedactionTest {

    private static final String MSCEP = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP";
    /** A DPAPI blob's shape: 01 00 00 00 d0 8c 9d df ... (the DPAPI provider GUID), 230 bytes, nine lines. */
    private static final byte[] BLOB = blob();

    private static byte[] blob() {
        byte[] b = new byte[230];
        byte[] head = HexFormat.of().parseHex("01000000d08c9ddf0115d1118c7a00c04fc297eb");
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = head.length; i < b.length; i++) {
            b[i] = (byte) (i * 37 + 11);
        }
        return b;
    }

    private static RegExport export() {
        return new RegExport().key(MSCEP)
                .key(MSCEP + "\\CAInfo").string("Configuration", "ca01.corp.contoso.com\\Contoso Süd CA")
                .key(MSCEP + "\\EncryptedPassword").binary("EncryptedPassword", BLOB)
                .key(MSCEP + "\\EnforcePassword").dword("EnforcePassword", 0)
                .key(MSCEP + "\\UseSinglePassword").dword("UseSinglePassword", 0).dword("PasswordMax", 5)
                .dword("PasswordLength", 8).dword("PasswordValidity", 60).string("PasswordVDir", "CertSrv/mscep_admin")
                .key(MSCEP + "\\Policy").multiString("ChallengeSecrets", "first secret", "second secret")
                .expandString("ClientSecretPath", "%ProgramData%\\secret.bin")
                .string("SignatureTemplate", "NDESSignature");
    }

    private static Registry readBack(byte[] reg) throws Exception {
        Map<String, byte[]> bundle = new LinkedHashMap<>();
        bundle.put("manifest.json", "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8));
        bundle.put("registry/mscep.reg", reg);
        try (OpenBundle open = new BundleReader().open(bundle, "test")) {
            var part = open.snapshot().registry();
            assertThat(part.problems()).as("the redacted export reads without a bad line").isEmpty();
            return part.value().orElseThrow();
        }
    }

    private static byte[] storedByTheCollector(byte[] reg) {
        return Redactor.redactFile("registry/mscep.reg", reg).content();
    }

    @Test
    void theWholeMultiLineEncryptedPasswordIsRemovedAndTheFileStillReads() throws Exception {
        byte[] redacted = storedByTheCollector(export().bytes());
        String text = new String(redacted, 2, redacted.length - 2, StandardCharsets.UTF_16LE);

        // every byte line of the blob is gone, not just the first
        String blobHex = HexFormat.ofDelimiter(",").formatHex(Arrays.copyOfRange(BLOB, 40, 60));
        assertThat(text).doesNotContain(blobHex).doesNotContain("d0,8c,9d,df");
        assertThat(text).contains("\"EncryptedPassword\"=hex:\r\n");
        assertThat(redacted[0] & 0xFF).isEqualTo(0xFF);
        assertThat(redacted[1] & 0xFF).isEqualTo(0xFE);

        Registry r = readBack(redacted);
        RegistryValue pw = r.value(MSCEP + "\\EncryptedPassword", "EncryptedPassword").orElseThrow();
        assertThat(pw.type()).isEqualTo(RegistryValueType.REG_BINARY);
        assertThat(pw.bytes()).isEmpty();
    }

    @Test
    void passwordSettingsKeepTheirDwordsAndStrings() throws Exception {
        Registry r = readBack(storedByTheCollector(export().bytes()));
        assertThat(r.value(MSCEP + "\\EnforcePassword", "EnforcePassword").orElseThrow().type())
                .isEqualTo(RegistryValueType.REG_DWORD);
        assertThat(r.value(MSCEP + "\\UseSinglePassword", "PasswordMax").orElseThrow().number()).hasValue(5);
        assertThat(r.value(MSCEP + "\\UseSinglePassword", "PasswordLength").orElseThrow().number()).hasValue(8);
        assertThat(r.value(MSCEP + "\\UseSinglePassword", "PasswordVDir").orElseThrow().string())
                .hasValue("CertSrv/mscep_admin");
    }

    @Test
    void multiStringAndExpandStringSecretsKeepTheirTypeWithTheMarker() throws Exception {
        Registry r = readBack(storedByTheCollector(export().bytes()));
        RegistryValue multi = r.value(MSCEP + "\\Policy", "ChallengeSecrets").orElseThrow();
        assertThat(multi.type()).isEqualTo(RegistryValueType.REG_MULTI_SZ);
        assertThat(multi.strings()).containsExactly(Redactor.REDACTED);
        RegistryValue expand = r.value(MSCEP + "\\Policy", "ClientSecretPath").orElseThrow();
        assertThat(expand.type()).isEqualTo(RegistryValueType.REG_EXPAND_SZ);
        assertThat(expand.string()).hasValue(Redactor.REDACTED);
    }

    @Test
    void valuesThatAreNotSecretsAreByteForByteUnchanged() throws Exception {
        String before = export().text();
        String after = Redactor.redact("registry/mscep.reg", before).text();
        assertThat(after).contains("\"Configuration\"=\"ca01.corp.contoso.com\\\\Contoso Süd CA\"\r\n")
                .contains("\"SignatureTemplate\"=\"NDESSignature\"\r\n")
                .contains("\"EnforcePassword\"=dword:00000000\r\n");
        assertThat(Redactor.redact("registry/mscep.reg", before).removed())
                .containsExactly("EncryptedPassword", "ChallengeSecrets", "ClientSecretPath");
        Registry r = readBack(storedByTheCollector(export().bytes()));
        assertThat(r.value(MSCEP + "\\CAInfo", "Configuration").orElseThrow().string())
                .hasValue("ca01.corp.contoso.com\\Contoso Süd CA");
    }

    @Test
    void theManifestNamesWhatWasRedactedButNeverTheValue() {
        assertThat(Redactor.redactFile("registry/mscep.reg", export().bytes()).removed()).containsExactly("EncryptedPassword", "ChallengeSecrets",
                "ClientSecretPath");
    }

    @Test
    void tokenCheckingOfExtendedProtectionIsASettingNotASecret() {
        Redactor.Redacted r = Redactor.redact("iis/applicationHost.config",
                "<windowsAuthentication enabled=\"true\"><extendedProtection tokenChecking=\"None\" /></windowsAuthentication>");
        assertThat(r.removed()).isEmpty();
        assertThat(r.text()).contains("tokenChecking=\"None\"");
    }
}
