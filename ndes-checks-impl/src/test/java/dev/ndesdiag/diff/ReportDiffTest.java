package dev.ndesdiag.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.fixtures.Reports;
import dev.ndesdiag.report.DiffWriters;
import dev.ndesdiag.report.JsonReportWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a change fixed, broke or left alone, by check and finding code. */
class ReportDiffTest {

    private static final String HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";

    @TempDir
    Path dir;

    private ReportFacts httpSys(String name, RegExport export) {
        BundleBuilder b = BundleBuilder.in(dir.resolve(name));
        if (export != null) {
            b.registry("http.reg", export);
        }
        return ReportFacts.of(Reports.analyze(b.dir()));
    }

    private ReportFacts healthy() {
        return httpSys("healthy", new RegExport().key(HTTP).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 65534));
    }

    private ReportFacts maxFieldLengthAbsent() {
        return httpSys("broken", new RegExport().key(HTTP).dword("MaxRequestBytes", 65534));
    }

    private static String json(Report report) throws Exception {
        StringWriter w = new StringWriter();
        new JsonReportWriter().write(report, w);
        return w.toString();
    }

    @Test
    void settingMaxFieldLengthFixesTheFailureAndNothingGotWorse() {
        ReportDiff d = ReportDiff.of(maxFieldLengthAbsent(), healthy());
        assertThat(d.of(ReportDiff.Kind.FIXED)).extracting(ReportDiff.Entry::code).contains("MAX_FIELD_LENGTH_TOO_LOW");
        assertThat(d.worsened()).isEmpty();
        assertThat(d.of(ReportDiff.Kind.NEW)).allMatch(e -> !e.worse());
    }

    @Test
    void aNewFailureIsWorseAndSaysFail() {
        ReportDiff d = ReportDiff.of(healthy(), maxFieldLengthAbsent());
        assertThat(d.worsened()).contains(Status.FAIL);
        assertThat(d.entries()).filteredOn(ReportDiff.Entry::worse).extracting(ReportDiff.Entry::code)
                .containsExactly("MAX_FIELD_LENGTH_TOO_LOW");
    }

    @Test
    void aNewWarningIsWorseAndSaysWarn() {
        ReportFacts warn = httpSys("warn", new RegExport().key(HTTP).dword("MaxFieldLength", 100_000)
                .dword("MaxRequestBytes", 65534));
        assertThat(ReportDiff.of(healthy(), warn).worsened()).contains(Status.WARN);
    }

    @Test
    void aFailureWhoseCheckWasSkippedAfterIsChangedNotFixed() {
        ReportDiff d = ReportDiff.of(maxFieldLengthAbsent(), httpSys("no-registry", null));
        ReportDiff.Entry e = d.entries().stream().filter(x -> x.code().equals("MAX_FIELD_LENGTH_TOO_LOW")).findFirst()
                .orElseThrow();
        assertThat(e.kind()).isEqualTo(ReportDiff.Kind.CHANGED);
        assertThat(e.after()).contains(Status.SKIPPED);
        assertThat(d.of(ReportDiff.Kind.FIXED)).extracting(ReportDiff.Entry::checkId).doesNotContain("http-sys-limits");
        assertThat(d.worsened()).isEmpty();
    }

    @Test
    void aJsonReportReadBackEqualsTheReportItWasWrittenFrom() throws Exception {
        Report sample = Reports.analyze(Reports.SAMPLE);
        ReportFacts read = JsonReportReader.read(json(sample), "sample.json");
        assertThat(read).isEqualTo(ReportFacts.of(sample));
        ReportDiff d = ReportDiff.of(read, ReportFacts.of(Reports.analyze(Reports.SAMPLE)));
        assertThat(d.entries()).isNotEmpty().allMatch(e -> e.kind() == ReportDiff.Kind.UNCHANGED);
    }

    @Test
    void aFileThatIsNotAReportIsRefusedNamingWhy() throws Exception {
        assertThatThrownBy(() -> JsonReportReader.read("{\"schema\":\"ndes-diag-fleet\"}", "f.json"))
                .isInstanceOf(JsonReportReader.ReportFormatException.class).hasMessageContaining("fleet summary");
        assertThatThrownBy(() -> JsonReportReader.read("{\"schema\":\"ndes-diag-report\",\"schemaVersion\":1,"
                + "\"target\":{\"collectedAt\":\"x\"},\"summary\":{\"status\":\"BAD\"},\"results\":[]}", "b.json"))
                .hasMessageContaining("summary.status").hasMessageContaining("not one of");
        assertThatThrownBy(() -> JsonReportReader.read("{\"schema\":", "t.json")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JsonReportReader.read("[".repeat(10_000), "deep.json"))
                .isInstanceOf(JsonReportReader.ReportFormatException.class);
        Path big = Files.writeString(dir.resolve("r.json"), "  {}");
        assertThat(JsonReportReader.looksLikeJson(big)).isTrue();
        assertThat(JsonReportReader.looksLikeJson(dir)).isFalse();
    }

    @Test
    void hostileTextIsInertInTextAndMarkdownAndExactInJson() throws Exception {
        ReportDiff d = ReportDiff.of(ReportFacts.of(Reports.analyze(Reports.SAMPLE)),
                ReportFacts.of(Reports.analyze(HostileBundle.write(dir.resolve("h")))));
        for (DiffWriters w : DiffWriters.values()) {
            StringWriter out = new StringWriter();
            w.write(d, out);
            assertThat(out.toString()).as(w.name()).doesNotContain("\u001b").doesNotContain("\u0007");
            if (w != DiffWriters.JSON) {
                assertThat(out.toString()).as(w.name()).doesNotContain("\u202e");
                assertThat(out.toString().lines().filter(l -> l.startsWith("NDES OK"))).as(w.name()).isEmpty();
            }
        }
        StringWriter md = new StringWriter();
        DiffWriters.MARKDOWN.write(d, md);
        assertThat(md.toString()).doesNotContain("<script>");
        assertThat(d.worsened()).contains(Status.FAIL);
    }
}
