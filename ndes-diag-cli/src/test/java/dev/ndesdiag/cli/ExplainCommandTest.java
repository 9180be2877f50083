package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ndes-diag explain}: every form of code the issue names, text and JSON, and the exit codes. */
class ExplainCommandTest {

    private static JsonNode json(CliRun run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void hexHresultIsExplainedWithCauseCheckAndFix() {
        CliRun run = CliRun.of("explain", "0x80094800");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("CERTSRV_E_UNSUPPORTED_CERT_TYPE", "meaning:", "cause:", "check:   mscep-templates (ndes-diag check --only mscep-templates)",
                "fix:", "source:  https://");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void signedDecimalIsTheSameHresult() {
        CliRun run = CliRun.of("explain", "-2146875392");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("HRESULT 0x80094800 (signed decimal -2146875392)", "CERTSRV_E_UNSUPPORTED_CERT_TYPE");
    }

    @Test
    void unsignedDecimalFromAnIisLogIsTheSameHresult() {
        CliRun run = CliRun.of("explain", "2148204809");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("0x800b0109", "CERT_E_UNTRUSTEDROOT", "root-store-intermediates");
    }

    @Test
    void iisTripleWithDotsQuotedWithSpacesOrSplitByTheShellReadsTheSame() {
        CliRun dots = CliRun.of("explain", "500.0.1346");
        CliRun quoted = CliRun.of("explain", "500 0 1346");
        CliRun split = CliRun.of("explain", "500", "0", "1346");

        assertThat(dots.exitCode()).isZero();
        assertThat(dots.out()).contains("ERROR_BAD_IMPERSONATION_LEVEL", "scep-app-pool");
        assertThat(quoted.out().replace("500 0 1346:", "500.0.1346:")).isEqualTo(dots.out());
        assertThat(split.out()).isEqualTo(dots.out());
    }

    @Test
    void winHttpCodeSaysWhichFlagTellsWhy() {
        CliRun run = CliRun.of("explain", "12175");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ERROR_WINHTTP_SECURE_FAILURE", "WINHTTP_CALLBACK_STATUS_FLAG_", "CERT_CN_INVALID");
    }

    @Test
    void eventByIdByPrefixAndSplitByTheShell() {
        assertThat(CliRun.of("explain", "event 10").out()).contains("NDES-10", "EVENT_MSCEP_FAILED_RA_CERT");
        assertThat(CliRun.of("explain", "event", "10").out()).contains("NDES-10");
        assertThat(CliRun.of("explain", "NDES-10").out()).contains("EVENT_MSCEP_FAILED_RA_CERT", "[event, reported]");
        CliRun was = CliRun.of("explain", "WAS-5002");
        assertThat(was.exitCode()).isZero();
        assertThat(was.out()).contains("WAS_EVENT_RAPID_FAIL_PROTECTION", "check:   scep-pool-events (ndes-diag check --only scep-pool-events)");
        assertThat(CliRun.of("explain", "WAS", "5002").out()).isEqualTo(was.out());
    }

    @Test
    void unknownCodeExitsOneAndSaysSoWhileTheKnownOnesAreStillExplained() {
        CliRun run = CliRun.of("explain", "0x80094800", "0x12345678");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("CERTSRV_E_UNSUPPORTED_CERT_TYPE",
                "0x12345678: unknown code: not in ndes-diag's dictionary (read as HRESULT 0x12345678)");
    }

    @Test
    void textThatIsNoCodeAtAllIsUnknownNotAnError() {
        CliRun run = CliRun.of("explain", "99999999999999");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("unknown code", "outside 32 bits");
    }

    @Test
    void echoedInputCannotForgeALineOrATerminalSequence() {
        CliRun run = CliRun.of("explain", "x\u001b[2J\u0007");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u0007").contains("x\\u001b[2J\\u0007: unknown code");
        assertThat(run.out().lines()).hasSize(1);
    }

    @Test
    void noCodeIsAUsageError() {
        CliRun run = CliRun.of("explain");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("CODE");
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertThat(CliRun.of("explain", "--format", "xml", "87").exitCode()).isEqualTo(64);
    }

    @Test
    void jsonGivesEachCodeWithItsReadingAndEntries() throws Exception {
        CliRun run = CliRun.of("explain", "--format", "json", "-2146875392", "500 0 87", "nope");
        JsonNode root = json(run);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(root.path("schema").asText()).isEqualTo("ndes-diag-explain");
        assertThat(root.path("schemaVersion").asInt()).isEqualTo(1);
        JsonNode codes = root.path("codes");
        assertThat(codes).hasSize(3);
        assertThat(codes.get(0).path("normalized").asText()).isEqualTo("0x80094800");
        assertThat(codes.get(0).path("known").asBoolean()).isTrue();
        JsonNode m = codes.get(0).path("matches").get(0);
        assertThat(List.of("code", "kind", "name", "exact", "meaning", "cause", "checkId", "fix", "source", "confidence"))
                .allSatisfy(f -> assertThat(m.has(f)).as(f).isTrue());
        assertThat(m.path("checkId").asText()).isEqualTo("mscep-templates");
        assertThat(codes.get(1).path("matches").get(0).path("code").asText()).isEqualTo("500.0.87");
        assertThat(codes.get(1).path("matches").get(0).path("cause").asText()).startsWith("Most often");
        assertThat(codes.get(1).path("related").get(0).path("code").asText()).isEqualTo("0x80070057");
        assertThat(codes.get(2).path("known").asBoolean()).isFalse();
        assertThat(codes.get(2).path("matches")).isEmpty();
    }

    @Test
    void groupingJoinsOnlyWhatTheShellSplit() {
        assertThat(ExplainCommand.group(List.of("500", "0", "1346", "87", "event", "31", "was", "5009", "12175")))
                .containsExactly("500.0.1346", "87", "event 31", "was-5009", "12175");
        assertThat(ExplainCommand.group(List.of("403", "16"))).containsExactly("403", "16");
    }
}
