package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Text is decoded as Windows tools write it, from the bytes alone: a BOM (UTF-8, UTF-16LE, UTF-16BE)
 * is honoured and dropped, UTF-16 without a BOM is recognised by its zero bytes, else strict UTF-8,
 * else Windows-1252 (what {@code reg export} of an ANSI console and old tools write).
 */
class TextEncodingDetectionTest {

    private static byte[] bom(int... bom) {
        byte[] b = new byte[bom.length];
        for (int i = 0; i < bom.length; i++) {
            b[i] = (byte) bom[i];
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static final String TEXT = "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP]\r\n\"EncryptionTemplate\"=\"NDES-Zertifikat\"\r\n";

    @Test
    void eachByteOrderMarkChoosesItsCharsetAndIsDropped() {
        assertThat(WindowsText.decode(concat(bom(0xEF, 0xBB, 0xBF), "Grüße".getBytes(StandardCharsets.UTF_8)))).isEqualTo("Grüße");
        assertThat(WindowsText.decode(concat(bom(0xFF, 0xFE), "Grüße".getBytes(StandardCharsets.UTF_16LE)))).isEqualTo("Grüße");
        assertThat(WindowsText.decode(concat(bom(0xFE, 0xFF), "Grüße".getBytes(StandardCharsets.UTF_16BE)))).isEqualTo("Grüße");
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRecognisedByItsZeroBytesInEitherOrder() {
        assertThat(WindowsText.decode(TEXT.getBytes(StandardCharsets.UTF_16LE))).isEqualTo(TEXT);
        assertThat(WindowsText.decode(TEXT.getBytes(StandardCharsets.UTF_16BE))).isEqualTo(TEXT);
        assertThat(WindowsText.decode("ab".getBytes(StandardCharsets.UTF_16LE))).isEqualTo("ab");
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsWindows1252AndValidUtf8AsUtf8() {
        assertThat(WindowsText.decode("Zertifikatsanforderung für NDES".getBytes(Charset.forName("windows-1252"))))
                .isEqualTo("Zertifikatsanforderung für NDES");
        assertThat(WindowsText.decode("Zertifikatsanforderung für NDES".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Zertifikatsanforderung für NDES");
        assertThat(WindowsText.decode(new byte[] {'x'})).isEqualTo("x");
        assertThat(WindowsText.decode(new byte[0])).isEmpty();
    }

    @Test
    void textWithAFewZeroBytesIsNotTakenForUtf16() {
        // a third of the bytes at odd offsets are zero: too few for UTF-16LE
        byte[] mostlyText = "a\0bcd\0efghij".getBytes(StandardCharsets.US_ASCII);
        assertThat(WindowsText.decode(mostlyText)).isEqualTo("a\0bcd\0efghij");
    }

    @Test
    void aUtf16StringWithManyNonLatinCharactersIsNotTakenForTheOtherByteOrder() {
        // CJK text in UTF-16LE has few zero bytes; with its BOM it is still read right
        String text = "証明書テンプレート";
        assertThat(WindowsText.decode(concat(bom(0xFF, 0xFE), text.getBytes(StandardCharsets.UTF_16LE)))).isEqualTo(text);
    }

    private static String readAll(byte[] bytes) throws IOException {
        try (Reader r = TextDecoder.reader(new ByteArrayInputStream(bytes))) {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[7];
            for (int n; (n = r.read(buf)) >= 0; ) {
                b.append(buf, 0, n);
            }
            return b.toString();
        }
    }

    @Test
    void aStreamIsDecodedByItsFirstBytesAfterItsByteOrderMarkAndBadBytesAreReplaced() throws IOException {
        String log = "<Event><System><Provider Name='NDES'/></System></Event>\r\n".repeat(20);
        assertThat(readAll(concat(bom(0xFF, 0xFE), log.getBytes(StandardCharsets.UTF_16LE)))).isEqualTo(log);
        assertThat(readAll(log.getBytes(StandardCharsets.UTF_16LE))).isEqualTo(log);
        assertThat(readAll(concat(bom(0xEF, 0xBB, 0xBF), log.getBytes(StandardCharsets.UTF_8)))).isEqualTo(log);
        assertThat(readAll(new byte[] {'o', 'k', (byte) 0xFF, '!'})).isEqualTo("ok\uFFFD!");
        assertThat(readAll(new byte[0])).isEmpty();
    }

    @Test
    void aFileThatIsOnlyAByteOrderMarkIsEmptyText() {
        assertThat(WindowsText.decode(bom(0xEF, 0xBB, 0xBF))).isEmpty();
        assertThat(WindowsText.decode(bom(0xFF, 0xFE))).isEmpty();
        assertThat(WindowsText.decode(bom(0xFE, 0xFF))).isEmpty();
        assertThat(WindowsText.decode(bom(0xEF, 0xBB))).isEqualTo("ï»");
    }

    @Test
    void utf16LittleEndianNeedsMoreThanHalfTheOddBytesZeroAndUnderAQuarterOfTheEvenOnes() {
        // four pairs: three zero odd bytes are UTF-16LE, two are not
        assertThat(WindowsText.decode(new byte[] {'a', 0, 'b', 0, 'c', 0, 'd', 'e'})).isEqualTo("abc\u6564");
        assertThat(WindowsText.decode(new byte[] {'a', 0, 'b', 0, 'c', 'x', 'd', 'e'})).isEqualTo("a\0b\0cxde");
        // four pairs with every odd byte zero, but one even byte zero too: not UTF-16LE
        assertThat(WindowsText.decode(new byte[] {0, 0, 'b', 0, 'c', 0, 'd', 0})).isEqualTo("\0\0b\0c\0d\0");
    }

    @Test
    void utf16BigEndianNeedsMoreThanHalfTheEvenBytesZeroAndUnderAQuarterOfTheOddOnes() {
        assertThat(WindowsText.decode(new byte[] {0, 'a', 0, 'b', 0, 'c', 'd', 'e'})).isEqualTo("abc\u6465");
        assertThat(WindowsText.decode(new byte[] {0, 'a', 0, 'b', 'x', 'c', 'd', 'e'})).isEqualTo("\0a\0bxcde");
        assertThat(WindowsText.decode(new byte[] {0, 0, 0, 'b', 0, 'c', 0, 'd'})).isEqualTo("\0\0\0b\0c\0d");
    }

    @Test
    void onlyTheFirst512BytesDecideTheEncoding() {
        byte[] ascii = "x".repeat(512).getBytes(StandardCharsets.US_ASCII);
        byte[] then = "yz".getBytes(StandardCharsets.UTF_16LE);
        assertThat(WindowsText.decode(concat(ascii, then))).isEqualTo("x".repeat(512) + "y\0z\0");
    }
}
