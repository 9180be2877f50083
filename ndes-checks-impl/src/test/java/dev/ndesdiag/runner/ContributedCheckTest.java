package dev.ndesdiag.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.collect.CollectionPlan;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.ExternalCheckJar;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.network.FetchOptions;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer adds a check exactly as README's "Adding a check" says: one class compiled against the
 * API alone, one {@code META-INF/services} line, one scenario test. Nothing else is needed: the
 * catalogue lists it with its inputs, the collector already gathers what it declares, the runner
 * skips it with the collection command when its key is missing.
 */
class ContributedCheckTest {

    private static final String MSCEP = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP";

    static final String SOURCE = """
            package com.contoso.ndes;

            import dev.ndesdiag.api.*;
            import dev.ndesdiag.api.input.*;
            import dev.ndesdiag.api.snapshot.Registry;

            public final class CaConfiguredCheck extends AbstractCheck {
                static final String CA_INFO = "HKLM\\\\SOFTWARE\\\\Microsoft\\\\Cryptography\\\\MSCEP\\\\CAInfo";
                static final Input<Registry> MSCEP = Inputs.registryTree("HKLM\\\\SOFTWARE\\\\Microsoft\\\\Cryptography\\\\MSCEP", "mscep.reg");

                public CaConfiguredCheck() {
                    super(CheckDescriptor.of("contoso-ca-configured", "NDES knows which CA to submit to",
                            Category.CONFIGURATION).withSymptoms("HTTP 500", "NDES event 8").requires(MSCEP));
                }

                public CheckResult run(CheckContext context) {
                    boolean set = context.get(MSCEP).value(CA_INFO, "Configuration").isPresent();
                    return set ? CheckResult.of(Finding.pass("CA_CONFIGURED", "MSCEP\\\\CAInfo names the CA."))
                            : CheckResult.of(Finding.fail("CA_NOT_CONFIGURED", "MSCEP\\\\CAInfo has no Configuration value.")
                                    .withEvidence("key", CA_INFO)
                                    .withRemediation("Run the NDES role configuration again."));
                }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void aCheckAddedAsTheReadmeSaysIsCataloguedCollectedAndRun() throws Exception {
        Path jar = ExternalCheckJar.build(tmp, "CaConfiguredCheck", SOURCE);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            NdesDiag diag = NdesDiag.discover(loader);
            CheckDescriptor added = diag.checks().stream().filter(d -> d.id().equals("contoso-ca-configured")).findFirst()
                    .orElseThrow();
            assertThat(added.inputs()).singleElement().satisfies(i -> assertThat(i.input().what())
                    .isEqualTo("the registry key HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP"));

            List<dev.ndesdiag.collect.Step> plan = new ArrayList<>(CollectionPlan.standard(Optional.empty()));
            plan.addAll(CollectionPlan.network(URI.create("https://ndes01/certsrv/mscep/mscep.dll"), FetchOptions.defaults()));
            assertThat(CollectionPlan.uncollected(plan, List.of(added))).isEmpty();

            assertThat(run(diag, "healthy", new RegExport().key(MSCEP).key(MSCEP + "\\CAInfo")
                    .string("Configuration", "ca01.corp.contoso.com\\Contoso Issuing CA")).status()).isEqualTo(Status.PASS);
            assertThat(run(diag, "broken", new RegExport().key(MSCEP).key(MSCEP + "\\CAInfo")).status()).isEqualTo(Status.FAIL);
            CheckOutcome notCollected = run(diag, "empty", null);
            assertThat(notCollected.status()).isEqualTo(Status.SKIPPED);
            assertThat(notCollected.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r)
                    .contains("reg export \"HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\" registry\\mscep.reg /y"));
        }
    }

    private CheckOutcome run(NdesDiag diag, String name, RegExport mscep) throws Exception {
        BundleBuilder b = BundleBuilder.in(Files.createDirectories(tmp.resolve(name)));
        if (mscep != null) {
            b.registry("mscep.reg", mscep);
        }
        return diag.analyze(b.dir(), RunOptions.defaults().withOnly(java.util.Set.of("contoso-ca-configured"))).results().get(0);
    }
}
