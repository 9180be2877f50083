package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input is normal input: seeded random bytes and damaged real-format text through every reader
 * end in a summary, never an exception, and nothing is delivered that the input did not hold.
 */
class HostileEvidenceTest {

    private static final List<EvidenceReader<?>> READERS = List.of(W3cLogReader.create(), HttpErrLogReader.create(),
            CmTraceReader.create(OptionalInt.of(60)), PlainTextReader.create(), SvcLogReader.create(),
            EventXmlReader.forLog("Application"));

    /** Bytes drawn mostly from the characters the formats give meaning to. */
    private static byte[] noise(Random r, int size) {
        byte[] alphabet = "<>/#!:[]=\"' \r\n\t-0123456789.abcEventE2ETraceEventLOG%+\u0000".getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = r.nextInt(10) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
        }
        return out;
    }

    @Test
    void randomBytesEndInASummaryForEveryReader() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            byte[] input = noise(new Random(seed), 50_000);
            for (EvidenceReader<?> reader : READERS) {
                Read<?> r = Read.of(reader, input);
                assertThat(r.summary().entries()).as(reader.getClass().getSimpleName()).isEqualTo(r.entries().size());
            }
        }
    }

    @Test
    void deeplyNestedXmlFragmentIsSkippedNotFatal() throws Exception {
        String deep = "<Event>" + "<a>".repeat(5000) + "</a>".repeat(5000) + "</Event>\n"
                + "<Event><System><Provider Name='p'/><EventID>7</EventID></System></Event>\n";
        Read<dev.ndesdiag.api.snapshot.EventRecord> r = Read.of(EventXmlReader.forLog("System"), deep);

        assertThat(r.entries()).extracting(dev.ndesdiag.api.snapshot.EventRecord::eventId).containsExactly(7);
        assertThat(r.summary().skipped(SkipReason.MALFORMED_XML)).isEqualTo(1);
    }

    @Test
    void w3cLineOfControlCharactersIsDeliveredAsWrittenOrSkipped() throws Exception {
        String header = "#Fields: date time c-ip cs-method cs-uri-stem sc-status\n";
        String nasty = "2026-11-20 08:00:00 10.0.0.1 GET /a\u0007\u001b[2J 200\n"; // width matches: kept as written
        Read<W3cEntry> r = Read.of(W3cLogReader.create(), header + nasty + "2026-11-20 08:00:01 x\n");

        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.uriStem()).contains("/a\u0007\u001b[2J"));
        assertThat(r.summary().skipped(SkipReason.FIELD_COUNT)).isEqualTo(1);
    }
}
