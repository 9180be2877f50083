package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.EventRecord;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where one element of a root-less XML file ends and the next begins: WCF traces ({@code E2ETraceEvent},
 * https://learn.microsoft.com/en-us/dotnet/framework/wcf/diagnostics/tracing/trace-data-format-schema) and
 * {@code wevtutil qe /f:xml} exports ({@code <Event>} elements one after another). The line an element starts
 * on is what a finding cites; an element that does not fit the bound is skipped whole; a sink that has seen
 * enough stops the read. Written from those formats, not captures.
 */
class RootlessXmlBoundariesTest {

    private static String e2e(String id, String computer, String data) {
        return "<E2ETraceEvent xmlns=\"http://schemas.microsoft.com/2004/06/E2ETraceEvent\">"
                + "<System xmlns=\"http://schemas.microsoft.com/2004/06/windows/eventlog/system\"><EventID>" + id + "</EventID>"
                + "<SubType Name=\"Error\">0</SubType><TimeCreated SystemTime=\"2018-01-30T10:52:37.0000000Z\" />"
                + "<Source Name=\"NDESConnector\" /><Execution ProcessName=\"w3wp\" />"
                + "<Computer>" + computer + "</Computer></System><ApplicationData>" + data + "</ApplicationData></E2ETraceEvent>";
    }

    private static final String NDES_10 = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            + "<Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService'/><EventID Qualifiers='0'>10</EventID><Level>2</Level>"
            + "<TimeCreated SystemTime='2026-11-20T08:00:01.1234567Z'/><Computer>NDES01</Computer></System>"
            + "<EventData><Data Name='ErrorCode'>0x80070057</Data></EventData></Event>";

    @Test
    void eachSvclogEventCarriesTheLineItStartsOn() throws Exception {
        String text = e2e("1", "NDES01", "a") + "\r\n\r\n" + e2e("2", "NDES01", "b") + "\r\n<E2ETraceEvent\n"
                + e2e("3", "NDES01", "c").substring("<E2ETraceEvent".length()) + "\r\n";
        Read<SvcLogEntry> r = Read.of(SvcLogReader.create(), text);

        assertThat(r.entries()).extracting(SvcLogEntry::line).containsExactly(1L, 3L, 4L);
        assertThat(r.entries()).extracting(SvcLogEntry::message).containsExactly("a", "b", "c");
        assertThat(r.summary().lines()).isEqualTo(3);
        assertThat(r.summary().entries()).isEqualTo(3);
    }

    @Test
    void eventIdIsReadWhenNumericAndBlankComputerIsNone() throws Exception {
        Read<SvcLogEntry> r = Read.of(SvcLogReader.create(), e2e(" 42 ", "NDES01", "a") + e2e("x1", " ", "b") + e2e("1234567890", "", "c"));

        assertThat(r.entries()).extracting(e -> e.eventId().isPresent() ? e.eventId().getAsInt() : -1).containsExactly(42, -1, -1);
        assertThat(r.entries()).extracting(e -> e.computer().orElse("none")).containsExactly("NDES01", "none", "none");
    }

    @Test
    void svclogMessageIsCutAtSixteenKibibytesAndSaysSo() throws Exception {
        Read<SvcLogEntry> r = Read.of(SvcLogReader.create(), e2e("1", "NDES01", "m".repeat(16 * 1024))
                + e2e("2", "NDES01", "n".repeat(16 * 1024 + 1)));

        assertThat(r.entries().get(0).message()).isEqualTo("m".repeat(16 * 1024));
        assertThat(r.entries().get(1).message()).isEqualTo("n".repeat(16 * 1024) + " [...]");
    }

    @Test
    void sinkThatReturnsFalseStopsTheSvclogRead() throws Exception {
        Read<SvcLogEntry> r = Read.untilFirst(SvcLogReader.create(), e2e("1", "NDES01", "a") + e2e("2", "NDES01", "b"));
        ReadSummary s = r.summary();

        assertThat(r.entries()).hasSize(1);
        assertThat(s.stoppedEarly()).isTrue();
    }

    @Test
    void sinkThatReturnsFalseStopsTheEventRead() throws Exception {
        Read<EventRecord> r = Read.untilFirst(EventXmlReader.forLog("Application"), NDES_10 + "\r\n" + NDES_10 + "\r\n");
        ReadSummary s = r.summary();

        assertThat(r.entries()).hasSize(1);
        assertThat(s.stoppedEarly()).isTrue();
        assertThat(s.entries()).isEqualTo(1);
    }

    @Test
    void eventsWrittenOnePerLineAreCountedAndABrokenOneIsCitedByItsLine() throws Exception {
        Read<EventRecord> r = Read.of(EventXmlReader.forLog("Application"),
                NDES_10 + "\r\n" + NDES_10.replace("</System>", "") + "\r\n" + NDES_10 + "\r\n");

        assertThat(r.entries()).hasSize(2);
        assertThat(r.summary().entries()).isEqualTo(2);
        assertThat(r.summary().skipped(SkipReason.MALFORMED_XML)).isEqualTo(1);
        assertThat(r.summary().firstSkippedLines()).containsExactly(2L);
    }

    /** {@code <EventData>} and {@code <Events>} begin with {@code <Event} but are other elements: they start no event. */
    @Test
    void elementsWhoseNameOnlyBeginsWithTheEventNameStartNoEvent() throws Exception {
        List<String> seen = new ArrayList<>();
        Tally tally = new Tally();
        new XmlFragments(new StringReader("<Events><Event>a</Event><Event\tx='1'>b</Event><EventData>c</EventData></Events>"),
                "Event", 1024).read(tally, (text, line) -> seen.add(text));

        assertThat(seen).containsExactly("<Event>a</Event>", "<Event\tx='1'>b</Event>");
        assertThat(tally.summary().skippedTotal()).isZero();
    }

    @Test
    void elementOfExactlyTheBoundIsKeptAndOneCharacterMoreSkipped() throws Exception {
        String fits = "<Event>" + "x".repeat(64 - "<Event></Event>".length()) + "</Event>";
        String over = "<Event>" + "y".repeat(65 - "<Event></Event>".length()) + "</Event>";
        List<String> seen = new ArrayList<>();
        Tally tally = new Tally();
        new XmlFragments(new StringReader(fits + "\n" + over + "\n" + fits), "Event", 64).read(tally, (text, line) -> seen.add(text));

        assertThat(fits).hasSize(64);
        assertThat(seen).containsExactly(fits, fits);
        assertThat(tally.summary().skipped(SkipReason.RECORD_TOO_LONG)).isEqualTo(1);
        assertThat(tally.summary().firstSkippedLines()).containsExactly(2L);
    }

    /** A broken event whose end tag follows a stray {@code <} still ends at that tag: it is malformed, not unterminated. */
    @Test
    void brokenEventEndingAfterAStrayAngleBracketEndsAtItsEndTag() throws Exception {
        Read<SvcLogEntry> r = Read.of(SvcLogReader.create(), e2e("1", "NDES01", "a").replace("</E2ETraceEvent>", "<</E2ETraceEvent>")
                + "\r\n" + e2e("2", "NDES01", "b"));

        assertThat(r.entries()).extracting(SvcLogEntry::message).containsExactly("b");
        assertThat(r.summary().skipped(SkipReason.MALFORMED_XML)).isEqualTo(1);
        assertThat(r.summary().skipped(SkipReason.UNTERMINATED_RECORD)).isZero();
    }

    @Test
    void eventRightAfterAStrayAngleBracketStillStarts() throws Exception {
        List<String> seen = new ArrayList<>();
        new XmlFragments(new StringReader("<<Event>a</Event>"), "Event", 1024).read(new Tally(), (text, line) -> seen.add(text));

        assertThat(seen).containsExactly("<Event>a</Event>");
    }
}
