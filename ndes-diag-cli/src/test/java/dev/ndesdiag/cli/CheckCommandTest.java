package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.fixtures.ReportSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box: what a support engineer or a CI job sees from {@code ndes-diag check}. */
class CheckCommandTest {

    private static final String SAMPLE = Path.of("..", "samples", "broken-ndes").toString();
    private static final String HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";

    @TempDir
    Path dir;

    private Path healthyHttpSys() {
        return BundleBuilder.in(dir).registry("http.reg",
                new RegExport().key(HTTP).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 65534)).dir();
    }

    @Test
    void theSampleBundleFailsWithExitCode2AndATextReportGroupedWorstFirst() {
        CliRun run = CliRun.of("check", "--snapshot", SAMPLE);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEmpty();
        String out = run.out();
        assertThat(out).startsWith("ndes-diag ").contains("FAIL: 9 failed, 0 errors, 2 warnings").contains("Timeline (");
        assertThat(out.indexOf("== FAIL")).isLessThan(out.indexOf("== WARN"));
        assertThat(out.indexOf("== WARN")).isLessThan(out.indexOf("== PASS"));
        assertThat(out).contains("fix: ").contains("ROOT_STORE_INTERMEDIATE").doesNotContain("\u001b[");
    }

    @Test
    void theJsonReportValidatesAgainstTheShippedSchema() {
        CliRun run = CliRun.of("check", "--snapshot", SAMPLE, "--format", "json");
        assertThat(run.exitCode()).isEqualTo(2);
        ReportSchema.assertValid(run.out());
        assertThat(run.out()).contains("\"status\" : \"FAIL\"");
    }

    @Test
    void aHealthyRunExits0() {
        CliRun run = CliRun.of("check", "--snapshot", healthyHttpSys().toString(), "--only", "http-sys-limits");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("PASS: 0 failed");
    }

    @Test
    void everyCheckSkippedExits0() {
        CliRun run = CliRun.of("check", "--snapshot", BundleBuilder.in(dir).dir().toString(),
                "--only", "http-sys-limits,root-store-intermediates", "--format", "json");
        assertThat(run.exitCode()).isZero();
        ReportSchema.assertValid(run.out());
        assertThat(run.out()).contains("\"status\" : \"SKIPPED\"");
    }

    @Test
    void failOnRaisesTheThresholdForCi() {
        Path warn = BundleBuilder.in(dir).registry("http.reg",
                new RegExport().key(HTTP).dword("MaxFieldLength", 100_000).dword("MaxRequestBytes", 65534)).dir();
        assertThat(CliRun.of("check", "--snapshot", warn.toString(), "--only", "http-sys-limits").exitCode()).isEqualTo(1);
        assertThat(CliRun.of("check", "--snapshot", warn.toString(), "--only", "http-sys-limits", "--fail-on", "error")
                .exitCode()).isZero();
        assertThat(CliRun.of("check", "--snapshot", SAMPLE, "--fail-on", "never").exitCode()).isZero();
    }

    @Test
    void failOnSkippedMakesAnIncompleteBundleFailAJob() {
        Path b = healthyHttpSys();
        assertThat(CliRun.of("check", "--snapshot", b.toString(), "--only", "http-sys-limits,root-store-intermediates")
                .exitCode()).isZero();
        assertThat(CliRun.of("check", "--snapshot", b.toString(), "--only", "http-sys-limits,root-store-intermediates",
                "--fail-on", "skipped").exitCode()).isEqualTo(1);
    }

    @Test
    void aDamagedBundleStillReportsAndExits3WhenACheckCouldNotJudge() {
        Path b = BundleBuilder.in(dir).bytes("certs/Root/0000000000000000000000000000000000000000.cer", new byte[] {0x30, 0x7f}).dir();
        CliRun run = CliRun.of("check", "--snapshot", b.toString(), "--format", "json");
        assertThat(run.exitCode()).isEqualTo(3);
        ReportSchema.assertValid(run.out());
        assertThat(run.out()).contains("certs/Root/0000000000000000000000000000000000000000.cer");
    }

    @Test
    void aBundleOfANewerFormatExits3WithAMessageAndNoStackTrace() throws Exception {
        Path b = BundleBuilder.in(dir).text("manifest.json",
                "{\"format\":\"ndes-snapshot\",\"formatVersion\":7,\"collectedAt\":\"2026-11-20T10:15:00Z\"}").dir();
        CliRun run = CliRun.of("check", "--snapshot", b.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("format version 7").contains("Update ndes-diag").doesNotContain("\tat ");
    }

    @Test
    void debugAddsTheStackTraceThatIsOtherwiseHidden() throws Exception {
        Path b = BundleBuilder.in(dir).text("manifest.json", "{ broken").dir();
        CliRun run = CliRun.of("check", "--snapshot", b.toString(), "--debug");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("manifest.json").contains("not valid JSON");
        assertThat(run.err()).contains("BundleException").contains("\tat ");
    }

    @Test
    void debugBelongsToOneRunNotToTheProcess() throws Exception {
        Path b = BundleBuilder.in(dir).text("manifest.json", "{ broken").dir();
        assertThat(CliRun.of("check", "--snapshot", b.toString(), "--debug").err()).contains("\tat ");
        java.io.ByteArrayOutputStream processErr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream realErr = System.err;
        System.setErr(new java.io.PrintStream(processErr, true, java.nio.charset.StandardCharsets.UTF_8));
        CliRun quiet;
        try {
            quiet = CliRun.of("check", "--snapshot", b.toString());
        } finally {
            System.setErr(realErr);
        }
        assertThat(quiet.err()).contains("not valid JSON").doesNotContain("\tat ").doesNotContain("BundleException");
        assertThat(processErr.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("BundleException");
    }

    @Test
    void writesTheReportToAFileWithOutput() throws Exception {
        Path report = dir.resolve("report.json");
        CliRun run = CliRun.of("check", "--snapshot", SAMPLE, "--format", "json", "--output", report.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        ReportSchema.assertValid(Files.readString(report));
    }

    @Test
    void anUnknownCheckIdIsAUsageError() {
        CliRun run = CliRun.of("check", "--snapshot", SAMPLE, "--only", "ra-certs");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("'ra-certs'").contains("http-sys-limits").contains("--help");
    }

    @Test
    void aMissingSnapshotOptionIsAUsageError() {
        CliRun run = CliRun.of("check");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--snapshot");
    }

    @Test
    void aBadFormatOrTimeoutIsAUsageError() {
        assertThat(CliRun.of("check", "--snapshot", SAMPLE, "--format", "xml").exitCode()).isEqualTo(64);
        CliRun run = CliRun.of("check", "--snapshot", SAMPLE, "--timeout", "soon");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("'soon' is not a duration");
    }

    @Test
    void aMissingBundleExits3() {
        CliRun run = CliRun.of("check", "--snapshot", dir.resolve("nope.zip").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("does not exist");
    }
}
