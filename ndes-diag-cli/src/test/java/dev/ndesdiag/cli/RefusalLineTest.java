package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, point 4: a refusal quotes bundle text (here a manifest's format field) as one visible,
 * cut line: a line break, a terminal escape or a megabyte of text in the bundle cannot forge a
 * second line, clear the screen or flood the terminal, in the text and the Nagios outputs alike.
 */
class RefusalLineTest {

    @TempDir
    Path tmp;

    private Path bundleWithFormat(String jsonEncodedFormat) throws Exception {
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(b.resolve("manifest.json"), "{\"format\":\"" + jsonEncodedFormat + "\",\"formatVersion\":1}");
        return b;
    }

    @Test
    void aRefusalQuotingAForgedManifestIsOneEscapedLine() throws Exception {
        CliRun run = CliRun.of("check", "--snapshot", bundleWithFormat("evil\\nNDES OK - forged\\u001b[2J").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip().lines()).singleElement().asString()
                .startsWith("ndes-diag: error: manifest.json says format \"evil NDES OK - forged\\u001B[2J\"");
        assertThat(run.err()).doesNotContain("\u001b");
    }

    @Test
    void aRefusalQuotingAHugeValueIsCut() throws Exception {
        CliRun run = CliRun.of("check", "--snapshot", bundleWithFormat("x".repeat(100_000)).toString(), "--format", "nagios");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip().lines()).singleElement().asString().hasSizeLessThan(600);
        assertThat(run.out().strip().lines()).singleElement().asString().startsWith("NDES UNKNOWN - ").hasSizeLessThan(600);
    }
}
