package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution zip built by mvn verify: unzipped, its shell launcher runs the tool and refuses a bad Java. */
class DistributionIT {

    private static final Path DIST = Path.of(System.getProperty("ndesdiag.dist", "target/ndes-diag-dist.zip"));
    private static final Path SAMPLE = Path.of("..", "samples", "broken-ndes").toAbsolutePath();

    @TempDir
    Path tmp;
    private Path home;

    private record Proc(int exitCode, String out, String err) {
    }

    @BeforeEach
    void unzip() throws IOException {
        try (InputStream in = Files.newInputStream(DIST); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                Path target = tmp.resolve(e.getName()).normalize();
                assertThat(target.startsWith(tmp)).as("zip entry %s stays inside", e.getName()).isTrue();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        try (var dirs = Files.list(tmp)) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Files.setPosixFilePermissions(home.resolve("bin/ndes-diag"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Proc launcher(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/ndes-diag").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        pb.environment().putAll(env);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theWindowsLauncherHasCrlfLineEndingsAsCmdExeNeeds() throws IOException {
        // cmd.exe mis-reads labels and GOTO targets of a batch file with bare LF line endings.
        byte[] cmd = Files.readAllBytes(home.resolve("bin/ndes-diag.cmd"));
        String text = new String(cmd, StandardCharsets.US_ASCII);
        assertThat(text).contains("\r\n").doesNotContainPattern("[^\r]\n");
    }

    @Test
    void theZipHoldsBothLaunchersTheJarAndTheDocs() {
        assertThat(home.resolve("bin/ndes-diag")).isRegularFile();
        assertThat(home.resolve("bin/ndes-diag.cmd")).isRegularFile();
        assertThat(home.resolve("lib/ndes-diag.jar")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("docs/snapshot-format.md")).isRegularFile();
    }

    @Test
    void theShellLauncherRunsTheToolAndPassesArgumentsThrough() throws Exception {
        Proc version = launcher(Map.of(), "--version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("ndes-diag ");
        Proc check = launcher(Map.of(), "check", "--snapshot", SAMPLE.toString(), "--no-color");
        assertThat(check.exitCode()).as(check.err()).isEqualTo(2);
        assertThat(check.out()).contains("ROOT_STORE_INTERMEDIATE");
        Proc again = launcher(Map.of(), "check", "--snapshot", SAMPLE.toString(), "--format", "json");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(tmp.resolve("cache/ndes-diag")).isDirectoryContaining(p -> p.toString().endsWith(".jsa"));
    }

    @Test
    void aJavaOlderThan17IsRefusedWithAClearMessage() throws Exception {
        Path fake = Files.createDirectories(tmp.resolve("jdk11/bin")).resolve("java");
        Files.writeString(fake, "#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\nexit 0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Proc p = launcher(Map.of("JAVA_HOME", tmp.resolve("jdk11").toString()), "--version");
        assertThat(p.exitCode()).isEqualTo(3);
        assertThat(p.err()).contains("Java 11.0.21 is too old").contains("Java 17");
    }

    @Test
    void aMissingJavaIsRefusedWithAClearMessage() throws Exception {
        Proc p = launcher(Map.of("JAVA_HOME", tmp.resolve("no-such-jdk").toString()), "--version");
        assertThat(p.exitCode()).isEqualTo(3);
        assertThat(p.err()).contains("Java was not found");
    }
}
