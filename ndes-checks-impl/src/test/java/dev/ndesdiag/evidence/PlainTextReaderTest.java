package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Plain-text logs: certocm.log and console captures, in UTF-8 or UTF-16LE with BOM, CRLF or LF. */
class PlainTextReaderTest {

    @Test
    void utf16WithBomAndMixedLineEndsReadsLineByLine() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        b.write("CertSrv Setup: Trying to load NDES\r\nIIS applicationHost: mscep\nlast line".getBytes(StandardCharsets.UTF_16LE));
        Read<TextLine> r = Read.of(PlainTextReader.create(), b.toByteArray());

        assertThat(r.entries()).extracting(TextLine::text)
                .containsExactly("CertSrv Setup: Trying to load NDES", "IIS applicationHost: mscep", "last line");
        assertThat(r.entries()).extracting(TextLine::line).containsExactly(1L, 2L, 3L);
        assertThat(r.summary().endedMidLine()).isTrue();
    }

    @Test
    void lineLongerThanTheBoundIsSkippedAndTheNextRead() throws Exception {
        Read<TextLine> r = Read.of(PlainTextReader.withMaxLine(10), "short\n" + "y".repeat(100) + "\nafter\n");

        assertThat(r.entries()).extracting(TextLine::text).containsExactly("short", "after");
        assertThat(r.summary().skipped(SkipReason.LINE_TOO_LONG)).isEqualTo(1);
        assertThat(r.summary().endedMidLine()).isFalse();
    }
}
