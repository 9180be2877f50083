package dev.ndesdiag.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.BundleBuilder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A third party adds a check by dropping a jar, compiled against the API module alone, on the class path. */
class ExternalCheckJarTest {

    private static final String SOURCE = """
            package com.contoso.ndes;

            import dev.ndesdiag.api.*;

            public final class PendingRebootCheck implements Check {
                private static final CheckDescriptor D = CheckDescriptor.of("contoso-pending-reboot",
                        "No reboot is pending after an NDES change", Category.CONFIGURATION)
                        .withSymptoms("HTTP 500 after a change").withReads(SnapshotPart.REGISTRY);

                public CheckDescriptor descriptor() { return D; }

                public CheckResult run(CheckContext context) {
                    boolean pending = context.snapshot().registry().value().orElseThrow()
                            .key("HKLM\\\\SOFTWARE\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Component Based Servicing\\\\RebootPending")
                            .isPresent();
                    return pending ? CheckResult.of(Finding.warn("REBOOT_PENDING", "A reboot is pending."))
                            : CheckResult.of(Finding.pass("NO_REBOOT_PENDING", "No reboot is pending."));
                }
            }
            """;

    @TempDir
    Path tmp;

    private Path buildJar() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/com/contoso/ndes")).resolve("PendingRebootCheck.java");
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String apiOnly = Path.of(Check.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "--release", "17", "-classpath", apiOnly, "-d", classes.toString(),
                src.toString());
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        Path jar = tmp.resolve("contoso-checks.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            out.putNextEntry(new JarEntry("com/contoso/ndes/PendingRebootCheck.class"));
            out.write(Files.readAllBytes(classes.resolve("com/contoso/ndes/PendingRebootCheck.class")));
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/dev.ndesdiag.api.Check"));
            out.write("com.contoso.ndes.PendingRebootCheck\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void aCheckInAJarOnTheClassPathAppearsInTheCatalogueAndTheReport() throws Exception {
        Path jar = buildJar();
        Path bundle = BundleBuilder.in(Files.createDirectories(tmp.resolve("bundle")))
                .registry("cbs.reg", new dev.ndesdiag.fixtures.RegExport().key(
                        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending"))
                .dir();
        NdesDiag without = NdesDiag.discover(getClass().getClassLoader());
        assertThat(without.checks()).extracting(CheckDescriptor::id).doesNotContain("contoso-pending-reboot");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            NdesDiag with = NdesDiag.discover(loader);
            assertThat(with.checks()).extracting(CheckDescriptor::id)
                    .contains("contoso-pending-reboot", "root-store-intermediates", "http-sys-limits");
            Report report = with.analyze(bundle, RunOptions.defaults());
            CheckOutcome external = report.results().stream().filter(o -> o.id().equals("contoso-pending-reboot"))
                    .findFirst().orElseThrow();
            assertThat(external.status()).isEqualTo(Status.WARN);
            assertThat(external.result().findings()).extracting(f -> f.code()).containsExactly("REBOOT_PENDING");
        }
    }
}
