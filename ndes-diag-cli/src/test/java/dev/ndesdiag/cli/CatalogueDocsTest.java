package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The committed catalogue and README never drift from the checks' own metadata. */
class CatalogueDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "checks.md");
    private static final Path README = Path.of("..", "README.md");

    @Test
    void docsChecksMdIsWhatTheCommandRenders() throws Exception {
        String rendered = CliRun.of("checks", "--format", "markdown").out().replace("\r\n", "\n");
        assertThat(Files.readString(DOCS).replace("\r\n", "\n"))
                .as("docs/checks.md is out of date; regenerate every generated doc with: "
                        + "mvn -B -q package -DskipTests -Pdocs")
                .isEqualTo(rendered);
    }

    @Test
    void theReadmeLinksTheGeneratedCatalogueInsteadOfKeepingASecondTable() throws Exception {
        String readme = Files.readString(README);
        assertThat(readme).contains("[docs/checks.md](docs/checks.md)");
        Matcher ids = Pattern.compile("^\\| `([a-z0-9-]+)` \\|", Pattern.MULTILINE).matcher(Files.readString(DOCS));
        int count = 0;
        while (ids.find()) {
            count++;
            assertThat(readme).as("README.md keeps a hand-made row for %s; link docs/checks.md instead", ids.group(1))
                    .doesNotContain("| `" + ids.group(1) + "` |");
        }
        assertThat(count).isGreaterThan(5);
    }
}
