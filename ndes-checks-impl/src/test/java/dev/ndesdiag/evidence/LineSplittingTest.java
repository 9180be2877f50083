package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both line splitters against a plain reference, on seeded random texts of several buffers' length
 * (lines crossing the buffer edges, CRLF split across it, LF and CRLF mixed, empty lines,
 * lines over the bound, a last line without a break): same lines, same numbers, same flags.
 */
class LineSplittingTest {

    private record Line(long number, String text, boolean overlong, boolean unterminated) {
    }

    private static List<Line> reference(String text, int max) {
        List<Line> out = new ArrayList<>();
        int start = 0;
        long n = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            boolean unterminated = nl < 0;
            int end = unterminated ? text.length() : nl;
            String line = text.substring(start, end);
            boolean overlong = line.length() > max;
            if (!overlong && line.endsWith("\r") && !unterminated) {
                line = line.substring(0, line.length() - 1);
            }
            out.add(new Line(++n, overlong ? "" : line, overlong, unterminated));
            start = end + 1;
        }
        return out;
    }

    private static String randomText(Random r, int max) {
        StringBuilder b = new StringBuilder();
        while (b.length() < 300_000) {
            int kind = r.nextInt(20);
            int len = kind == 0 ? max + 1 + r.nextInt(3 * max) : kind == 1 ? 0 : r.nextInt(Math.min(max, 400));
            for (int i = 0; i < len; i++) {
                b.append((char) ('a' + r.nextInt(26)));
            }
            b.append(r.nextBoolean() ? "\r\n" : "\n");
        }
        if (r.nextBoolean()) {
            b.append("tail without a line break");
        }
        return b.toString();
    }

    @Test
    void charAndByteSplittersAgreeWithTheReferenceOnRandomTexts() throws Exception {
        for (long seed = 1; seed <= 12; seed++) {
            Random r = new Random(seed);
            int max = 64 + r.nextInt(5000);
            String text = randomText(r, max);
            List<Line> expected = reference(text, max);

            List<Line> chars = new ArrayList<>();
            try (LineSource s = new LineSource(new StringReader(text), max)) {
                String line;
                while ((line = s.next()) != null) {
                    chars.add(new Line(s.number(), s.overlong() ? "" : line, s.overlong(), s.unterminated()));
                }
            }
            List<Line> bytes = new ArrayList<>();
            try (ByteLines s = new ByteLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), max)) {
                while (s.next()) {
                    String line = new String(s.buffer(), s.start(), s.length(), StandardCharsets.US_ASCII);
                    bytes.add(new Line(s.number(), s.overlong() ? "" : line, s.overlong(), s.unterminated()));
                }
            }

            assertThat(chars).as("chars, seed " + seed).isEqualTo(expected);
            assertThat(bytes).as("bytes, seed " + seed).isEqualTo(expected);
        }
    }

    /**
     * The byte splitter's buffer starts at {@value ByteLines#INITIAL} bytes and grows for a line that
     * does not fit, up to the bound: lines of every length around its sizes (8, 16, 32, 64 KiB) and
     * the bound read as the reference reads them.
     */
    @Test
    void byteSplitterGrowsItsBufferForALongLineUpToTheBound() throws Exception {
        int max = 100_000;
        StringBuilder b = new StringBuilder();
        Random r = new Random(42);
        for (int size : new int[] {10, ByteLines.INITIAL - 2, ByteLines.INITIAL - 1, ByteLines.INITIAL, ByteLines.INITIAL + 1, 3,
                2 * ByteLines.INITIAL + 5, 40_000, ByteLines.STREAMING - 1, ByteLines.STREAMING + 7, max - 1, max, max + 1, 5, 3 * max, 7}) {
            for (int i = 0; i < size; i++) {
                b.append((char) ('a' + r.nextInt(26)));
            }
            b.append(r.nextBoolean() ? "\r\n" : "\n");
        }
        String text = b.append("last").toString();
        List<Line> bytes = new ArrayList<>();
        try (ByteLines s = new ByteLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), max)) {
            while (s.next()) {
                String line = new String(s.buffer(), s.start(), s.length(), StandardCharsets.US_ASCII);
                bytes.add(new Line(s.number(), s.overlong() ? "" : line, s.overlong(), s.unterminated()));
            }
        }
        assertThat(bytes).isEqualTo(reference(text, max));
    }
}
