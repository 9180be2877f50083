package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The record structure of CMTrace logs (NDESPlugin.log, the connector's logs): where a record starts
 * and ends, several on one line, the record bound, the {@code type} severity (1 information, 2 warning,
 * 3 error) and the bias, which is the Windows time-zone bias in minutes, UTC = local time + bias
 * (https://learn.microsoft.com/en-us/windows/win32/api/timezoneapi/ns-timezoneapi-time_zone_information),
 * so within UTC-14:00..UTC+14:00 (-840..+840 minutes, the range of Windows time zones). Written from the
 * format, not captures.
 */
class CmTraceRecordsTest {

    private static String record(String message, String time, String type) {
        return "<![LOG[" + message + "]LOG]!><time=\"" + time + "\" date=\"11-20-2026\" component=\"NDESPlugin\" context=\"\" type=\""
                + type + "\" thread=\"77\" file=\"\">";
    }

    private static Read<CmTraceEntry> read(String text) throws Exception {
        return Read.of(CmTraceReader.create(OptionalInt.empty()), text);
    }

    @Test
    void twoRecordsOnOneLineAreBothRead() throws Exception {
        Read<CmTraceEntry> r = read(record("Calling VerifyRequest", "10:00:00.000+0", "1") + record("Error 12175", "10:00:01.000+0", "3")
                + "\r\n" + record("Done", "10:00:02.000+0", "2") + "\r\n");

        assertThat(r.entries()).extracting(CmTraceEntry::message).containsExactly("Calling VerifyRequest", "Error 12175", "Done");
        assertThat(r.entries()).extracting(CmTraceEntry::severity)
                .containsExactly(CmTraceSeverity.INFORMATION, CmTraceSeverity.ERROR, CmTraceSeverity.WARNING);
        assertThat(r.entries()).extracting(CmTraceEntry::line).containsExactly(1L, 1L, 2L);
        assertThat(r.summary().skippedTotal()).isZero();
        assertThat(r.summary().lines()).isEqualTo(2);
        assertThat(r.summary().entries()).isEqualTo(3);
    }

    @Test
    void textBeforeARecordOnItsLineIsCountedOutsideAndTheRecordRead() throws Exception {
        Read<CmTraceEntry> r = read("garbage " + record("Calling VerifyRequest", "10:00:00.000+0", "1") + "\r\n");

        assertThat(r.entries()).extracting(CmTraceEntry::message).containsExactly("Calling VerifyRequest");
        assertThat(r.summary().skipped(SkipReason.OUTSIDE_RECORD)).isEqualTo(1);
    }

    @Test
    void recordThatAnotherRecordInterruptsIsCountedUnterminatedAtItsFirstLine() throws Exception {
        Read<CmTraceEntry> r = read("\r\n<![LOG[Sending request\r\n" + record("Error 12175", "10:00:01.000+0", "3") + "\r\n"
                + "<![LOG[cut " + record("Done", "10:00:02.000+0", "1") + "\r\n");

        assertThat(r.entries()).extracting(CmTraceEntry::message).containsExactly("Error 12175", "Done");
        assertThat(r.summary().skipped(SkipReason.UNTERMINATED_RECORD)).isEqualTo(2);
        assertThat(r.summary().firstSkippedLines()).containsExactly(2L, 4L);
        assertThat(r.summary().skippedTotal()).isEqualTo(2); // the cut record's text is not counted again as outside any record
    }

    @Test
    void recordOfExactlyTheBoundIsKeptAndOneCharacterMoreSkipped() throws Exception {
        CmTraceReader reader = CmTraceReader.withBounds(OptionalInt.empty(), 1024, 64);
        String atBound = record("m".repeat(64), "10:00:00.000+0", "1") + "\r\n";
        String over = record("o".repeat(65), "10:00:00.000+0", "1") + "\r\n";
        // over two lines: 40 characters, the line break, 23 characters = 64
        String twoLines = "<![LOG[" + "a".repeat(40) + "\r\n" + record("b".repeat(23), "10:00:00.000+0", "1").substring(7) + "\r\n";
        String twoLinesOver = "<![LOG[" + "a".repeat(40) + "\r\n" + record("b".repeat(24), "10:00:00.000+0", "1").substring(7) + "\r\n";
        // a first line of 63 characters and its break fill the bound; the end marker comes at the start of the next
        String fullFirstLine = "<![LOG[" + "c".repeat(63) + "\r\n" + record("", "10:00:00.000+0", "1").substring(7) + "\r\n";

        Read<CmTraceEntry> r = Read.of(reader, atBound + over + twoLines + twoLinesOver + fullFirstLine);

        assertThat(r.entries()).extracting(e -> e.message().length()).containsExactly(64, 64, 64);
        assertThat(r.entries().get(1).message()).isEqualTo("a".repeat(40) + "\n" + "b".repeat(23));
        assertThat(r.summary().skipped(SkipReason.RECORD_TOO_LONG)).isEqualTo(2);
        assertThat(r.summary().firstSkippedLines()).containsExactly(2L, 5L);
    }

    @Test
    void lineOverTheLineBoundInsideARecordMakesTheRecordTooLong() throws Exception {
        CmTraceReader reader = CmTraceReader.withBounds(OptionalInt.empty(), 200, 1024);
        String text = "<![LOG[start\r\n" + "x".repeat(300) + "\r\nend]LOG]!><time=\"10:00:00.000+0\" date=\"11-20-2026\" type=\"1\">\r\n"
                + record("next", "10:00:01.000+0", "1") + "\r\n";

        Read<CmTraceEntry> r = Read.of(reader, text);

        assertThat(r.entries()).extracting(CmTraceEntry::message).containsExactly("next");
        assertThat(r.summary().skipped(SkipReason.RECORD_TOO_LONG)).isEqualTo(1);
        assertThat(r.summary().skipped(SkipReason.LINE_TOO_LONG)).isZero();
    }

    @Test
    void boundsBelowSixtyFourCharactersAreRefusedAndSixtyFourReadsShortRecords() throws Exception {
        assertThatThrownBy(() -> CmTraceReader.withBounds(OptionalInt.empty(), 63, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CmTraceReader.withBounds(OptionalInt.empty(), 64, 63)).isInstanceOf(IllegalArgumentException.class);
        Read<CmTraceEntry> r = Read.of(CmTraceReader.withBounds(OptionalInt.empty(), 64, 64),
                "<![LOG[x]LOG]!><time=\"10:00:00.000+0\" date=\"11-20-2026\">\r\n");
        assertThat(r.entries()).extracting(CmTraceEntry::message).containsExactly("x");
    }

    @Test
    void biasUpToFourteenHoursEitherWayGivesUtcAndBeyondIsMalformed() throws Exception {
        Read<CmTraceEntry> r = read(record("east", "10:00:00.000-840", "1") + "\r\n" + record("west", "10:00:00.000+840", "1") + "\r\n"
                + record("beyond", "10:00:00.000+841", "1") + "\r\n" + record("beyond", "10:00:00.000-841", "1") + "\r\n");

        assertThat(r.entries()).extracting(e -> e.time().orElseThrow())
                .containsExactly(Instant.parse("2026-11-19T20:00:00Z"), Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(r.summary().skipped(SkipReason.MALFORMED_RECORD)).isEqualTo(2);
    }

    @Test
    void timeWithoutFractionReadsWholeSeconds() throws Exception {
        CmTraceEntry e = Read.of(CmTraceReader.create(OptionalInt.of(60)), record("x", "9:05:07", "1") + "\r\n").entries().get(0);

        assertThat(e.localTime()).isEqualTo(LocalDateTime.of(2026, 11, 20, 9, 5, 7));
        assertThat(e.time()).contains(Instant.parse("2026-11-20T08:05:07Z"));
        assertThat(e.timeBasis()).isEqualTo(TimeBasis.COLLECTION_OFFSET);
    }

    @Test
    void recordWithoutDateOrTimeOrWithoutAttributeTagIsMalformed() throws Exception {
        String noDate = "<![LOG[a]LOG]!><time=\"10:00:00.000+0\" component=\"NDESPlugin\" type=\"1\">\r\n";
        String noTime = "<![LOG[b]LOG]!><date=\"11-20-2026\" component=\"NDESPlugin\" type=\"1\">\r\n";
        String noTag = "<![LOG[c]LOG]!>time=\"10:00:00.000+0\" date=\"11-20-2026\" type=\"1\">\r\n";
        Read<CmTraceEntry> r = read(noDate + noTime + noTag + record("d", "10:00:00.000+0", "1") + "\r\n");

        assertThat(r.entries()).extracting(CmTraceEntry::message).containsExactly("d");
        assertThat(r.summary().skipped(SkipReason.MALFORMED_RECORD)).isEqualTo(3);
        assertThat(r.summary().firstSkippedLines()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void typeOtherThanOneTwoThreeOrMissingIsUnknownSeverity() throws Exception {
        Read<CmTraceEntry> r = read(record("a", "10:00:00.000+0", "0") + record("b", "10:00:00.000+0", " 2 ")
                + "<![LOG[c]LOG]!><time=\"10:00:00.000+0\" date=\"11-20-2026\">\r\n");

        assertThat(r.entries()).extracting(CmTraceEntry::severity)
                .containsExactly(CmTraceSeverity.UNKNOWN, CmTraceSeverity.WARNING, CmTraceSeverity.UNKNOWN);
        assertThat(r.entries().get(2).component()).isEmpty();
        assertThat(r.entries().get(2).thread()).isEmpty();
    }

    @Test
    void sinkThatReturnsFalseStopsAfterThatRecord() throws Exception {
        Read<CmTraceEntry> r = Read.untilFirst(CmTraceReader.create(OptionalInt.empty()),
                record("a", "10:00:00.000+0", "1") + record("b", "10:00:00.000+0", "1") + "\r\n");
        ReadSummary s = r.summary();

        assertThat(r.entries()).extracting(CmTraceEntry::message).containsExactly("a");
        assertThat(s.stoppedEarly()).isTrue();
        assertThat(s.entries()).isEqualTo(1);
    }

    @Test
    void overlongLineOutsideRecordsIsCountedAtItsLine() throws Exception {
        CmTraceReader reader = CmTraceReader.withBounds(OptionalInt.empty(), 200, 1024);
        Read<CmTraceEntry> r = Read.of(reader, record("a", "10:00:00.000+0", "1") + "\r\n" + "y".repeat(201) + "\r\n"
                + record("b", "10:00:00.000+0", "1") + "\r\n");

        assertThat(r.entries()).extracting(CmTraceEntry::message).containsExactly("a", "b");
        assertThat(r.summary().skipped(SkipReason.LINE_TOO_LONG)).isEqualTo(1);
        assertThat(r.summary().firstSkippedLines()).containsExactly(2L);
    }
}
