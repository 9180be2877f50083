package dev.ndesdiag.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.Reports;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format html} as text: self-contained, ordered, escaped. The browser test renders it for real. */
class HtmlFormatTest {

    @TempDir
    Path dir;

    @Test
    void thePageIsSelfContainedWithTheVerdictFirstAndPassesAndSkipsCollapsed() {
        String html = Reports.render(new HtmlReportWriter(), Reports.everyStatus());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>")
                .contains("content=\"default-src 'none'; style-src 'unsafe-inline'\"")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("<img").doesNotContain("src=");
        assertThat(html).contains("<dt>Host</dt><dd>ndes01.corp.contoso.com</dd>").contains("<dt>Bundle</dt><dd>bundle.zip (snapshot)</dd>")
                .contains("<dt>Tool</dt><dd>ndes-diag 0.1.0</dd>").contains("<dt>Collected</dt><dd>2026-11-20T10:15:00Z</dd>");
        int verdict = html.indexOf("class=\"verdict FAIL\"");
        int fail = html.indexOf("id=\"check-e-fail\"");
        int error = html.indexOf("id=\"check-d-error\"");
        int warn = html.indexOf("id=\"check-c-warn\"");
        int passed = html.indexOf("<summary>Passed (1)</summary>");
        int skipped = html.indexOf("<summary>Skipped (1)</summary>");
        assertThat(verdict).isPositive().isLessThan(fail);
        assertThat(fail).isLessThan(error);
        assertThat(error).isLessThan(warn);
        assertThat(warn).isLessThan(passed);
        assertThat(passed).isLessThan(html.indexOf("id=\"check-a-pass\"")).isLessThan(skipped);
        assertThat(html).contains("<pre class=\"fix\"><code>renew it with certreq</code></pre>")
                .contains("<tr><th>notAfter</th><td>2026-10-02T08:11:00Z</td></tr>")
                .contains("<a href=\"https://learn.microsoft.com/x\" rel=\"noreferrer\">");
    }

    @Test
    void everyCheckOfTheSampleHasItsArticle() {
        Report report = Reports.analyze(Reports.SAMPLE);
        String html = Reports.render(new HtmlReportWriter(), report);
        report.results().forEach(o -> assertThat(html).contains("data-check-id=\"" + o.id() + "\""));
    }

    @Test
    void aHostileBundleIsEscapedEverywhere() {
        String html = Reports.render(new HtmlReportWriter(), Reports.analyze(HostileBundle.write(dir)));
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("\u0007")
                .doesNotContain("\u001b").doesNotContain("\u202e");
        assertThat(html).contains("ndes01&lt;script&gt;alert(1)&lt;/script&gt;&quot;q&quot; O&#39;Brien &amp;");
    }
}
