package dev.ndesdiag.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HealthyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A healthy server passes every check that has its input: no false alarm is the first duty of a checker. */
class HealthyServerTest {

    @TempDir
    Path dir;

    @Test
    void aHealthyServerPassesEveryCheckWhoseInputIsPresent() throws Exception {
        HealthyServer.write(BundleBuilder.in(dir));
        List<Check> all = new ArrayList<>();
        ServiceLoader.load(Check.class).forEach(all::add);
        Report report = Analysis.run(dir, all.toArray(Check[]::new));
        assertThat(report.results()).isNotEmpty();
        for (CheckOutcome o : report.results()) {
            assertThat(o.status()).as("%s: %s", o.id(), o.result().findings()).isIn(Status.PASS, Status.SKIPPED);
        }
        assertThat(report.results()).filteredOn(o -> o.status() == Status.PASS).extracting(CheckOutcome::id)
                .contains("ra-certificates", "ra-duplicates", "ra-private-key-acl", "ndes-policy-ssl-binding",
                        "https-binding-certificate", "crl-retrievability", "connector-certificate", "http-sys-limits",
                        "root-store-intermediates", "iis-request-filtering", "scep-app-pool", "mscep-templates", "ca-ping");
        assertThat(NdesDiag.withChecks(all).checks()).hasSameSizeAs(report.results());
    }

    @Test
    void noReportRevealsTheEncryptedPoolPasswordOfApplicationHostConfig() throws Exception {
        HealthyServer.write(BundleBuilder.in(dir));
        assertThat(java.nio.file.Files.readString(dir.resolve("iis/applicationHost.config"))).contains("enc:IISCngProvider");
        List<Check> all = new ArrayList<>();
        ServiceLoader.load(Check.class).forEach(all::add);
        Report report = Analysis.run(dir, all.toArray(Check[]::new));
        java.io.StringWriter json = new java.io.StringWriter();
        new dev.ndesdiag.report.JsonReportWriter().write(report, json);
        java.io.StringWriter text = new java.io.StringWriter();
        new dev.ndesdiag.report.TextReportWriter(false).write(report, text);
        assertThat(json.toString()).doesNotContain("IISCngProvider").doesNotContain("password=");
        assertThat(text.toString()).doesNotContain("IISCngProvider");
    }
}
