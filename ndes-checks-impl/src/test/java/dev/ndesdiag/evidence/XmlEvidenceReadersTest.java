package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.EventRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Root-less XML: exported events ({@code wevtutil qe /f:xml}: no declaration, no root, single-quoted
 * attributes, {@code Qualifiers}, unnamed and named {@code <Data>}, CRLF inside values, as
 * ../shared/reference/real-formats.md records) and WCF traces ({@code E2ETraceEvent} elements,
 * https://learn.microsoft.com/en-us/dotnet/framework/wcf/diagnostics/tracing/trace-data-format-schema).
 * Written from those formats, not captures.
 */
class XmlEvidenceReadersTest {

    private static final String NDES_10 = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            + "<Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService' Guid='{73144342-19d1-47a4-94de-d38e6a054ad5}'/>"
            + "<EventID Qualifiers='0'>10</EventID><Version>0</Version><Level>2</Level><Task>0</Task><Opcode>0</Opcode>"
            + "<Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2026-11-20T08:00:01.1234567Z'/>"
            + "<EventRecordID>4711</EventRecordID><Correlation/><Execution ProcessID='1234' ThreadID='5678'/>"
            + "<Channel>Application</Channel><Computer>NDES01.corp.contoso.com</Computer><Security/></System>"
            + "<EventData><Data Name='ErrorCode'>0x80070057</Data><Data Name='ErrorMessage'>The parameter is incorrect.\r\n</Data></EventData>"
            + "<RenderingInfo Culture='en-US'><Message>The Network Device Enrollment Service cannot retrieve one of its required certificates (0x80070057). The parameter is incorrect.\r\n</Message></RenderingInfo></Event>\r\n";
    private static final String WAS_5002 = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            + "<Provider Name='Microsoft-Windows-WAS' Guid='{524B5D04-133C-4A62-8362-64E8EDB9CE40}' EventSourceName='WAS'/>"
            + "<EventID Qualifiers='49152'>5002</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-20T08:05:00.000Z'/>"
            + "<Computer>NDES01</Computer><Security/></System><EventData><Data>SCEP</Data></EventData></Event>\r\n";

    @Test
    void eventsWithoutARootGiveProviderIdLevelTimeAndDataValues() throws Exception {
        Read<EventRecord> r = Read.of(EventXmlReader.forLog("Application"), NDES_10 + WAS_5002);

        assertThat(r.entries()).hasSize(2);
        EventRecord ndes = r.entries().get(0);
        assertThat(ndes.provider()).isEqualTo("Microsoft-Windows-NetworkDeviceEnrollmentService");
        assertThat(ndes.eventId()).isEqualTo(10);
        assertThat(ndes.level()).hasValue(2);
        assertThat(ndes.timeCreated()).contains(Instant.parse("2026-11-20T08:00:01.1234567Z"));
        assertThat(ndes.data(  "ErrorCode")).contains("0x80070057");
        assertThat(ndes.data()).containsExactly("0x80070057", "The parameter is incorrect.\n");
        assertThat(ndes.message()).hasValueSatisfying(m -> assertThat(m).contains("(0x80070057)"));
        EventRecord was = r.entries().get(1);
        assertThat(was.eventId()).isEqualTo(5002);
        assertThat(was.data()).containsExactly("SCEP");
        assertThat(was.namedData()).isEmpty();
    }

    @Test
    void brokenEventIsSkippedAndTheNextStillRead() throws Exception {
        String broken = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='x'></System></Event>\r\n";
        Read<EventRecord> r = Read.of(EventXmlReader.forLog("Application"), NDES_10 + broken + WAS_5002);

        assertThat(r.entries()).extracting(EventRecord::eventId).containsExactly(10, 5002);
        assertThat(r.summary().skipped(SkipReason.MALFORMED_XML)).isEqualTo(1);
    }

    @Test
    void eventWithoutNumericIdIsSkippedAsMalformed() throws Exception {
        String noId = NDES_10.replace(">10</EventID>", ">ten</EventID>");
        Read<EventRecord> r = Read.of(EventXmlReader.forLog("Application"), noId + WAS_5002);

        assertThat(r.entries()).hasSize(1);
        assertThat(r.summary().skipped(SkipReason.MALFORMED_RECORD)).isEqualTo(1);
    }

    @Test
    void exportCutInTheMiddleOfAnEventKeepsTheEventsBeforeIt() throws Exception {
        Read<EventRecord> r = Read.of(EventXmlReader.forLog("System"), WAS_5002 + NDES_10.substring(0, 200));

        assertThat(r.entries()).hasSize(1);
        assertThat(r.summary().skipped(SkipReason.UNTERMINATED_RECORD)).isEqualTo(1);
    }

    @Test
    void entityDeclarationsAreRefusedInsteadOfExpanded() throws Exception {
        String xxe = "<!DOCTYPE Event [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><Event><System><Provider Name='p'/>"
                + "<EventID>1</EventID></System><EventData><Data>&x;</Data></EventData></Event>";
        Read<EventRecord> r = Read.of(EventXmlReader.forLog("Application"), xxe + WAS_5002);

        assertThat(r.entries()).extracting(EventRecord::eventId).containsExactly(5002);
        assertThat(r.summary().skipped(SkipReason.MALFORMED_XML)).isEqualTo(1);
    }

    /** An event over the reader's bound (1 MiB of text) is read past and counted; the event after it is still read. */
    @Test
    void eventLongerThanTheBoundIsSkippedAndTheNextStillRead() throws Exception {
        String huge = NDES_10.replace("The parameter is incorrect.\r\n</Data>", "x".repeat(EventXmlReader.DEFAULT_MAX_EVENT) + "</Data>");
        Read<EventRecord> r = Read.of(EventXmlReader.forLog("Application"), huge + WAS_5002);

        assertThat(r.entries()).extracting(EventRecord::eventId).containsExactly(5002);
        assertThat(r.summary().skipped(SkipReason.RECORD_TOO_LONG)).isEqualTo(1);
    }

    private static final String E2E_INFO = "<E2ETraceEvent xmlns=\"http://schemas.microsoft.com/2004/06/E2ETraceEvent\">"
            + "<System xmlns=\"http://schemas.microsoft.com/2004/06/windows/eventlog/system\"><EventID>0</EventID><Type>3</Type>"
            + "<SubType Name=\"Information\">0</SubType><Level>8</Level><TimeCreated SystemTime=\"2018-01-30T10:52:36.5587781Z\" />"
            + "<Source Name=\"CertificateRegistrationPoint\" /><Correlation ActivityID=\"{00000000-0000-0000-0000-000000000000}\" />"
            + "<Execution ProcessName=\"w3wp\" ProcessID=\"4321\" ThreadID=\"12\" /><Channel /><Computer>NDES01</Computer></System>"
            + "<ApplicationData>Validation Phase 1 finished with status True.</ApplicationData></E2ETraceEvent>";
    private static final String E2E_ERROR = "<E2ETraceEvent xmlns=\"http://schemas.microsoft.com/2004/06/E2ETraceEvent\">"
            + "<System xmlns=\"http://schemas.microsoft.com/2004/06/windows/eventlog/system\"><EventID>0</EventID><Type>3</Type>"
            + "<SubType Name=\"Error\">0</SubType><TimeCreated SystemTime=\"2018-01-30T10:52:37.0000000Z\" />"
            + "<Source Name=\"CertificateRegistrationPoint\" /><Execution ProcessName=\"w3wp\" ProcessID=\"4321\" ThreadID=\"12\" />"
            + "<Computer>NDES01</Computer></System><ApplicationData><TraceData><DataItem>Signing certificate could not be retrieved"
            + "</DataItem></TraceData></ApplicationData></E2ETraceEvent>";

    @Test
    void svclogEventsWithoutARootAreReadOneByOne() throws Exception {
        // XmlWriterTraceListener writes the events back to back, here on one line
        Read<SvcLogEntry> r = Read.of(SvcLogReader.create(), E2E_INFO + E2E_ERROR + "\r\n");

        assertThat(r.entries()).hasSize(2);
        SvcLogEntry info = r.entries().get(0);
        assertThat(info.source()).contains("CertificateRegistrationPoint");
        assertThat(info.level()).contains("Information");
        assertThat(info.time()).contains(Instant.parse("2018-01-30T10:52:36.5587781Z"));
        assertThat(info.processName()).contains("w3wp");
        assertThat(info.computer()).contains("NDES01");
        assertThat(info.message()).isEqualTo("Validation Phase 1 finished with status True.");
        assertThat(r.entries().get(1).level()).contains("Error");
        assertThat(r.entries().get(1).message()).isEqualTo("Signing certificate could not be retrieved");
    }

    /**
     * The svclog reader parses each event with the project's safe XML rules, whose depth bound refuses a fragment
     * nested thousands deep (a plain parser would read it and deliver its text); the event after it is still read.
     */
    @Test
    void svclogEventNestedBeyondTheSafeDepthIsRefusedAndTheNextStillRead() throws Exception {
        String deep = E2E_INFO.replace("<ApplicationData>Validation Phase 1 finished with status True.</ApplicationData>",
                "<ApplicationData>" + "<a>".repeat(5000) + "deep" + "</a>".repeat(5000) + "</ApplicationData>");
        Read<SvcLogEntry> r = Read.of(SvcLogReader.create(), deep + "\r\n" + E2E_ERROR + "\r\n");

        assertThat(r.entries()).extracting(SvcLogEntry::message).containsExactly("Signing certificate could not be retrieved");
        assertThat(r.summary().skipped(SkipReason.MALFORMED_XML)).isEqualTo(1);
    }

    @Test
    void svclogStartingInsideAnEventAndHoldingABrokenOneReadsTheRest() throws Exception {
        String text = E2E_INFO.substring(300) + "\r\n" + E2E_ERROR.replace("</DataItem>", "") + "\r\n" + E2E_INFO + "\r\n";
        Read<SvcLogEntry> r = Read.of(SvcLogReader.create(), text);

        assertThat(r.entries()).hasSize(1);
        assertThat(r.summary().skipped(SkipReason.OUTSIDE_RECORD)).isEqualTo(1);
        assertThat(r.summary().skipped(SkipReason.MALFORMED_XML)).isEqualTo(1);
    }
}
