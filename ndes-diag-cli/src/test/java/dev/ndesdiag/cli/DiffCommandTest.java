package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box: {@code ndes-diag diff BEFORE AFTER} for "re-run the checks after a change" in CI. */
class DiffCommandTest {

    private static final String SAMPLE = Path.of("..", "samples", "broken-ndes").toString();
    private static final String HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";

    @TempDir
    Path dir;

    private Path bundle(String name, int maxFieldLength) {
        RegExport export = new RegExport().key(HTTP).dword("MaxRequestBytes", 65534);
        if (maxFieldLength > 0) {
            export.dword("MaxFieldLength", maxFieldLength);
        }
        return BundleBuilder.in(dir.resolve(name)).registry("http.reg", export).dir();
    }

    private Path jsonReport(Path bundle, String name) throws Exception {
        CliRun run = CliRun.of("check", "--snapshot", bundle.toString(), "--format", "json");
        return Files.writeString(dir.resolve(name), run.out());
    }

    @Test
    void aChangeThatFixesAFailureExits0AndSaysFixed() throws Exception {
        Path before = jsonReport(bundle("before", 0), "before.json");
        CliRun run = CliRun.of("diff", before.toString(), bundle("after", 65534).toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("nothing got worse").contains("== FIXED").contains("http-sys-limits MAX_FIELD_LENGTH_TOO_LOW: FAIL -> -");
    }

    @Test
    void aChangeThatBreaksSomethingExits2() throws Exception {
        CliRun run = CliRun.of("diff", bundle("before", 65534).toString(), bundle("after", 0).toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("got worse: a new or worse FAIL").contains("! http-sys-limits MAX_FIELD_LENGTH_TOO_LOW");
    }

    @Test
    void aNewWarningExits1() {
        assertThat(CliRun.of("diff", bundle("before", 65534).toString(), bundle("after", 100_000).toString()).exitCode())
                .isEqualTo(1);
    }

    @Test
    void theSameReportTwiceIsAllUnchanged() throws Exception {
        Path json = jsonReport(Path.of(SAMPLE), "sample.json");
        CliRun run = CliRun.of("diff", json.toString(), SAMPLE, "--format", "json");
        assertThat(run.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.path("schema").asText()).isEqualTo("ndes-diag-diff");
        assertThat(root.path("summary").path("new").asInt()).isZero();
        assertThat(root.path("summary").path("fixed").asInt()).isZero();
        assertThat(root.path("summary").path("changed").asInt()).isZero();
        assertThat(root.path("summary").path("unchanged").asInt()).isPositive();
        assertThat(root.path("summary").path("worsened").isNull()).isTrue();
    }

    @Test
    void markdownIsATableForAChangeTicket() {
        CliRun run = CliRun.of("diff", bundle("before", 65534).toString(), bundle("after", 0).toString(),
                "--format", "markdown");
        assertThat(run.out()).startsWith("## NDES diff: got worse").contains("| check | code | status | message |")
                .contains("| `http-sys-limits` | MAX\\_FIELD\\_LENGTH\\_TOO\\_LOW | **");
    }

    @Test
    void anUnreadableSideExits3AndAMissingArgumentIs64() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"schema\": \"something-else\"}");
        CliRun run = CliRun.of("diff", bad.toString(), SAMPLE);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("bad.json is not an ndes-diag JSON report");
        assertThat(CliRun.of("diff", SAMPLE).exitCode()).isEqualTo(64);
    }
}
