package dev.ndesdiag.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer adds a check exactly as README's "Adding a check" says: the class is README's own
 * example, compiled against the API alone, with one {@code META-INF/services} line, and run on one
 * scenario per verdict. Nothing else is needed: the catalogue lists it with its inputs, the
 * collector already gathers what it declares, the runner skips it with the collection command when
 * its key is missing, and an unreadable value is an ERROR naming file, value and raw text. (That
 * the build and the regenerate command then pass was tried by hand on a copy of the repository,
 * with the class under {@code checks/} and its line in the services file; see the issue 9 note.)
 */
class ContributedCheckTest {

    private static final String ADCS = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS";
    private static final String NDES = ADCS + "\\NDES";
    /** README's id; compiled here under another one, so that a contributor who adds README's example as it is to
     *  the build (as the issue 9 trial did) does not collide with this test's copy. */
    private static final String README_ID = "contoso-ndes-configured";
    private static final String ID = "readme-example-ndes-configured";

    @TempDir
    Path tmp;

    /** The first Java block of README's "Adding a check", without the list's indentation. */
    static String readmeExample() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Adding a check"));
        Matcher block = Pattern.compile("```java\\n(.*?)\\n\\s*```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("README's Adding a check has a Java example").isTrue();
        return block.group(1).replaceAll("(?m)^   ", "");
    }

    @Test
    void theReadmesExampleAddedAsTheReadmeSaysIsCataloguedCollectedAndRun() throws Exception {
        String source = readmeExample();
        assertThat(source).contains("\"" + README_ID + "\"");
        source = source.replace("\"" + README_ID + "\"", "\"" + ID + "\"");
        Matcher name = Pattern.compile("public final class (\\w+)").matcher(source);
        assertThat(name.find()).isTrue();
        Path jar = ExternalCheckJar.build(tmp, name.group(1), source);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            NdesDiag diag = NdesDiag.discover(loader);
            CheckDescriptor added = diag.checks().stream().filter(d -> d.id().equals(ID)).findFirst().orElseThrow();
            assertThat(added.inputs()).singleElement().satisfies(i -> assertThat(i.input().what())
                    .isEqualTo("the registry key HKLM\\SOFTWARE\\Microsoft\\ADCS"));

            List<dev.ndesdiag.collect.Step> plan = new ArrayList<>(CollectionPlan.standard(Optional.empty()));
            plan.addAll(CollectionPlan.network(URI.create("https://ndes01/certsrv/mscep/mscep.dll"), FetchOptions.defaults()));
            assertThat(CollectionPlan.uncollected(plan, List.of(added))).isEmpty();

            assertThat(run(diag, "configured", new RegExport().key(ADCS).key(NDES).dword("ConfigurationStatus", 2)).status())
                    .isEqualTo(Status.PASS);
            CheckOutcome unfinished = run(diag, "unfinished", new RegExport().key(ADCS).key(NDES).dword("ConfigurationStatus", 1));
            assertThat(unfinished.status()).isEqualTo(Status.FAIL);
            assertThat(unfinished.result().findings().get(0).evidence()).containsEntry("configurationStatus", "1 (0x1)");

            CheckOutcome broken = run(diag, "broken", new RegExport().key(ADCS).key(NDES).raw("\"ConfigurationStatus\"=dword:2x"));
            assertThat(broken.status()).isEqualTo(Status.ERROR);
            Finding unreadable = broken.result().findings().get(0);
            assertThat(unreadable.evidence()).containsEntry("file", "registry/adcs.reg")
                    .containsEntry("name", "ConfigurationStatus").containsEntry("raw", "dword:2x");

            CheckOutcome notCollected = run(diag, "empty", null);
            assertThat(notCollected.status()).isEqualTo(Status.SKIPPED);
            assertThat(notCollected.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r)
                    .contains("reg export \"HKLM\\SOFTWARE\\Microsoft\\ADCS\" registry\\adcs.reg /y"));
        }
    }

    private CheckOutcome run(NdesDiag diag, String name, RegExport adcs) throws Exception {
        BundleBuilder b = BundleBuilder.in(Files.createDirectories(tmp.resolve(name)));
        if (adcs != null) {
            b.registry("adcs.reg", adcs);
        }
        return diag.analyze(b.dir(), RunOptions.defaults().withOnly(Set.of(ID))).results().get(0);
    }
}
