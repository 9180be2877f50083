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
import dev.ndesdiag.fixtures.ReportSchema;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text report for people, and the JSON for tools, of one report holding every status. */
class TextReportWriterTest {

    private static CheckOutcome outcome(String id, CheckResult result) {
        return new CheckOutcome(CheckDescriptor.of(id, "title of " + id, Category.CERTIFICATES).withSymptoms("HTTP 500"),
                result, Duration.ofMillis(3));
    }

    private static final Report REPORT = new Report(new ToolInfo("ndes-diag", "0.1.0"),
            new Target(dev.ndesdiag.api.TargetMode.SNAPSHOT, Optional.of("ndes01.corp.contoso.com"), Optional.of("bundle.zip"),
                    Instant.parse("2026-11-20T10:15:00Z")),
            Instant.parse("2026-11-20T10:15:00Z"), Duration.ofMillis(41), List.of(
                    outcome("a-pass", CheckResult.of(Finding.pass("OK", "all good"))),
                    outcome("b-skipped", CheckResult.skipped("NOT_APPLICABLE", "no CRP application")),
                    outcome("c-warn", CheckResult.of(Finding.warn("RA_CERT_EXPIRING", "expires in 20 days")
                            .withEvidence("thumbprint", "47D3").withRemediation("renew it"))),
                    outcome("d-error", CheckResult.error("CHECK_TIMED_OUT", "did not finish")),
                    outcome("e-fail", CheckResult.of(Finding.fail("RA_CERT_EXPIRED", "expired 49 days ago")
                            .withEvidence("notAfter", "2026-10-02T08:11:00Z").withRemediation("renew it with certreq")
                            .withReference("https://learn.microsoft.com/x")))));

    private static String text(boolean color) throws Exception {
        StringWriter w = new StringWriter();
        new TextReportWriter(color).write(REPORT, w);
        return w.toString();
    }

    @Test
    void groupsChecksWorstFirstAfterASummaryLine() throws Exception {
        String t = text(false);
        assertThat(t.lines().skip(3).findFirst()).contains("FAIL: 1 failed, 1 errors, 1 warnings, 1 passed, 1 skipped");
        assertThat(t.indexOf("== FAIL")).isLessThan(t.indexOf("== ERROR"));
        assertThat(t.indexOf("== ERROR")).isLessThan(t.indexOf("== WARN"));
        assertThat(t.indexOf("== WARN")).isLessThan(t.indexOf("== PASS"));
        assertThat(t.indexOf("== PASS")).isLessThan(t.indexOf("== SKIPPED"));
    }

    @Test
    void showsEvidenceTheFixAndReferencesOfEachProblem() throws Exception {
        assertThat(text(false)).contains("notAfter: 2026-10-02T08:11:00Z").contains("fix: renew it with certreq")
                .contains("see: https://learn.microsoft.com/x").contains("symptoms: HTTP 500");
    }

    @Test
    void colourIsOnlyUsedWhenAskedFor() throws Exception {
        assertThat(text(false)).doesNotContain("\u001b[");
        assertThat(text(true)).contains("\u001b[1;31mFAIL").contains("\u001b[0m");
    }

    @Test
    void theJsonOfEveryStatusValidatesAgainstTheSchema() throws Exception {
        StringWriter w = new StringWriter();
        new JsonReportWriter().write(REPORT, w);
        ReportSchema.assertValid(w.toString());
        assertThat(w.toString()).contains("\"remediation\" : \"renew it\"").contains("\"SKIPPED\" : 1");
    }
}
