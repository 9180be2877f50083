package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How a text file of a bundle is decoded: from its bytes, as the Windows tools that wrote it encode
 * (reg export writes UTF-16LE with a BOM, PowerShell 5 Out-File UTF-16LE, certutil the OEM or ANSI code
 * page, PowerShell 7 UTF-8 without a BOM).
 */
class WindowsTextDecodingTest {

    private static final String REG_HEADER = "Windows Registry Editor Version 5.00\r\n";

    @Test
    void utf8WithoutBomIsReadAsUtf8() {
        assertThat(TextDecoder.decode("CN=Café Émetteur\r\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("CN=Café Émetteur\r\n");
    }

    @Test
    void asciiIsReadUnchanged() {
        assertThat(TextDecoder.decode("NDESCertThumbprint: 5ab41f9c\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("NDESCertThumbprint: 5ab41f9c\n");
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsWindows1252() {
        // certutil on a western-European server writes "é" as the single byte E9
        byte[] ansi = "Société Générale".getBytes(Charset.forName("windows-1252"));
        assertThat(TextDecoder.decode(ansi)).isEqualTo("Société Générale");
    }

    @Test
    void utf8ThatQuotesTheReplacementCharacterKeepsIt() {
        // a log that already holds U+FFFD is well-formed UTF-8, not Windows-1252 mojibake
        assertThat(TextDecoder.decode("bad byte: \uFFFD, é\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("bad byte: \uFFFD, é\n");
    }

    @Test
    void utf8WithOneMalformedByteFallsBackToWindows1252ForTheWholeFile() {
        byte[] utf8 = "é and ".getBytes(StandardCharsets.UTF_8);
        byte[] mixed = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, mixed, 0, utf8.length);
        mixed[utf8.length] = (byte) 0xE9;
        assertThat(TextDecoder.decode(mixed)).isEqualTo(new String(mixed, Charset.forName("windows-1252")));
    }

    @Test
    void utf8BomIsDropped() {
        assertThat(TextDecoder.decode(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "{\"schemaVersion\": 1}".getBytes(StandardCharsets.UTF_8)))).isEqualTo("{\"schemaVersion\": 1}");
    }

    @Test
    void regExportInUtf16LeWithBomIsReadWithoutTheBom() {
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        assertThat(TextDecoder.decode(concat(bom, (REG_HEADER + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP]\r\n")
                .getBytes(StandardCharsets.UTF_16LE))))
                .isEqualTo(REG_HEADER + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP]\r\n");
    }

    @Test
    void utf16LeWithoutBomIsRecognisedByItsZeroBytes() {
        assertThat(TextDecoder.decode(REG_HEADER.getBytes(StandardCharsets.UTF_16LE))).isEqualTo(REG_HEADER);
    }

    @Test
    void utf16BeWithBomIsReadWithoutTheBom() {
        byte[] bom = {(byte) 0xFE, (byte) 0xFF};
        assertThat(TextDecoder.decode(concat(bom, "Émetteur".getBytes(StandardCharsets.UTF_16BE)))).isEqualTo("Émetteur");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
