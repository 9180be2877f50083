package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * CMTrace logs (NDESPlugin.log, connector logs) in the variants ../shared/reference/real-formats.md
 * records from real files; the messages are those Microsoft's NDES policy module article quotes
 * (https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module).
 * Written from those descriptions, not captures.
 */
class CmTraceReaderTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final String SEVEN_DIGITS_NO_BIAS = "<![LOG[Calling VerifyRequest]LOG]!><time=\"15:21:28.2660519\" "
            + "date=\"7-22-2025\" component=\"NDESPlugin\" context=\"\" type=\"1\" thread=\"5432\" file=\"\">\r\n";
    private static final String WITH_BIAS = "<![LOG[Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12175]LOG]!>"
            + "<time=\"10:19:13.567+240\" date=\"11-20-2026\" component=\"NDESPlugin\" context=\"\" type=\"3\" thread=\"77\" file=\"\">\r\n";

    private static byte[] utf8Bom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(body, 0, out, BOM.length, body.length);
        return out;
    }

    @Test
    void biasInMinutesGivesTheExactUtcTime() throws Exception {
        CmTraceEntry e = Read.of(CmTraceReader.create(OptionalInt.empty()), utf8Bom(WITH_BIAS)).entries().get(0);

        // UTC = local + bias: 10:19 at +240 (US Eastern daylight time) is 14:19 UTC
        assertThat(e.time()).contains(Instant.parse("2026-11-20T14:19:13.567Z"));
        assertThat(e.timeBasis()).isEqualTo(TimeBasis.EXACT);
        assertThat(e.severity()).isEqualTo(CmTraceSeverity.ERROR);
        assertThat(e.message()).endsWith("Error 12175");
    }

    @Test
    void sevenDigitFractionWithoutBiasUsesTheServersOffsetFromTheManifest() throws Exception {
        CmTraceEntry e = Read.of(CmTraceReader.create(OptionalInt.of(120)), utf8Bom(SEVEN_DIGITS_NO_BIAS)).entries().get(0);

        assertThat(e.localTime()).isEqualTo(LocalDateTime.of(2025, 7, 22, 15, 21, 28, 266_051_900));
        assertThat(e.time()).contains(Instant.parse("2025-07-22T13:21:28.2660519Z"));
        assertThat(e.timeBasis()).isEqualTo(TimeBasis.COLLECTION_OFFSET);
        assertThat(e.component()).isEqualTo("NDESPlugin");
        assertThat(e.thread()).isEqualTo("5432");
        assertThat(e.severity()).isEqualTo(CmTraceSeverity.INFORMATION);
    }

    /** The reader for a bundle's host takes the manifest's host.utcOffsetMinutes (here UTC-5, local = UTC - 300). */
    @Test
    void readerForTheBundlesHostAppliesTheManifestsUtcOffsetToTimesWithoutBias() throws Exception {
        dev.ndesdiag.api.snapshot.Manifest.Host host = new dev.ndesdiag.api.snapshot.Manifest.Host(java.util.Optional.of("NDES01"),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), OptionalInt.of(-300));
        Read<CmTraceEntry> r = Read.of(CmTraceReader.forHost(host), utf8Bom(SEVEN_DIGITS_NO_BIAS + WITH_BIAS));

        assertThat(r.entries().get(0).time()).contains(Instant.parse("2025-07-22T20:21:28.2660519Z"));
        assertThat(r.entries().get(0).timeBasis()).isEqualTo(TimeBasis.COLLECTION_OFFSET);
        // a record with its own bias keeps it: the manifest's offset is only for records without one
        assertThat(r.entries().get(1).time()).contains(Instant.parse("2026-11-20T14:19:13.567Z"));
        assertThat(r.entries().get(1).timeBasis()).isEqualTo(TimeBasis.EXACT);
        assertThat(Read.of(CmTraceReader.forHost(dev.ndesdiag.api.snapshot.Manifest.Host.unknown()), SEVEN_DIGITS_NO_BIAS)
                .entries().get(0).timeBasis()).isEqualTo(TimeBasis.UNKNOWN);
    }

    @Test
    void localTimeWithoutBiasOrKnownOffsetHasNoInstant() throws Exception {
        CmTraceEntry e = Read.of(CmTraceReader.create(OptionalInt.empty()), SEVEN_DIGITS_NO_BIAS).entries().get(0);

        assertThat(e.time()).isEmpty();
        assertThat(e.timeBasis()).isEqualTo(TimeBasis.UNKNOWN);
    }

    @Test
    void messageSpanningLinesKeepsItsBreaksWhetherLfOrCrlf() throws Exception {
        String multi = "<![LOG[Verify challenge returns <Response>\n  <Status>403 - Forbidden: Access is denied.</Status>\r\n</Response>]LOG]!>"
                + "<time=\"10:20:00.000+240\" date=\"11-20-2026\" component=\"NDESPlugin\" context=\"\" type=\"3\" thread=\"77\" file=\"\">\r\n";
        Read<CmTraceEntry> r = Read.of(CmTraceReader.create(OptionalInt.empty()), utf8Bom(WITH_BIAS + multi + SEVEN_DIGITS_NO_BIAS));

        assertThat(r.entries()).hasSize(3);
        CmTraceEntry e = r.entries().get(1);
        assertThat(e.message()).isEqualTo("Verify challenge returns <Response>\n  <Status>403 - Forbidden: Access is denied.</Status>\n</Response>");
        assertThat(e.line()).isEqualTo(2);
        assertThat(r.entries().get(2).line()).isEqualTo(5);
    }

    @Test
    void rolledLogStartingMidRecordSkipsTheTailOfThatRecord() throws Exception {
        String rolled = "ssage of a record that began in the previous file\r\n"
                + "and went on]LOG]!><time=\"10:18:00.000+240\" date=\"11-20-2026\" component=\"NDESPlugin\" context=\"\" type=\"1\" thread=\"77\" file=\"\">\r\n"
                + WITH_BIAS;
        Read<CmTraceEntry> r = Read.of(CmTraceReader.create(OptionalInt.empty()), rolled);

        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.message()).endsWith("Error 12175"));
        assertThat(r.summary().skipped(SkipReason.OUTSIDE_RECORD)).isEqualTo(2);
    }

    @Test
    void recordCutAtTheEndOfTheFileIsCountedAsUnterminated() throws Exception {
        Read<CmTraceEntry> r = Read.of(CmTraceReader.create(OptionalInt.empty()), WITH_BIAS + "<![LOG[Sending request to certificate registration point.");

        assertThat(r.entries()).hasSize(1);
        assertThat(r.summary().skipped(SkipReason.UNTERMINATED_RECORD)).isEqualTo(1);
        assertThat(r.summary().endedMidLine()).isTrue();
    }

    @Test
    void recordWithUnreadableTimeIsSkippedAndCounted() throws Exception {
        String bad = WITH_BIAS.replace("10:19:13.567+240", "25:99:13");
        Read<CmTraceEntry> r = Read.of(CmTraceReader.create(OptionalInt.empty()), bad + SEVEN_DIGITS_NO_BIAS);

        assertThat(r.entries()).hasSize(1);
        assertThat(r.summary().skipped(SkipReason.MALFORMED_RECORD)).isEqualTo(1);
    }

    /** A physical line over the line bound outside any record (a binary dump pasted into the log) is counted, not kept. */
    @Test
    void lineLongerThanTheLineBoundOutsideARecordIsSkippedAndTheNextRecordRead() throws Exception {
        String dump = "y".repeat(5000) + "\r\n";
        Read<CmTraceEntry> r = Read.of(CmTraceReader.withBounds(OptionalInt.empty(), 1000, 100_000), dump + WITH_BIAS);

        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
        assertThat(r.summary().skipped(SkipReason.LINE_TOO_LONG)).isEqualTo(1);
    }

    @Test
    void recordLongerThanTheBoundIsSkippedNotKept() throws Exception {
        String lines = "<![LOG[" + ("x".repeat(100) + "\n").repeat(50) + "]LOG]!><time=\"10:19:13.567+240\" date=\"11-20-2026\" "
                + "component=\"c\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\n";
        Read<CmTraceEntry> r = Read.of(CmTraceReader.withBounds(OptionalInt.empty(), 1000, 1000), lines + WITH_BIAS);

        assertThat(r.entries()).hasSize(1);
        assertThat(r.summary().skipped(SkipReason.RECORD_TOO_LONG)).isEqualTo(1);
    }
}
