package dev.ndesdiag.report;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.TimelineEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Report} as one self-contained HTML page to attach to a case: inline CSS, no
 * script, no image, font or style sheet to fetch (a Content-Security-Policy of {@code default-src
 * 'none'} says so to the browser too), readable on a laptop and printable (passes and skips print
 * collapsed, as they are shown).
 *
 * <p>Order: a header with host, collection and evaluation time, tool version and bundle name; the
 * verdict and counts; the failures and errors, each finding with its evidence and the fix in a
 * {@code <pre>} block to copy; the warnings; the timeline once reports have one (issue 12, not
 * yet: see {@link #appendTimeline}); then passes and skips collapsed in {@code <details>}.
 *
 * <p>Everything from the bundle and the checks is escaped ({@code & < > " '}) and control characters
 * are shown as <code>&#92;u001B</code>-style text, so a certificate subject carrying {@code <script>} renders as
 * text. Links are made only of {@code http:} and {@code https:} references.
 */
public final class HtmlReportWriter implements ReportWriter {

    /** The page's style sheet, shared with the fleet summary. */
    static final String CSS = """
            :root{--fail:#b3261e;--error:#7b1fa2;--warn:#a15c00;--pass:#1e7b34;--skip:#5f6368;--line:#d0d4da}
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:980px;\
            padding:1.2em;color:#1b1f24;background:#fff}
            header h1{font-size:1.45em;margin:.2em 0}
            header dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.4em 0 1em;color:#444}
            header dt{font-weight:600}header dd{margin:0;word-break:break-all}
            .verdict{border-left:.5em solid var(--skip);padding:.6em 1em;background:#f6f7f9;margin:1em 0}
            .verdict .status{font-size:1.6em;font-weight:700;margin:0}
            .verdict.FAIL{border-color:var(--fail)}.verdict.ERROR{border-color:var(--error)}
            .verdict.WARN{border-color:var(--warn)}.verdict.PASS{border-color:var(--pass)}
            h2{font-size:1.2em;border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:1.6em}
            article{border:1px solid var(--line);border-radius:6px;padding:.4em 1em .8em;margin:.8em 0;break-inside:avoid}
            article h3{font-size:1.05em;margin:.4em 0}
            .badge{display:inline-block;min-width:4.6em;text-align:center;border-radius:4px;color:#fff;font-size:.8em;\
            padding:.05em .4em;margin-right:.5em;background:var(--skip)}
            .badge.FAIL{background:var(--fail)}.badge.ERROR{background:var(--error)}.badge.WARN{background:var(--warn)}
            .badge.PASS{background:var(--pass)}
            .id{font-family:ui-monospace,Consolas,monospace}
            .finding{margin:.6em 0 0}.finding p{margin:.2em 0}.code{font-family:ui-monospace,Consolas,monospace;font-weight:600}
            table{border-collapse:collapse;margin:.3em 0;font-size:.92em}
            td,th{border:1px solid var(--line);padding:.15em .5em;text-align:left;vertical-align:top;word-break:break-all}
            pre{background:#f3f4f6;border:1px solid var(--line);border-radius:4px;padding:.6em;white-space:pre-wrap;\
            word-break:break-word;font:13px/1.4 ui-monospace,Consolas,monospace;user-select:all}
            details{margin:.6em 0}summary{cursor:pointer;font-weight:600}
            .muted{color:#5f6368}
            @media print{article{border-color:#999}body{max-width:none}summary{list-style:none}}
            """;

    @Override
    public void write(Report report, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(16_384);
        String host = report.target().host().orElse("unknown host");
        startPage(sb, "ndes-diag " + report.status() + ": " + host);
        appendReport(sb, report, "", 1);
        endPage(sb, report.tool().name() + " " + report.tool().version());
        out.write(sb.toString());
        out.flush();
    }

    /** The page head and the opening of its body. */
    static void startPage(StringBuilder sb, String title) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(esc(Texts.oneLine(title))).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    }

    /** The footer and the end of the page. */
    static void endPage(StringBuilder sb, String tool) {
        sb.append("<footer class=\"muted\"><p>Written by ").append(esc(tool))
                .append(". Report format 1; the JSON report (--format json) carries the same facts for tools.</p></footer>\n")
                .append("</body>\n</html>\n");
    }

    /**
     * Appends one report: header, verdict, problems, then the rest collapsed.
     *
     * @param sb where to append
     * @param report the report
     * @param idPrefix prefix of element ids, so that several reports fit one page (empty for one)
     * @param level the heading level of the report's title (1 for a page, 2 in a fleet summary)
     */
    static void appendReport(StringBuilder sb, Report report, String idPrefix, int level) {
        String host = report.target().host().orElse("unknown host");
        String h = "h" + level;
        String h2 = "h" + (level + 1);
        sb.append("<section class=\"report\" id=\"").append(idPrefix).append("report\">\n<header>\n<").append(h)
                .append(">NDES diagnosis: ").append(esc(Texts.oneLine(host))).append("</").append(h).append(">\n<dl>\n");
        term(sb, "Host", host);
        term(sb, "Collected", report.target().collectedAt().toString());
        term(sb, "Evaluated", report.evaluatedAt().toString());
        term(sb, "Tool", report.tool().name() + " " + report.tool().version());
        term(sb, report.target().mode() == dev.ndesdiag.api.TargetMode.SNAPSHOT ? "Bundle" : "Source",
                report.target().source().orElse("(none)") + " (" + report.target().mode() + ")");
        sb.append("</dl>\n</header>\n");
        Status status = report.status();
        sb.append("<div class=\"verdict ").append(status).append("\">\n<p class=\"status\">").append(status)
                .append("</p>\n<p>").append(esc(Texts.verdict(status))).append("</p>\n<p>")
                .append(esc(Texts.counts(report.counts()))).append("</p>\n</div>\n");
        List<CheckOutcome> ordered = Texts.worstFirst(report);
        Map<Status, Integer> counts = report.counts();
        problems(sb, ordered, Status.FAIL, "Failures", idPrefix, h2);
        problems(sb, ordered, Status.ERROR, "Checks that could not run", idPrefix, h2);
        problems(sb, ordered, Status.WARN, "Warnings", idPrefix, h2);
        appendTimeline(sb, report, h2);
        for (Status s : List.of(Status.PASS, Status.SKIPPED)) {
            if (counts.get(s) == 0) {
                continue;
            }
            sb.append("<details class=\"").append(s).append("\">\n<summary>")
                    .append(s == Status.PASS ? "Passed" : "Skipped").append(" (").append(counts.get(s)).append(")</summary>\n");
            for (CheckOutcome o : ordered) {
                if (o.status() == s) {
                    appendOutcome(sb, o, idPrefix, "h" + (level + 2));
                }
            }
            sb.append("</details>\n");
        }
        sb.append("</section>\n");
    }

    /**
     * The report timeline (report format 1's optional {@code timeline}): the bundle's events and logs
     * merged by time, oldest first, between the warnings and the passes, as a table (time, source,
     * code, message, meaning, check), every cell escaped. Nothing when the report has none.
     */
    private static void appendTimeline(StringBuilder sb, Report report, String h) {
        if (report.timeline().isEmpty()) {
            return;
        }
        sb.append("<section class=\"timeline\">\n<").append(h).append(">Timeline (").append(report.timeline().size())
                .append(", UTC, oldest first)</").append(h).append(">\n<table class=\"timeline\"><thead><tr><th>Time</th>"
                        + "<th>Source</th><th>Code</th><th>Message</th><th>Meaning</th><th>Check</th></tr></thead><tbody>\n");
        for (TimelineEntry e : report.timeline()) {
            sb.append("<tr><td>").append(esc(e.at().toString())).append("</td><td>").append(esc(e.source())).append("</td><td><code>")
                    .append(esc(e.code())).append("</code></td><td>").append(esc(e.message())).append("</td><td>")
                    .append(esc(e.meaning().orElse(""))).append("</td><td>").append(esc(e.checkId().orElse(""))).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n</section>\n");
    }

    private static void problems(StringBuilder sb, List<CheckOutcome> ordered, Status status, String title,
                                 String idPrefix, String h) {
        List<CheckOutcome> group = ordered.stream().filter(o -> o.status() == status).toList();
        if (group.isEmpty()) {
            return;
        }
        sb.append("<section class=\"").append(status).append("\">\n<").append(h).append('>').append(title)
                .append(" (").append(group.size()).append(")</").append(h).append(">\n");
        for (CheckOutcome o : group) {
            appendOutcome(sb, o, idPrefix, "h" + (h.charAt(1) - '0' + 1));
        }
        sb.append("</section>\n");
    }

    private static void appendOutcome(StringBuilder sb, CheckOutcome o, String idPrefix, String h) {
        sb.append("<article class=\"check ").append(o.status()).append("\" id=\"").append(idPrefix).append("check-")
                .append(o.id()).append("\" data-check-id=\"").append(o.id()).append("\">\n<").append(h)
                .append("><span class=\"badge ").append(o.status()).append("\">").append(o.status())
                .append("</span><span class=\"id\">").append(o.id()).append("</span> ").append(esc(o.descriptor().title()))
                .append("</").append(h).append(">\n");
        if (o.status() != Status.PASS && !o.descriptor().symptoms().isEmpty()) {
            sb.append("<p class=\"muted\">Symptoms: ").append(esc(String.join(", ", o.descriptor().symptoms())))
                    .append("</p>\n");
        }
        for (Finding f : o.result().findings()) {
            sb.append("<div class=\"finding ").append(f.status()).append("\">\n<p><span class=\"badge ")
                    .append(f.status()).append("\">").append(f.status()).append("</span><span class=\"code\">")
                    .append(f.code()).append("</span> ").append(esc(Texts.oneLine(f.message()))).append("</p>\n");
            if (f.status() != Status.PASS && !f.evidence().isEmpty()) {
                sb.append("<table class=\"evidence\"><tbody>\n");
                f.evidence().forEach((k, v) -> sb.append("<tr><th>").append(esc(k)).append("</th><td>")
                        .append(esc(Texts.evidence(v))).append("</td></tr>\n"));
                sb.append("</tbody></table>\n");
            }
            if (f.status() != Status.PASS && f.remediation().isPresent()) {
                sb.append("<p>Fix:</p>\n<pre class=\"fix\"><code>").append(esc(f.remediation().get()))
                        .append("</code></pre>\n");
            }
            if (!f.references().isEmpty()) {
                sb.append("<p class=\"muted\">See: ");
                for (int i = 0; i < f.references().size(); i++) {
                    String r = f.references().get(i);
                    if (i > 0) {
                        sb.append(", ");
                    }
                    if (r.startsWith("https://") || r.startsWith("http://")) {
                        sb.append("<a href=\"").append(esc(r)).append("\" rel=\"noreferrer\">").append(esc(r)).append("</a>");
                    } else {
                        sb.append(esc(r));
                    }
                }
                sb.append("</p>\n");
            }
            sb.append("</div>\n");
        }
        sb.append("</article>\n");
    }

    private static void term(StringBuilder sb, String name, String value) {
        sb.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(Texts.oneLine(value))).append("</dd>\n");
    }

    /**
     * Escapes text for HTML element content and quoted attribute values.
     *
     * @param s any text
     * @return the text with {@code & < > " '} as character references and control characters shown
     */
    static String esc(String s) {
        String v = Texts.xml(s);
        StringBuilder sb = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
