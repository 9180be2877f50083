package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.HostileInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, done-when: under {@code java -Xmx64m}, every hostile test bundle gives a report or a
 * clean one-line refusal (exit 3) within 30 s, from the shipped jar: never a stack trace, never an
 * exit code a script would read as WARN.
 */
class HostileBundlesSmallHeapIT {

    private static final Path JAR = Path.of(System.getProperty("ndesdiag.jar", "target/ndes-diag.jar"));

    @TempDir
    Path tmp;

    @Test
    void everyHostileBundleGivesAReportOrAOneLineRefusalWithin30SecondsIn64Megabytes() throws Exception {
        Map<String, Path> bundles = new LinkedHashMap<>(HostileInputs.writeAll(Files.createDirectories(tmp.resolve("in"))));
        bundles.put("hostile-strings", HostileBundle.write(Files.createDirectories(tmp.resolve("strings"))));
        Path forged = Files.createDirectories(tmp.resolve("forged"));
        Files.writeString(forged.resolve("manifest.json"), "{\"format\":\"evil\\n\\u001b[2Jndes-diag: OK forged\"}");
        bundles.put("forged-refusal", forged);
        for (Map.Entry<String, Path> bundle : bundles.entrySet()) {
            Path out = tmp.resolve(bundle.getKey() + ".out");
            Path err = tmp.resolve(bundle.getKey() + ".err");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                    "-jar", JAR.toString(), "check", "--snapshot", bundle.getValue().toString(), "--format", "text");
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean done = p.waitFor(30, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            String what = bundle.getKey() + " (" + (System.nanoTime() - start) / 1_000_000 + " ms): " + stderr;
            assertThat(done).as(what).isTrue();
            assertThat(p.exitValue()).as(what).isBetween(0, 3);
            assertThat(stderr).as(what).doesNotContain("\tat ").doesNotContain("Exception in thread").doesNotContain("\u001b");
            if (stdout.isBlank()) {
                assertThat(p.exitValue()).as(what).isEqualTo(3);
                assertThat(stderr.strip().lines()).as(what).singleElement().asString().startsWith("ndes-diag: error: ");
            } else {
                assertThat(stdout).as(what).contains("ndes-diag").doesNotContain("\u001b");
            }
        }
    }
}
