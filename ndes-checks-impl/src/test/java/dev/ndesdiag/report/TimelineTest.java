package dev.ndesdiag.report;

import static dev.ndesdiag.fixtures.EvidenceFixtures.HTTPERR_HEADER;
import static dev.ndesdiag.fixtures.EvidenceFixtures.NDES;
import static dev.ndesdiag.fixtures.EvidenceFixtures.W3C_HEADER;
import static dev.ndesdiag.fixtures.EvidenceFixtures.event;
import static dev.ndesdiag.fixtures.EvidenceFixtures.export;
import static dev.ndesdiag.fixtures.EvidenceFixtures.hoursAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.httperr;
import static dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.scep;
import static dev.ndesdiag.fixtures.EvidenceFixtures.w3c;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.TimelineEntry;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.ReportSchema;
import dev.ndesdiag.runner.RunOptions;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's timeline (report format 1, "timeline"): notable records of every source, merged by time, oldest first. */
class TimelineTest {

    @TempDir
    Path dir;

    private Report analyze() throws Exception {
        return NdesDiag.discover(getClass().getClassLoader()).analyze(dir, RunOptions.defaults());
    }

    private void brokenServer() {
        BundleBuilder.in(dir)
                .text("events/Application.xml", export(List.of(
                        event(NDES, "Application", 1, 4, hoursAgo(12), 1, "The Network Device Enrollment Service started successfully."),
                        event(NDES, "Application", 10, 2, minutesAgo(40), 2, "cannot retrieve one of its required certificates (0x80070057).",
                                "0x80070057"))))
                .text("logs/iis/W3SVC1/u_ex261120.log", W3C_HEADER + scep(hoursAgo(2), "PKIOperation", 200, 0, 0)
                        + scep(minutesAgo(39), "PKIOperation", 500, 0, 87)
                        + w3c(minutesAgo(1), "GET", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=PKIOperation&message=t", 500, 0, 87,
                                "ndes-diag/0.1.0"))
                .text("logs/httperr/httperr1.log", HTTPERR_HEADER
                        + httperr(minutesAgo(20), "/certsrv/mscep/mscep.dll", 503, "Disabled", "SCEP"));
    }

    @Test
    void failuresOfEverySourceAreMergedByTimeOldestFirstWithTheirMeaningAndCheck() throws Exception {
        brokenServer();
        List<TimelineEntry> t = analyze().timeline();
        assertThat(t).extracting(TimelineEntry::code).containsExactly("NDES-1", "NDES-10", "500.0.87", "HTTPERR-Disabled");
        assertThat(t).extracting(TimelineEntry::source).containsExactly("events/Application", "events/Application",
                "logs/iis/W3SVC1/u_ex261120.log", "logs/httperr/httperr1.log");
        assertThat(t.get(2).checkId()).contains("iis-scep-requests");
        assertThat(t.get(2).meaning().orElseThrow()).contains("0x80070057");
    }

    @Test
    void theJsonTimelineValidatesAgainstTheSchemaAndTheOwnProbeIsNotInIt() throws Exception {
        brokenServer();
        StringWriter json = new StringWriter();
        new JsonReportWriter().write(analyze(), json);
        ReportSchema.assertValid(json.toString());
        JsonNode timeline = new ObjectMapper().readTree(json.toString()).get("timeline");
        assertThat(timeline).hasSize(4);
        assertThat(timeline.get(0).fieldNames()).toIterable().containsExactly("at", "source", "code", "message", "meaning", "checkId");
        assertThat(json.toString()).doesNotContain("ndes-diag/0.1.0");
    }

    @Test
    void aTimelineEntryWithAnUnknownFieldOrNoCodeIsRefusedByTheSchema() {
        String report = "{\"schema\":\"ndes-diag-report\",\"schemaVersion\":1,\"tool\":{\"name\":\"ndes-diag\",\"version\":\"0.1.0\"},"
                + "\"target\":{\"mode\":\"snapshot\",\"collectedAt\":\"2026-11-20T10:15:00Z\"},\"evaluatedAt\":\"2026-11-20T10:15:00Z\","
                + "\"durationMs\":1,\"summary\":{\"status\":\"PASS\",\"counts\":{\"PASS\":0,\"WARN\":0,\"FAIL\":0,\"ERROR\":0,\"SKIPPED\":0}},"
                + "\"results\":[],\"timeline\":[{\"at\":\"2026-11-20T10:00:00Z\",\"source\":\"events/System\",\"message\":\"x\","
                + "\"meaning\":null,\"checkId\":null,\"extra\":1}]}";
        assertThat(ReportSchema.violations(report)).hasSize(2);
    }

    @Test
    void theTextReportPrintsTheLast20EntriesUnderTheSummary() throws Exception {
        StringBuilder iis = new StringBuilder(W3C_HEADER);
        for (int i = 30; i >= 1; i--) {
            iis.append(scep(minutesAgo(i * 2L), "GetCACaps", i % 2 == 0 ? 503 : 500, 0, 0)); // alternating: no run to collapse
        }
        BundleBuilder.in(dir).text("logs/iis/W3SVC1/u_ex261120.log", iis.toString());
        Report report = analyze();
        assertThat(report.timeline()).hasSize(30);
        StringWriter text = new StringWriter();
        new TextReportWriter(false).write(report, text);
        String out = text.toString();
        assertThat(out).contains("Timeline (last 20 of 30, UTC):");
        assertThat(out.indexOf("Timeline")).isGreaterThan(out.indexOf(" skipped")).isLessThan(out.indexOf("== FAIL"));
        assertThat(out).contains(minutesAgo(2).toString()).doesNotContain(minutesAgo(60).toString() + "  503");
        List<String> lines = new ArrayList<>(out.lines().filter(l -> l.startsWith("  2026-")).toList());
        assertThat(lines).hasSize(20);
    }

    @Test
    void htmlAndMarkdownShowTheTimelineEscaped() throws Exception {
        BundleBuilder.in(dir).text("logs/iis/W3SVC1/u_ex261120.log", W3C_HEADER
                + w3c(minutesAgo(3), "GET", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=GetCACaps", 500, 0, 1346, "<script>x"));
        Report report = analyze();
        StringWriter html = new StringWriter();
        new HtmlReportWriter().write(report, html);
        assertThat(html.toString()).contains("<table class=\"timeline\">").contains("500.0.1346").doesNotContain("<script>x");
        StringWriter md = new StringWriter();
        new MarkdownReportWriter().write(report, md);
        assertThat(md.toString()).contains("Timeline (1, UTC)").contains("\\<script\\>x");
    }

    @Test
    void aBundleWithoutEventsOrLogsHasNoTimelineAndTheJsonOmitsIt() throws Exception {
        BundleBuilder.in(dir);
        Report report = analyze();
        assertThat(report.timeline()).isEmpty();
        StringWriter json = new StringWriter();
        new JsonReportWriter().write(report, json);
        assertThat(json.toString()).doesNotContain("\"timeline\"");
    }

    @Test
    void aRunOfTheSameRecordIsShownAsItsFirstAndLastSayingHowMany() throws Exception {
        StringBuilder iis = new StringBuilder(W3C_HEADER);
        for (int i = 10; i >= 1; i--) {
            iis.append(scep(minutesAgo(i), "GetCACaps", 503, 0, 0));
        }
        BundleBuilder.in(dir).text("logs/iis/W3SVC1/u_ex261120.log", iis.toString());
        List<TimelineEntry> t = analyze().timeline();
        assertThat(t).hasSize(2);
        assertThat(t.get(0).at()).isEqualTo(minutesAgo(10));
        assertThat(t.get(1).message()).endsWith("(10 like it since " + minutesAgo(10) + ")");
    }

    @Test
    void atMost200EntriesAreKeptTheNewest() throws Exception {
        StringBuilder iis = new StringBuilder(W3C_HEADER);
        for (int i = 300; i >= 1; i--) {
            iis.append(scep(minutesAgo(i), "GetCACaps", i % 2 == 0 ? 503 : 500, 0, 0));
        }
        BundleBuilder.in(dir).text("logs/iis/W3SVC1/u_ex261120.log", iis.toString());
        List<TimelineEntry> t = analyze().timeline();
        assertThat(t).hasSize(200);
        assertThat(t.get(199).at()).isEqualTo(minutesAgo(1));
        assertThat(t.get(0).at()).isEqualTo(minutesAgo(200));
    }
}
