package dev.ndesdiag.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Target;
import dev.ndesdiag.api.ToolInfo;
import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.Reports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format markdown}: a case note, worst first, problems in full, the rest in one line. */
class MarkdownFormatTest {

    @TempDir
    Path dir;

    @Test
    void problemsComeWorstFirstWithEvidenceAndFixAndTheRestIsOneCountedLine() {
        String md = Reports.render(new MarkdownReportWriter(), Reports.everyStatus());
        assertThat(md).startsWith("## NDES diagnosis: FAIL \u2014 ndes01.corp.contoso.com\n");
        assertThat(md.indexOf("### FAIL `e-fail`")).isPositive().isLessThan(md.indexOf("### ERROR `d-error`"));
        assertThat(md.indexOf("### ERROR `d-error`")).isLessThan(md.indexOf("### WARN `c-warn`"));
        assertThat(md).contains("| notAfter | 2026-10-02T08:11:00Z |").contains("```text\nrenew it with certreq\n```");
        assertThat(md).doesNotContain("`a-pass`").doesNotContain("`b-skipped`");
        assertThat(md).contains("\nAlso: 1 passed (a-pass); 1 skipped (b-skipped).\n");
    }

    @Test
    void theSampleNamesItsFailuresAndTheirFixes() {
        String md = Reports.render(new MarkdownReportWriter(), Reports.analyze(Reports.SAMPLE));
        assertThat(md).contains("### FAIL `root-store-intermediates`").contains("**FAIL ROOT_STORE_INTERMEDIATE**")
                .contains("### WARN `ra-certificates`").contains("Fix:\n\n```");
    }

    @Test
    void aHostileBundleRendersAsEscapedTextOnTheLinesItBelongsTo() {
        String md = Reports.render(new MarkdownReportWriter(), Reports.analyze(HostileBundle.write(dir)));
        assertThat(md).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e");
        // Fixes are fenced code (literal text, several lines allowed); outside the fences nothing is markup.
        String prose = md.replaceAll("(?s)\n(`{3,})text\n.*?\n\\1\n", "\n");
        assertThat(prose).doesNotContain("<script>").contains("\\<script\\>alert\\(1\\)\\</script\\>");
        assertThat(prose.lines().filter(l -> l.startsWith("NDES OK"))).as("no forged line").isEmpty();
        // every table row keeps its two cells: a pipe from the bundle is escaped
        assertThat(md.lines().filter(l -> l.startsWith("| subject |")).findFirst().orElseThrow())
                .matches("\\| subject \\| ([^|]|\\\\\\|)* \\|");
    }

    @Test
    void aFixContainingAFenceGetsALongerFenceSoItCannotCloseTheBlock() {
        Report report = new Report(new ToolInfo("ndes-diag", "0.1.0"),
                new Target(dev.ndesdiag.api.TargetMode.SNAPSHOT, Optional.of("h"), Optional.of("b.zip"), Instant.parse("2026-11-20T10:15:00Z")),
                Instant.parse("2026-11-20T10:15:00Z"), Duration.ZERO, List.of(new CheckOutcome(
                        CheckDescriptor.of("x-check", "t", Category.IIS), CheckResult.of(Finding.fail("X", "m")
                                .withEvidence("k", "v").withRemediation("run\n```\n# not a heading\n````")),
                        Duration.ZERO)));
        String md = Reports.render(new MarkdownReportWriter(), report);
        assertThat(md).contains("Fix:\n\n`````text\nrun\n```\n# not a heading\n````\n`````\n");
        assertThat(MarkdownReportWriter.inline("a|b*c")).isEqualTo("a\\|b\\*c");
    }
}
