package dev.ndesdiag.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.Reports;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format nagios}: one line in the plugin convention (Nagios plugin API; Monitoring Plugins
 * guidelines for performance data and thresholds, https://www.monitoring-plugins.org/doc/guidelines.html).
 */
class NagiosFormatTest {

    @TempDir
    Path dir;

    @Test
    void theSampleIsCriticalNamesTheFailingChecksAndReportsDaysLeftOfEachCertificate() {
        String out = Reports.render(new NagiosReportWriter(), Reports.analyze(Reports.SAMPLE));
        assertThat(out.lines()).hasSize(1);
        String line = out.strip();
        assertThat(line).startsWith("NDES CRITICAL - 9 failed, 2 warnings: ");
        assertThat(line).contains("endpoint-mscep").contains("http-sys-limits").contains(" | ");
        String perf = line.substring(line.indexOf(" | ") + 3);
        // The sample's CEP Encryption RA certificate expires 20 days after collection, its signing one in 430.
        assertThat(perf.split(" ")).contains("'ra-certificates_CEPEncryption_days'=20;30:;14:",
                "'ra-certificates_ExchangeEnrollmentAgent_days'=430;30:;14:");
        assertThat(perf).matches("('[A-Za-z0-9_.-]+'=-?[0-9]+;30:;14:)( '[A-Za-z0-9_.-]+'=-?[0-9]+;30:;14:)*");
    }

    @Test
    void statusesMapToPluginStatesWithErrorAndAllSkippedUnknown() {
        assertThat(NagiosReportWriter.State.of(Status.FAIL).exitCode()).isEqualTo(2);
        assertThat(NagiosReportWriter.State.of(Status.WARN).exitCode()).isEqualTo(1);
        assertThat(NagiosReportWriter.State.of(Status.PASS).exitCode()).isZero();
        assertThat(NagiosReportWriter.State.of(Status.ERROR)).isEqualTo(NagiosReportWriter.State.UNKNOWN);
        assertThat(NagiosReportWriter.State.of(Status.SKIPPED).exitCode()).isEqualTo(3);
    }

    @Test
    void aReportOfEveryStatusCountsFailuresErrorsAndWarningsWorstFirst() {
        String line = Reports.render(new NagiosReportWriter(), Reports.everyStatus()).strip();
        assertThat(line).isEqualTo("NDES CRITICAL - 1 failed, 1 error, 1 warning: e-fail, d-error, c-warn");
    }

    @Test
    void aHostileHostNameCannotForgeASecondLineOrThePerformanceData() {
        String out = Reports.render(new NagiosReportWriter(), Reports.analyze(HostileBundle.write(dir)));
        assertThat(out.lines()).hasSize(1);
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("<script>");
        assertThat(out.chars().filter(c -> c == '|').count()).as("only the performance data separator").isEqualTo(1);
        assertThat(out).startsWith("NDES CRITICAL - ");
        // the TLS certificate (valid 265 more days) fails on its name here, so its finding carries notAfter
        assertThat(out).containsPattern("'https-binding-certificate_[0-9A-F]{8}_days'=265;30:;14:");
    }
}
