package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.snapshot.RegistryValueType;
import org.junit.jupiter.api.Test;

/**
 * The value side of a {@code .reg} line, as {@code reg import} reads it: a DWORD is 1 to 8 hex digits,
 * {@code hex(4)} and {@code hex(b)} must hold exactly 4 and 8 bytes, strings in hex forms are UTF-16LE
 * in version 5 exports and ANSI in {@code REGEDIT4}, and any other type number is kept as raw bytes.
 */
class RegValueFormsTest {

    private static RegistryValue v5(String raw) throws InvalidInputException {
        return RegValueDecoder.decode("Name", raw, true).orElseThrow();
    }

    @Test
    void aDwordOfEightHexDigitsIsReadAndNineOrNoneAreRefused() throws Exception {
        assertThat(v5("dword:ffffffff").number()).hasValue(0xffffffffL);
        assertThat(v5("dword:ffffffff").bytes()).containsExactly(0xff, 0xff, 0xff, 0xff);
        assertThat(v5("DWORD: 0000001A").number()).hasValue(26);
        assertThat(v5("dword:0000001a").bytes()).containsExactly(0x1a, 0, 0, 0);
        assertThat(v5("dword:1").number()).hasValue(1);
        assertThatThrownBy(() -> v5("dword:100000000")).isInstanceOf(InvalidInputException.class)
                .hasMessage("dword value \"100000000\" is not 1 to 8 hex digits");
        assertThatThrownBy(() -> v5("dword:")).hasMessage("dword value \"\" is not 1 to 8 hex digits");
        assertThatThrownBy(() -> v5("dword:0000001g")).hasMessage("dword value \"0000001g\" is not 1 to 8 hex digits");
        assertThatThrownBy(() -> v5("dword:-1")).hasMessage("dword value \"-1\" is not 1 to 8 hex digits");
    }

    @Test
    void hexDwordsAndQwordsMustHoldExactlyTheirBytesReadLittleEndian() throws Exception {
        RegistryValue dword = v5("hex(4):01,02,00,80");
        assertThat(dword.type()).isEqualTo(RegistryValueType.REG_DWORD);
        assertThat(dword.number()).hasValue(0x80000201L);
        assertThatThrownBy(() -> v5("hex(4):01,02,00")).hasMessage("hex(4) DWORD has 3 bytes instead of 4");
        assertThatThrownBy(() -> v5("hex(4):01,02,00,00,00")).hasMessage("hex(4) DWORD has 5 bytes instead of 4");
        RegistryValue qword = v5("hex(b):08,07,06,05,04,03,02,81");
        assertThat(qword.type()).isEqualTo(RegistryValueType.REG_QWORD);
        assertThat(qword.number()).hasValue(0x8102030405060708L);
        assertThatThrownBy(() -> v5("hex(b):01,02,03,04,05,06,07")).hasMessage("hex(b) QWORD has 7 bytes instead of 8");
        assertThatThrownBy(() -> v5("hex(B):01,02,03,04,05,06,07,08,09")).hasMessage("hex(b) QWORD has 9 bytes instead of 8");
    }

    @Test
    void hexStringsAreUtf16InVersion5ExportsAndAnsiInRegedit4AndEndAtTheirTerminator() throws Exception {
        RegistryValue sz = v5("hex(1):4e,00,44,00,45,00,53,00,00,00,78,00");
        assertThat(sz.type()).isEqualTo(RegistryValueType.REG_SZ);
        assertThat(sz.string()).contains("NDES");
        RegistryValue expand = v5("hex(2):25,00,53,00,25,00");
        assertThat(expand.type()).isEqualTo(RegistryValueType.REG_EXPAND_SZ);
        assertThat(expand.string()).contains("%S%");
        RegistryValue ansi = RegValueDecoder.decode("Path", "hex(2):25,53,79,73,fc,00", false).orElseThrow();
        assertThat(ansi.string()).contains("%Sysü");
    }

    @Test
    void aMultiStringEndsAtItsFirstEmptyString() throws Exception {
        RegistryValue multi = v5("hex(7):61,00,00,00,62,00,00,00,00,00,63,00,00,00");
        assertThat(multi.type()).isEqualTo(RegistryValueType.REG_MULTI_SZ);
        assertThat(multi.strings()).containsExactly("a", "b");
        assertThat(RegValueDecoder.decode("M", "hex(7):6f,6e,65,00,74,77,6f,00,00", false).orElseThrow().strings())
                .containsExactly("one", "two");
    }

    @Test
    void binaryNoneAndUnknownTypesAreKeptAsTheirBytes() throws Exception {
        assertThat(v5("hex:01,ff").type()).isEqualTo(RegistryValueType.REG_BINARY);
        assertThat(v5("hex:01,ff").hex()).isEqualTo("01FF");
        assertThat(v5("hex:").bytes()).isEmpty();
        assertThat(v5("hex(0):0a").type()).isEqualTo(RegistryValueType.REG_NONE);
        assertThat(v5("hex(3):0a").type()).isEqualTo(RegistryValueType.REG_BINARY);
        RegistryValue resources = v5("hex(8):01,00");
        assertThat(resources.type()).isEqualTo(RegistryValueType.OTHER);
        assertThat(resources.bytes()).containsExactly(1, 0);
    }

    @Test
    void aTypeNumberWithTheHighBitSetAsDevicePropertiesAreExportedIsKeptAsRawBytes() throws Exception {
        RegistryValue property = v5("hex(ffff0012):4e,00,00,00");
        assertThat(property.type()).isEqualTo(RegistryValueType.OTHER);
        assertThat(property.bytes()).containsExactly(0x4e, 0, 0, 0);
        assertThat(v5("hex(80000000):").type()).isEqualTo(RegistryValueType.OTHER);
        String reg = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\A]\r\n"
                + "\"V\"=hex(ffff0012):00\r\n\"W\"=dword:00000001\r\n";
        var part = RegistryReader.read(new MemoryBundleSource(java.util.Map.of("registry/a.reg",
                reg.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "NDES01"), BundleLimits.defaults());
        assertThat(part.problems()).isEmpty();
        assertThat(part.value().orElseThrow().value("HKEY_LOCAL_MACHINE\\SYSTEM\\A", "W").orElseThrow().number()).hasValue(1);
    }

    @Test
    void hexFormsThatRegImportRefusesAreProblemsQuotingTheForm() {
        assertThatThrownBy(() -> v5("hex(123456789):00")).hasMessage("unknown value form \"hex(123456789):\"");
        assertThatThrownBy(() -> v5("hex(zz):00")).hasMessage("unknown value form \"hex(zz):\"");
        assertThatThrownBy(() -> v5("hex()")).hasMessage("hex value lacks ':'");
        assertThatThrownBy(() -> v5("hex:0g")).hasMessage("hex byte \"0g\" is not two hex digits");
        assertThatThrownBy(() -> v5("hex:123")).hasMessage("hex byte \"123\" is not two hex digits");
        assertThatThrownBy(() -> v5("hex:,0a")).hasMessage("hex byte \"\" is not two hex digits");
    }

    @Test
    void hexListsAcceptSpacesUpperCaseSingleDigitsAndATrailingComma() throws Exception {
        assertThat(RegValueDecoder.hexBytes(" 0A, Ff ,3")).containsExactly(0x0a, 0xff, 0x03);
        assertThat(RegValueDecoder.hexBytes("0a,,0b,")).containsExactly(0x0a, 0x0b);
        assertThat(RegValueDecoder.hexBytes("   ")).isEmpty();
        assertThat(RegValueDecoder.hexBytes("a")).containsExactly(0x0a);
    }

    @Test
    void aQuotedStringIsUnescapedAndTextAfterItsClosingQuoteIsRefused() throws Exception {
        RegistryValue s = v5("\"C:\\\\Program Files\\\\Microsoft Intune\\\\ \\\"NDES\\\"\"");
        assertThat(s.type()).isEqualTo(RegistryValueType.REG_SZ);
        assertThat(s.string()).contains("C:\\Program Files\\Microsoft Intune\\ \"NDES\"");
        assertThat(v5("\"\"").string()).contains("");
        assertThat(v5("\"x\"   ").string()).contains("x");
        assertThatThrownBy(() -> v5("\"x\" y")).hasMessage("text after the closing quote of a string value");
        assertThatThrownBy(() -> v5("\"x")).hasMessage("string value has no closing quote");
        assertThatThrownBy(() -> v5("\"x\\\"")).hasMessage("string value has no closing quote");
    }

    @Test
    void aDashDeletesTheValueAndAnythingElseIsNoForm() throws Exception {
        assertThat(RegValueDecoder.decode("Gone", " - ", true)).isEmpty();
        assertThatThrownBy(() -> v5("qword:1")).hasMessage("value \"qword:1\" is none of the .reg forms "
                + "(\"text\", dword:, hex:, hex(N):, -)");
    }

    @Test
    void longTextInAProblemIsCutAfterFortyCharacters() {
        assertThat(RegValueDecoder.abbreviate("x".repeat(40))).isEqualTo("x".repeat(40));
        assertThat(RegValueDecoder.abbreviate("x".repeat(41))).isEqualTo("x".repeat(40) + "…");
        assertThat(RegValueDecoder.unescape("trailing\\")).isEqualTo("trailing\\");
        assertThat(RegValueDecoder.closingQuote("\"a\\\"b\"c")).isEqualTo(5);
    }
}
