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
    void theJarProbesAScepUrlAndReadsItsPkcs7() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        dev.ndesdiag.fixtures.TestPki.Issued ca = dev.ndesdiag.fixtures.TestPki.root("CN=Contoso CA",
                now.minus(java.time.Duration.ofDays(10)), now.plus(java.time.Duration.ofDays(900)));
        dev.ndesdiag.fixtures.TestPki.Issued ra = dev.ndesdiag.fixtures.TestPki.ra("CN=NDES01-MSCEP-RA", ca,
                now.minus(java.time.Duration.ofDays(10)), now.plus(java.time.Duration.ofDays(400)),
                dev.ndesdiag.fixtures.TestPki.RaSpec.signing());
        byte[] pkcs7 = dev.ndesdiag.fixtures.TestPki.certsOnly(ra.certificate(), ca.certificate());
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/certsrv/mscep/mscep.dll", ex -> {
            String q = String.valueOf(ex.getRequestURI().getRawQuery());
            byte[] body = q.contains("GetCACert") ? pkcs7 : "x".getBytes();
            ex.sendResponseHeaders(q.contains("GetCACert") ? 200 : 403, body.length);
            try (java.io.OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Proc p = java("-jar", JAR.toString(), "probe", "http://127.0.0.1:" + server.getAddress().getPort()
                    + "/certsrv/mscep/mscep.dll", "--format", "json", "--timeout", "10s");
            assertThat(p.err()).doesNotContain("Exception").doesNotContain("Error:");
            ReportSchema.assertValid(p.out());
            assertThat(p.out()).contains("GETCACERT_HAS_CA").contains("GETCACERT_RA_VALID").contains("GETCACERT_RA_MISSING");
        } finally {
            server.stop(0);
        }
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
