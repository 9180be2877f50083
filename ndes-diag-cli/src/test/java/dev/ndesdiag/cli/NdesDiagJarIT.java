package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.ExternalCheckJar;
import dev.ndesdiag.fixtures.ReportSchema;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped jar, run as a separate process the way users and scripts run it. */
class NdesDiagJarIT {

    private static final Path JAR = Path.of(System.getProperty("ndesdiag.jar", "target/ndes-diag.jar"));
    private static final String SAMPLE = Path.of("..", "samples", "broken-ndes").toString();

    @TempDir
    Path tmp;

    private record Proc(int exitCode, String out, String err) {
    }

    private Proc java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("process finished").isTrue();
        return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarAnalysesTheSampleBundleAndPrintsASchemaValidReport() throws Exception {
        Proc p = java("-jar", JAR.toString(), "check", "--snapshot", SAMPLE, "--format", "json");
        assertThat(p.exitCode()).as(p.err()).isEqualTo(2);
        ReportSchema.assertValid(p.out());
    }

    @Test
    void theJarReadsAZippedBundleWithItsTopFolder() throws Exception {
        Path zip = tmp.resolve("NDES01-bundle.zip");
        Path sample = Path.of(SAMPLE);
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
                var walk = Files.walk(sample)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry("NDES01-20261120/" + sample.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        Proc p = java("-jar", JAR.toString(), "check", "--snapshot", zip.toString(), "--format", "json");
        assertThat(p.exitCode()).as(p.err()).isEqualTo(2);
        ReportSchema.assertValid(p.out());
        assertThat(p.out()).contains("\"source\" : \"NDES01-bundle.zip\"").contains("ROOT_STORE_INTERMEDIATE")
                .contains("RA_CERT_EXPIRING_SOON").doesNotContain("INPUT_UNREADABLE");
    }

    @Test
    void aCheckJarPutOnTheClassPathAppearsInTheCatalogueAndTheReport() throws Exception {
        Path extra = ExternalCheckJar.build(tmp);
        String cp = JAR + File.pathSeparator + extra;
        Proc list = java("-cp", cp, "dev.ndesdiag.cli.NdesDiagCommand", "checks");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(ExternalCheckJar.CHECK_ID);
        Proc report = java("-cp", cp, "dev.ndesdiag.cli.NdesDiagCommand", "check", "--snapshot", SAMPLE, "--format", "json");
        ReportSchema.assertValid(report.out());
        assertThat(report.out()).contains("\"id\" : \"" + ExternalCheckJar.CHECK_ID + "\"");
    }

    @Test
    void aHostileBundleNeverPrintsAStackTrace() throws Exception {
        Path zip = tmp.resolve("bundle.zip");
        Files.writeString(zip, "PK this is not really a zip");
        Proc p = java("-jar", JAR.toString(), "check", "--snapshot", zip.toString());
        assertThat(p.exitCode()).isEqualTo(3);
        assertThat(p.err()).contains("not a readable zip").doesNotContain("\tat ").doesNotContain("Exception in thread");
    }
}
