package dev.ndesdiag.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.Reports;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two analyses of one bundle give the same bytes in every format, timing fields aside, so reports diff cleanly. */
class DeterminismTest {

    @TempDir
    Path dir;

    private static String withoutTiming(String s) {
        return s.replaceAll("\"durationMs\" : \\d+", "\"durationMs\" : 0").replaceAll(" time=\"[0-9.]+\"", " time=\"0\"");
    }

    @Test
    void everyFormatIsTheSameForTheSameBundleExceptTimingFields() {
        Path hostile = HostileBundle.write(dir.resolve("h"));
        for (Path bundle : List.of(Reports.SAMPLE, hostile)) {
            Report first = Reports.analyze(bundle);
            Report second = Reports.analyze(bundle);
            for (ReportWriter w : List.of(new TextReportWriter(false), new JsonReportWriter(), new HtmlReportWriter(),
                    new MarkdownReportWriter(), new JunitReportWriter(), new NagiosReportWriter())) {
                assertThat(withoutTiming(Reports.render(w, second))).as(w.getClass().getSimpleName() + " of " + bundle)
                        .isEqualTo(withoutTiming(Reports.render(w, first)));
            }
        }
    }
}
