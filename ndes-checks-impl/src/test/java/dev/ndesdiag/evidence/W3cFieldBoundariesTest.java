package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edges of the W3C-style fields the NDES checks rely on: the UTC time IIS writes from {@code date}
 * ({@code YYYY-MM-DD}) and {@code time} ({@code hh:mm:ss}) (format: "W3C Extended Log File Format (IIS 6.0)",
 * https://learn.microsoft.com/en-us/previous-versions/iis/6.0-sdk/ms525807(v=vs.90): "date ... YYYY-MM-DD",
 * "time ... HH:MM:SS" in UTC), the numeric status fields (sc-win32-status is unsigned 32-bit, so 2148204809
 * is 0x800B0109), the query string and the directive lines. Lines written from the documented format.
 */
class W3cFieldBoundariesTest {

    private static final String FIELDS = "#Fields: date time cs-uri-stem cs-uri-query sc-status sc-substatus sc-win32-status time-taken\r\n";

    private static String line(String date, String time) {
        return date + " " + time + " /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps 200 0 0 15\r\n";
    }

    private static Read<W3cEntry> read(String text) throws Exception {
        return Read.of(W3cLogReader.create(), text);
    }

    @Test
    void timesAtTheEdgesOfTheDayReadAsTheirUtcInstant() throws Exception {
        Read<W3cEntry> r = read(FIELDS + line("2026-11-20", "00:00:00") + line("2026-11-20", "23:59:59")
                + line("2026-11-21", "10:59:00") + line("2026-12-31", "08:01:02.123"));

        assertThat(r.summary().skippedTotal()).isZero();
        assertThat(r.entries()).extracting(e -> e.time().orElseThrow()).containsExactly(
                Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-20T23:59:59Z"),
                Instant.parse("2026-11-21T10:59:00Z"), Instant.parse("2026-12-31T08:01:02Z"));
    }

    @Test
    void leapSecondSixtyIsReadAsTheFollowingSecond() throws Exception {
        W3cEntry e = read(FIELDS + line("2016-12-31", "23:59:60")).entries().get(0);

        assertThat(e.time()).contains(Instant.parse("2017-01-01T00:00:00Z"));
    }

    @Test
    void timeOutOfRangeOrNotInHhMmSsIsSkippedAsBadTime() throws Exception {
        List<String> bad = List.of("24:00:00", "23:60:00", "23:59:61", "8:01:02", "08-01-02", "08:01:02,5", "08:0x:02");
        StringBuilder log = new StringBuilder(FIELDS);
        bad.forEach(t -> log.append(line("2026-11-20", t)));
        Read<W3cEntry> r = read(log + line("2026-11-20", "08:01:03"));

        assertThat(r.entries()).extracting(e -> e.time().orElseThrow()).containsExactly(Instant.parse("2026-11-20T08:01:03Z"));
        assertThat(r.summary().skipped(SkipReason.BAD_TIME)).isEqualTo(bad.size());
        assertThat(r.summary().skippedTotal()).isEqualTo(bad.size());
    }

    @Test
    void dateNotInYyyyMmDdOrNotOnTheCalendarIsSkippedAsBadTime() throws Exception {
        List<String> bad = List.of("2026-02-30", "2026/11/20", "2026-1-20", "2026-11-200", "x026-11-20", "2026-11-2x", "2026-00-10");
        StringBuilder log = new StringBuilder(FIELDS);
        bad.forEach(d -> log.append(line(d, "08:00:00")));
        Read<W3cEntry> r = read(log + line("2028-02-29", "08:00:00"));

        assertThat(r.entries()).extracting(e -> e.time().orElseThrow()).containsExactly(Instant.parse("2028-02-29T08:00:00Z"));
        assertThat(r.summary().skipped(SkipReason.BAD_TIME)).isEqualTo(bad.size());
    }

    @Test
    void layoutWithoutDateAndTimeGivesEntriesWithoutATime() throws Exception {
        Read<W3cEntry> r = read("#Fields: time cs-uri-stem sc-status\r\n08:00:00 /certsrv/mscep/mscep.dll 200\r\n"
                + "#Fields: date cs-uri-stem sc-status\r\n2026-11-20 /certsrv/mscep/mscep.dll 500\r\n");

        assertThat(r.entries()).hasSize(2).allSatisfy(e -> assertThat(e.time()).isEmpty());
        assertThat(r.entries()).extracting(e -> e.status().orElseThrow()).containsExactly(200, 500);
    }

    @Test
    void statusCodeHasAsManyPartsAsTheLayoutLogs() throws Exception {
        Read<W3cEntry> r = read("#Fields: date time sc-status\r\n2026-11-20 08:00:00 503\r\n"
                + "#Fields: date time sc-status sc-substatus\r\n2026-11-20 08:00:01 403 16\r\n"
                + "#Fields: date time sc-status sc-substatus sc-win32-status\r\n2026-11-20 08:00:02 500 0 1346\r\n"
                + "#Fields: date time cs-uri-stem\r\n2026-11-20 08:00:03 /certsrv/mscep/mscep.dll\r\n");

        assertThat(r.entries()).extracting(W3cEntry::statusCode)
                .containsExactly(java.util.Optional.of("503"), java.util.Optional.of("403.16"), java.util.Optional.of("500.0.1346"),
                        java.util.Optional.empty());
    }

    @Test
    void win32StatusIsReadUpToTwoToThe32MinusOneAndNotBeyond() throws Exception {
        Read<W3cEntry> r = read(FIELDS
                + "2026-11-20 08:00:00 /a - 500 0 4294967295 0\r\n"
                + "2026-11-20 08:00:00 /a - 500 0 4294967296 0\r\n"
                + "2026-11-20 08:00:00 /a - 500 0 04294967295 0\r\n"
                + "2026-11-20 08:00:00 /a - 500 0 0x80070005 0\r\n");

        assertThat(r.entries()).extracting(e -> e.win32Status().isPresent() ? e.win32Status().getAsLong() : -1L)
                .containsExactly(4294967295L, -1L, -1L, -1L);
        assertThat(r.entries().get(1).statusCode()).contains("500.0"); // an unreadable win32 status is left out, not invented
    }

    @Test
    void decimalFieldsHoldUpToNineDigitsAndOnlyDigits() throws Exception {
        Read<W3cEntry> r = read(FIELDS
                + "2026-11-20 08:00:00 /a - 999999999 0 0 0\r\n"
                + "2026-11-20 08:00:00 /a - 1000000000 0 0 0\r\n"
                + "2026-11-20 08:00:00 /a - 5x0 0 0 0\r\n"
                + "2026-11-20 08:00:00 /a - - 0 0 0\r\n");

        assertThat(r.entries()).extracting(e -> e.status().isPresent() ? e.status().getAsInt() : -1)
                .containsExactly(999_999_999, -1, -1, -1);
        assertThat(r.entries().get(3).statusCode()).isEmpty();
    }

    @Test
    void queryParametersKeepTheFirstOfARepeatedNameAndReadNamesWithoutValues() throws Exception {
        W3cEntry e = read(FIELDS + "2026-11-20 08:00:00 /certsrv/mscep/mscep.dll/pkiclient.exe "
                + "&operation=GetCACert&&message&operation=PKIOperation&x=%ZZ& 200 0 0 1\r\n").entries().get(0);

        assertThat(e.queryParameters()).containsExactly(java.util.Map.entry("operation", "GetCACert"),
                java.util.Map.entry("message", ""), java.util.Map.entry("x", "%ZZ"));
        assertThat(e.scepOperation()).contains("GetCACert");
    }

    @Test
    void emptyOperationIsNoScepOperation() throws Exception {
        W3cEntry e = read(FIELDS + "2026-11-20 08:00:00 /certsrv/mscep/mscep.dll/pkiclient.exe operation=&message=x 200 0 0 1\r\n")
                .entries().get(0);

        assertThat(e.queryParameters()).containsEntry("operation", "");
        assertThat(e.scepOperation()).isEmpty();
    }

    @Test
    void pathWithMalformedEscapeIsKeptAsLogged() throws Exception {
        W3cEntry e = read(FIELDS + "2026-11-20 08:00:00 /certsrv/mscep/100%.dll - 200 0 0 1\r\n").entries().get(0);

        assertThat(e.uriStem()).contains("/certsrv/mscep/100%.dll");
    }

    @Test
    void blankLinesAreNeitherEntriesNorSkippedAndTheLinesAfterThemAreRead() throws Exception {
        Read<W3cEntry> r = read(FIELDS + "\r\n" + line("2026-11-20", "08:00:00") + "\n\r\n" + line("2026-11-20", "08:00:01"));

        assertThat(r.entries()).extracting(W3cEntry::line).containsExactly(3L, 6L);
        assertThat(r.summary().skippedTotal()).isZero();
        assertThat(r.summary().lines()).isEqualTo(6);
        assertThat(r.summary().entries()).isEqualTo(2);
    }

    @Test
    void fieldsDirectiveNamingNoFieldIsCountedMalformedAndTheLayoutBeforeItStays() throws Exception {
        Read<W3cEntry> r = read(FIELDS + "#Fields:   \r\n" + line("2026-11-20", "08:00:00"));

        assertThat(r.summary().skipped(SkipReason.BAD_DIRECTIVE)).isEqualTo(1);
        assertThat(r.summary().firstSkippedLines()).containsExactly(2L);
        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.status()).hasValue(200));
    }

    @Test
    void fieldsDirectiveIsRecognisedInAnyCase() throws Exception {
        Read<W3cEntry> r = read(FIELDS.replace("#Fields:", "#FIELDS:") + line("2026-11-20", "08:00:00"));

        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.fields().size()).isEqualTo(8));
        assertThat(r.summary().skippedTotal()).isZero();
    }

    @Test
    void lineWithHundredsOfSpacesIsAFieldCountSkipNotAFailure() throws Exception {
        Read<W3cEntry> r = read(FIELDS + "2026-11-20 08:00:00" + " x".repeat(300) + "\r\n" + line("2026-11-20", "08:00:01"));

        assertThat(r.summary().skipped(SkipReason.FIELD_COUNT)).isEqualTo(1);
        assertThat(r.entries()).hasSize(1);
    }

    @Test
    void wideLayoutOfSeventyFieldsIsReadWhole() throws Exception {
        StringBuilder fields = new StringBuilder("#Fields: date time");
        StringBuilder data = new StringBuilder("2026-11-20 08:00:00");
        for (int i = 0; i < 68; i++) {
            fields.append(" x-f").append(i);
            data.append(' ').append(i);
        }
        W3cEntry e = read(fields + "\r\n" + data + "\r\n").entries().get(0);

        assertThat(e.values()).hasSize(70);
        assertThat(e.field("x-f67")).contains("67");
        assertThat(e.time()).contains(Instant.parse("2026-11-20T08:00:00Z"));
    }

    @Test
    void lastLineWithoutLineBreakIsStillAnEntryAndTheFileSaysItEndedMidLine() throws Exception {
        String last = line("2026-11-20", "08:00:01");
        Read<W3cEntry> r = read(FIELDS + line("2026-11-20", "08:00:00") + last.substring(0, last.length() - 2));

        assertThat(r.entries()).hasSize(2);
        assertThat(r.summary().endedMidLine()).isTrue();
        assertThat(r.entries().get(1).field("time-taken")).contains("15");
    }

    /** A cut last line of a tail without #Fields is a cut line (field count), not a line of an unknown layout. */
    @Test
    void cutLastLineOfATailIsCountedAsFieldCount() throws Exception {
        String full = "2026-11-20 08:02:03 10.0.0.5 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps 443 - 10.1.2.3 "
                + "Mozilla/4.0 - 200 0 0 15\n";
        Read<W3cEntry> r = read(full + "2026-11-20 08:02:04 10.0.0.5 GET");

        assertThat(r.entries()).hasSize(1);
        assertThat(r.summary().skipped(SkipReason.FIELD_COUNT)).isEqualTo(1);
        assertThat(r.summary().skipped(SkipReason.NO_FIELDS_DIRECTIVE)).isZero();
    }

    @Test
    void lineBoundBelowSixtyFourIsRefusedAndSixtyFourReadsShortLines() throws Exception {
        assertThatThrownBy(() -> W3cLogReader.withMaxLine(63)).isInstanceOf(IllegalArgumentException.class);
        Read<W3cEntry> r = Read.of(W3cLogReader.withMaxLine(64), "#Fields: date time sc-status\r\n2026-11-20 08:00:00 503\r\n");
        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.status()).hasValue(503));
    }

    @Test
    void utf8ByteOrderMarkBeforeTheDirectivesIsDropped() throws Exception {
        byte[] body = (FIELDS + line("2026-11-20", "08:00:00")).getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[body.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bom, 3, body.length);
        Read<W3cEntry> r = Read.of(W3cLogReader.create(), bom);

        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.fields().size()).isEqualTo(8));
        assertThat(r.summary().skippedTotal()).isZero();
    }

    /** A copy tool may write the log as UTF-16 without a byte order mark, either byte order. */
    @Test
    void utf16WithoutByteOrderMarkReadsLikeTheOriginal() throws Exception {
        String text = FIELDS + line("2026-11-20", "08:00:00") + line("2026-11-20", "08:00:01");
        List<W3cEntry> original = read(text).entries();

        assertThat(Read.of(W3cLogReader.create(), text.getBytes(StandardCharsets.UTF_16LE)).entries()).isEqualTo(original);
        assertThat(Read.of(W3cLogReader.create(), text.getBytes(StandardCharsets.UTF_16BE)).entries()).isEqualTo(original);
        assertThat(Read.of(W3cLogReader.create(), text.getBytes(StandardCharsets.UTF_16)).entries()).isEqualTo(original);
        assertThat(original).hasSize(2);
    }

    /** Text with a few NUL bytes among ASCII is not UTF-16: it is read as bytes, its lines as they are. */
    @Test
    void asciiWithAFewNulBytesIsNotTakenForUtf16() throws Exception {
        String text = FIELDS + "2026-11-20 08:00:00 /a\u0000\u0000 - 200 0 0 15\r\n" + line("2026-11-20", "08:00:01");
        Read<W3cEntry> r = read(text);

        assertThat(r.entries()).hasSize(2);
        assertThat(r.entries().get(0).field("cs-uri-stem")).contains("/a\u0000\u0000");
    }

    @Test
    void entriesOfTheSameLineAreEqualAndOfDifferentLinesNot() throws Exception {
        String text = FIELDS + line("2026-11-20", "08:00:00") + line("2026-11-20", "08:00:00");
        List<W3cEntry> a = read(text).entries();
        List<W3cEntry> b = read(text).entries();

        assertThat(a.get(0)).isEqualTo(b.get(0)).hasSameHashCodeAs(b.get(0)).isNotEqualTo(a.get(1));
        assertThat(a.get(0).line()).isEqualTo(2);
        assertThat(a.get(0).toString()).contains("line 2");
    }

    @Test
    void layoutsAreEqualByTheirNamesInOrder() {
        W3cFields a = W3cFields.of(List.of("date", "time"));

        assertThat(a).isEqualTo(W3cFields.of(List.of("date", "time"))).hasSameHashCodeAs(W3cFields.of(List.of("date", "time")))
                .isNotEqualTo(W3cFields.of(List.of("time", "date")));
        assertThat(a.toString()).isEqualTo("#Fields: date time");
        assertThat(a.indexOf("TIME")).isEqualTo(1);
        assertThat(a.indexOf("c-ip")).isEqualTo(-1);
    }
}
