package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.ReportSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box: {@code check --format html|markdown|junit|nagios}, {@code --output}, and a hostile bundle in every format. */
class ReportFormatsCliTest {

    private static final String SAMPLE = Path.of("..", "samples", "broken-ndes").toString();

    @TempDir
    Path dir;

    @Test
    void everyFormatOfTheSampleExits2() {
        for (String format : new String[] {"text", "json", "html", "markdown", "junit"}) {
            CliRun run = CliRun.of("check", "--snapshot", SAMPLE, "--format", format);
            assertThat(run.exitCode()).as(format).isEqualTo(2);
            assertThat(run.err()).as(format).isEmpty();
        }
        assertThat(CliRun.of("check", "--snapshot", SAMPLE, "--format", "html").out()).startsWith("<!DOCTYPE html>");
        assertThat(CliRun.of("check", "--snapshot", SAMPLE, "--format", "markdown").out()).startsWith("## NDES diagnosis: FAIL");
        assertThat(CliRun.of("check", "--snapshot", SAMPLE, "--format", "junit").out()).startsWith("<?xml");
    }

    @Test
    void nagiosPrintsOneLineAndExitsWithThePluginState() {
        CliRun run = CliRun.of("check", "--snapshot", SAMPLE, "--format", "nagios");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.out()).startsWith("NDES CRITICAL - 9 failed, 2 warnings: ");
    }

    @Test
    void nagiosIgnoresFailOnBecauseMonitoringReadsTheState() {
        assertThat(CliRun.of("check", "--snapshot", SAMPLE, "--format", "nagios", "--fail-on", "never").exitCode())
                .isEqualTo(2);
    }

    @Test
    void nagiosAnswersUnknownForAnUnreadableBundle() {
        CliRun run = CliRun.of("check", "--snapshot", dir.resolve("missing.zip").toString(), "--format", "nagios");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).startsWith("NDES UNKNOWN - ");
        assertThat(run.out().lines()).hasSize(1);
    }

    @Test
    void nagiosAnswersUnknownForAUsageError() {
        CliRun run = CliRun.of("check", "--format", "nagios", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).startsWith("NDES UNKNOWN - usage error: ");
        assertThat(CliRun.of("check", "--no-such-option").exitCode()).as("without nagios").isEqualTo(64);
    }

    @Test
    void outputReplacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Path out = dir.resolve("report.html");
        Files.writeString(out, "old report");
        CliRun run = CliRun.of("check", "--snapshot", SAMPLE, "--format", "html", "--output", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.html");
        }
    }

    @Test
    void anOutputFolderThatDoesNotExistIsAnErrorAndWritesNothing() {
        CliRun run = CliRun.of("check", "--snapshot", SAMPLE, "--output", dir.resolve("no/such/report.txt").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("cannot write the report");
    }

    @Test
    void aHostileBundleIsInertInEveryFormat() throws Exception {
        Path bundle = HostileBundle.write(dir.resolve("hostile"));
        for (String format : new String[] {"text", "json", "html", "markdown", "junit", "nagios"}) {
            CliRun run = CliRun.of("check", "--snapshot", bundle.toString(), "--format", format);
            assertThat(run.exitCode()).as(format).isEqualTo(2);
            assertThat(run.out()).as(format).doesNotContain("\u001b").doesNotContain("\u0007");
            if (!format.equals("json")) {
                // JSON carries strings exactly (control characters \\u-escaped by Jackson); renderers show them
                assertThat(run.out()).as(format).doesNotContain("\u202e");
            }
            if (format.equals("text") || format.equals("nagios")) {
                // line-oriented formats: a line break from the bundle never starts a line of its own
                assertThat(run.out().lines().filter(l -> l.startsWith("NDES OK"))).as(format + ": forged line").isEmpty();
            }
            if (!format.equals("json") && !format.equals("text") && !format.equals("markdown")) {
                assertThat(run.out()).as(format).doesNotContain("<script>");
            }
        }
        CliRun json = CliRun.of("check", "--snapshot", bundle.toString(), "--format", "json");
        ReportSchema.assertValid(json.out());
        // JSON keeps the exact string (escaped by Jackson): tools get the truth, renderers make it inert
        assertThat(new ObjectMapper().readTree(json.out()).path("target").path("host").asText()).isEqualTo(HostileBundle.HOST);
    }
}
