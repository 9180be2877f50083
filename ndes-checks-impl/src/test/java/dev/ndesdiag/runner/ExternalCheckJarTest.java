package dev.ndesdiag.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.ExternalCheckJar;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A third party adds a check by dropping a jar, compiled against the API module alone, on the class path. */
class ExternalCheckJarTest {

    @TempDir
    Path tmp;

    @Test
    void aCheckInAJarOnTheClassPathAppearsInTheCatalogueAndTheReport() throws Exception {
        Path jar = ExternalCheckJar.build(tmp);
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

    /** A third-party FAIL with neither evidence nor a remediation: the API refuses it inside the check's run. */
    static final String UNACTIONABLE = """
            package com.contoso.ndes;

            import dev.ndesdiag.api.*;

            public final class VagueCheck extends AbstractCheck {
                public VagueCheck() {
                    super(CheckDescriptor.of("contoso-vague", "Says something is wrong", Category.CONFIGURATION));
                }

                public CheckResult run(CheckContext context) {
                    return CheckResult.of(Finding.fail("SOMETHING_WRONG", "Something is wrong."));
                }
            }
            """;

    @Test
    void aThirdPartyFailWithoutEvidenceOrRemediationIsAnErrorNamingTheFindingNotAFail() throws Exception {
        Path jar = ExternalCheckJar.build(tmp, "VagueCheck", UNACTIONABLE);
        Path bundle = BundleBuilder.in(Files.createDirectories(tmp.resolve("bundle"))).dir();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Report report = NdesDiag.discover(loader).analyze(bundle, RunOptions.defaults().withOnly(java.util.Set.of("contoso-vague")));
            CheckOutcome vague = report.results().get(0);
            assertThat(vague.status()).isEqualTo(Status.ERROR);
            assertThat(vague.result().findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo("CHECK_FINDING_NOT_ACTIONABLE");
                assertThat(f.message()).contains("SOMETHING_WRONG").contains("neither evidence nor a remediation");
            });
        }
    }
}
