package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.EventLogs;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.Part;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event log export ({@code wevtutil qe /f:xml}) is read up to its bounds: the number of events
 * (a log of exactly that many is whole, not cut) and its bytes; what was read before a bound or a
 * damaged event is kept and the problem says how much.
 */
class EventLogBoundsTest {

    private static String event(int id, long record) {
        return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                + "<Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService'/><EventID>" + id + "</EventID>"
                + "<Level>2</Level><EventRecordID>" + record + "</EventRecordID></System></Event>\r\n";
    }

    private static String events(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(event(29, 5000 + i));
        }
        return b.toString();
    }

    private static BundleLimits maxEvents(int events) {
        BundleLimits d = BundleLimits.defaults();
        return new BundleLimits(d.maxEntries(), d.maxEntryBytes(), d.maxTotalBytes(), d.maxCompressionRatio(),
                d.maxDocumentBytes(), events, d.maxEventLogBytes(), d.maxRetainedBytes(), d.maxProblemsPerFile());
    }

    private static Part<EventLogs> read(BundleLimits limits, String... pathThenText) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pathThenText.length; i += 2) {
            m.put(pathThenText[i], pathThenText[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return EventsReader.read(new MemoryBundleSource(m, "NDES01"), limits);
    }

    @Test
    void aLogOfExactlyTheMostEventsReadIsReadWholeWithoutAProblem() {
        Part<EventLogs> p = read(maxEvents(3), "events/Application.xml", events(3));
        assertThat(p.problems()).isEmpty();
        assertThat(p.value().orElseThrow().events("Application")).extracting(EventRecord::recordId)
                .extracting(r -> r.getAsLong()).containsExactly(5000L, 5001L, 5002L);
    }

    @Test
    void aLogOfOneEventMoreKeepsTheFirstAndSaysItWasCut() {
        Part<EventLogs> p = read(maxEvents(3), "events/Application.xml", events(4));
        assertThat(p.value().orElseThrow().events("Application")).hasSize(3);
        assertThat(p.problems()).extracting(InputProblem::file, InputProblem::message).containsExactly(
                tuple("events/Application.xml", "holds more than 3 events; only the first (newest) were read"));
    }

    @Test
    void eventsWithoutAProviderOrANumericIdAreSkippedAndCounted() {
        String noProvider = "<Event><System><EventID>29</EventID></System></Event>";
        String wordId = "<Event><System><Provider Name='NDES'/><EventID>twenty-nine</EventID></System></Event>";
        Part<EventLogs> p = read(BundleLimits.defaults(), "events/Application.xml", noProvider + event(29, 1) + wordId);
        assertThat(p.value().orElseThrow().events("Application")).hasSize(1);
        assertThat(p.problems()).extracting(InputProblem::file, InputProblem::message).containsExactly(
                tuple("events/Application.xml", "2 <Event> elements lack a provider or a numeric EventID and were skipped"));
    }

    @Test
    void aLogDamagedAfterSomeEventsKeepsThemAndOneDamagedFromTheStartIsUnreadable() {
        Part<EventLogs> p = read(BundleLimits.defaults(),
                "events/Application.xml", event(29, 1) + event(30, 2) + "<Event><System></Event>",
                "events/System.xml", "<Event><System></Event>");
        assertThat(p.state()).isEqualTo(Part.State.PRESENT);
        assertThat(p.value().orElseThrow().logs()).containsOnlyKeys("Application");
        assertThat(p.problems()).extracting(InputProblem::file).containsExactly("events/Application.xml", "events/System.xml");
        assertThat(p.problems().get(0).message()).startsWith("is not well-formed XML (line 3)")
                .endsWith("; the 2 events before it were kept");
        assertThat(p.problems().get(1).message()).startsWith("is not well-formed XML (line 1)")
                .doesNotContain("events before it");
        Part<EventLogs> only = read(BundleLimits.defaults(), "events/System.xml", "<Event><System></Event>");
        assertThat(only.state()).isEqualTo(Part.State.UNREADABLE);
    }

    @Test
    void onlyXmlFilesDirectlyUnderEventsAreEventLogs() {
        Part<EventLogs> p = read(BundleLimits.defaults(),
                "events/Application.XML", event(29, 1),
                "events/old/System.xml", event(30, 2),
                "events/readme.txt", "not a log",
                "logs/Application.xml", event(31, 3));
        assertThat(p.value().orElseThrow().logs()).containsOnlyKeys("Application");
        assertThat(read(BundleLimits.defaults(), "events/old/System.xml", event(30, 2)).state()).isEqualTo(Part.State.ABSENT);
    }

    @Test
    void onlyEventElementsDirectlyInTheExportAreEvents() {
        Part<EventLogs> p = read(BundleLimits.defaults(), "events/Application.xml",
                event(29, 1) + "<Comment>" + event(30, 2) + "</Comment>\r\n" + event(31, 3));
        assertThat(p.problems()).isEmpty();
        assertThat(p.value().orElseThrow().events("Application")).extracting(EventRecord::eventId).containsExactly(29, 31);
    }
}
