package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What every reader shares: lines at the bound (the bound counts the characters before the LF, a CR
 * included), streams that deliver a few bytes at a time (a zip entry, a pipe), a file that is only a
 * byte order mark, the stream closed at the end, and the one-sentence summary a finding quotes.
 */
class LinesAndSummaryTest {

    /** A stream that hands out at most one byte per read, as a slow pipe may. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private int pos;
        final AtomicBoolean closed = new AtomicBoolean();

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= bytes.length) {
                return -1;
            }
            b[off] = bytes[pos++];
            return 1;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static List<TextLine> plain(int max, String text) throws IOException {
        List<TextLine> out = new ArrayList<>();
        PlainTextReader.withMaxLine(max).read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out::add);
        return out;
    }

    @Test
    void lineOfExactlyTheBoundIsKeptAndOneLongerSkippedInEveryLineReader() throws Exception {
        String text = "a".repeat(99) + "\n" + "b".repeat(100) + "\n" + "c".repeat(101) + "\n" + "d".repeat(99) + "\r\n" + "e";
        Read<TextLine> r = Read.of(PlainTextReader.withMaxLine(100), text);

        assertThat(r.entries()).extracting(TextLine::line).containsExactly(1L, 2L, 4L, 5L);
        assertThat(r.entries()).extracting(TextLine::text).containsExactly("a".repeat(99), "b".repeat(100), "d".repeat(99), "e");
        assertThat(r.summary().skipped(SkipReason.LINE_TOO_LONG)).isEqualTo(1);
        assertThat(r.summary().lines()).isEqualTo(5);
        assertThat(r.summary().entries()).isEqualTo(4);
        assertThat(r.summary().endedMidLine()).isTrue();

        List<Long> bytes = new ArrayList<>();
        List<Boolean> overlong = new ArrayList<>();
        try (ByteLines lines = new ByteLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), 100)) {
            while (lines.next()) {
                bytes.add((long) lines.length());
                overlong.add(lines.overlong());
            }
        }
        assertThat(overlong).containsExactly(false, false, true, false, false);
        assertThat(bytes).containsExactly(99L, 100L, 100L, 99L, 1L);
    }

    @Test
    void logDeliveredOneByteAtATimeReadsLikeTheWholeFile() throws Exception {
        String w3c = "#Fields: date time cs-uri-stem sc-status\r\n" + "2026-11-20 08:00:00 /certsrv/mscep/mscep.dll 200\r\n".repeat(3)
                + "2026-11-20 08:00:01 /" + "p".repeat(20_000) + " 500\r\n" + "2026-11-20 08:00:02 /certsrv/mscep/mscep.dll 503";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = w3c.getBytes(StandardCharsets.US_ASCII);
        byte[] withBom = new byte[body.length + 3];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(body, 0, withBom, 3, body.length);
        List<W3cEntry> trickled = new ArrayList<>();
        Trickle in = new Trickle(withBom);

        ReadSummary s = W3cLogReader.create().read(in, trickled::add);

        assertThat(trickled).isEqualTo(Read.of(W3cLogReader.create(), w3c).entries());
        assertThat(trickled).extracting(e -> e.status().getAsInt()).containsExactly(200, 200, 200, 500, 503);
        assertThat(s.skippedTotal()).isZero();
        assertThat(in.closed).isTrue();
    }

    @Test
    void longLineOverTheBoundDeliveredSlowlyIsSkippedAndTheNextRead() throws Exception {
        String text = "#Fields: date time sc-status\n" + "2026-11-20 08:00:00 " + "9".repeat(300) + "\n2026-11-20 08:00:01 200\n";
        List<W3cEntry> out = new ArrayList<>();
        ReadSummary s = W3cLogReader.withMaxLine(64).read(new Trickle(text.getBytes(StandardCharsets.US_ASCII)), out::add);

        assertThat(out).extracting(e -> e.status().getAsInt()).containsExactly(200);
        assertThat(s.skipped(SkipReason.LINE_TOO_LONG)).isEqualTo(1);
        assertThat(s.firstSkippedLines()).containsExactly(2L);
    }

    @Test
    void fileOfOnlyAByteOrderMarkOrTwoBytesHasNoLines() throws Exception {
        Read<W3cEntry> bomOnly = Read.of(W3cLogReader.create(), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Read<W3cEntry> twoBytes = Read.of(W3cLogReader.create(), new byte[] {'#', '\n'});

        assertThat(bomOnly.summary().lines()).isZero();
        assertThat(twoBytes.summary().lines()).isEqualTo(1);
        assertThat(twoBytes.summary().skippedTotal()).isZero();
    }

    @Test
    void everyReaderClosesTheStreamItRead() throws Exception {
        byte[] text = "line\n".getBytes(StandardCharsets.US_ASCII);
        List<EvidenceReader<?>> readers = List.of(W3cLogReader.create(), HttpErrLogReader.create(), PlainTextReader.create(),
                CmTraceReader.create(OptionalInt.empty()), SvcLogReader.create(), EventXmlReader.forLog("Application"));
        for (EvidenceReader<?> reader : readers) {
            Trickle in = new Trickle(text);
            reader.read(in, e -> true);
            assertThat(in.closed).as(reader.getClass().getSimpleName()).isTrue();
        }
    }

    @Test
    void plainTextSinkThatReturnsFalseStopsTheRead() throws Exception {
        Read<TextLine> r = Read.untilFirst(PlainTextReader.create(), "a\nb\nc\n");
        ReadSummary s = r.summary();

        assertThat(r.entries()).extracting(TextLine::text).containsExactly("a");
        assertThat(s.stoppedEarly()).isTrue();
        assertThat(s.lines()).isEqualTo(1);
    }

    @Test
    void plainTextLineBoundOfOneIsAllowedAndZeroRefused() throws Exception {
        assertThatThrownBy(() -> PlainTextReader.withMaxLine(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(plain(1, "a\nbb\n")).extracting(TextLine::text).containsExactly("a");
    }

    @Test
    void summaryNamesEachReasonWithItsCountAndTheFirstLines() {
        Tally t = new Tally();
        for (long line : new long[] {4, 9, 12, 13, 20, 31}) {
            t.skip(line == 9 ? SkipReason.LINE_TOO_LONG : SkipReason.FIELD_COUNT, line);
        }
        ReadSummary s = t.summary();

        assertThat(s.firstSkippedLines()).containsExactly(4L, 9L, 12L, 13L, 20L);
        assertThat(s.skippedTotal()).isEqualTo(6);
        assertThat(s.describeSkipped()).isEqualTo("6 skipped: 1 longer than the line bound, 5 field count differs from its #Fields "
                + "directive (first at lines 4, 9, 12, 13, 20)");
    }

    @Test
    void summaryOfOneSkipNamesItsLineAndOfNoneSaysSo() {
        Tally one = new Tally();
        one.skip(SkipReason.BAD_TIME, 7);

        assertThat(one.summary().describeSkipped()).isEqualTo("1 skipped: 1 date or time not readable (first at line 7)");
        assertThat(new Tally().summary().describeSkipped()).isEqualTo("none skipped");
        assertThat(new ReadSummary(3, 0, Map.of(SkipReason.BAD_TIME, 2L), List.of(), false, false).describeSkipped())
                .isEqualTo("2 skipped: 2 date or time not readable");
    }

    @Test
    void reasonCountedZeroTimesIsNoReason() {
        ReadSummary s = new ReadSummary(3, 3, Map.of(SkipReason.BAD_TIME, 0L, SkipReason.FIELD_COUNT, 1L), List.of(2L), false, false);

        assertThat(s.skipped()).containsOnlyKeys(SkipReason.FIELD_COUNT);
        assertThat(s.skipped(SkipReason.BAD_TIME)).isZero();
    }

    /** A log of the bundle and a command's captured output are read like any stream. */
    @Test
    void logFileAndBlobAreReadLikeTheirBytes() throws Exception {
        byte[] text = "first\nsecond\n".getBytes(StandardCharsets.US_ASCII);
        dev.ndesdiag.api.snapshot.LogFile log = new dev.ndesdiag.api.snapshot.LogFile() {
            @Override
            public String path() {
                return "logs/ndes/NDESPlugin.log";
            }

            @Override
            public long size() {
                return text.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(text);
            }
        };
        List<TextLine> fromLog = new ArrayList<>();
        List<TextLine> fromBlob = new ArrayList<>();

        assertThat(PlainTextReader.create().read(log, fromLog::add).entries()).isEqualTo(2);
        assertThat(PlainTextReader.create().read(dev.ndesdiag.api.snapshot.Blob.of(text), fromBlob::add).entries()).isEqualTo(2);
        assertThat(fromLog).isEqualTo(fromBlob).extracting(TextLine::text).containsExactly("first", "second");
    }
}
