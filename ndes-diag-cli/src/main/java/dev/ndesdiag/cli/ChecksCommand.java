package dev.ndesdiag.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.input.DeclaredInput;
import dev.ndesdiag.runner.CheckCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ndes-diag checks}: the catalogue of available checks, from their descriptors. */
@Command(name = "checks",
        description = "List the available checks: id, title, symptoms and the bundle parts each reads.",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.ERROR)
final class ChecksCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    enum CatalogFormat { TEXT, JSON, MARKDOWN }

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
            description = "text for people, json for tools, markdown for docs/checks.md (default: ${DEFAULT-VALUE}).")
    CatalogFormat format;

    @Override
    public Integer call() throws IOException {
        NdesDiag diag;
        try {
            diag = NdesDiag.discover(Thread.currentThread().getContextClassLoader());
        } catch (CheckCatalog.CatalogException e) {
            spec.commandLine().getErr().println("ndes-diag: error: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == CatalogFormat.JSON) {
            writeJson(diag, out);
        } else if (format == CatalogFormat.MARKDOWN) {
            writeMarkdown(diag, out);
        } else {
            for (CheckDescriptor d : diag.checks()) {
                out.println(d.id() + "  [" + d.category().reportName() + "]");
                out.println("    " + d.title());
                if (!d.symptoms().isEmpty()) {
                    out.println("    symptoms: " + String.join(", ", d.symptoms()));
                }
                out.println("    reads:    " + (d.reads().isEmpty() ? "the whole bundle"
                        : String.join(", ", d.reads().stream().map(SnapshotPart::bundlePath).sorted().toList())));
                for (DeclaredInput i : d.inputs()) {
                    out.println("    " + (i.required() ? "requires: " : "uses:     ") + i.input().what());
                }
                out.println();
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The catalogue as docs/checks.md holds it; a test keeps that file in step with the checks. */
    private static void writeMarkdown(NdesDiag diag, PrintWriter out) {
        out.println("# Check catalogue");
        out.println();
        out.println("Generated from the checks' own descriptors (`ndes-diag checks --format markdown`); regenerate every");
        out.println("generated doc with `mvn -B -q package -DskipTests -Pdocs`. A test fails when this file and the checks disagree.");
        out.println();
        out.println("| id | category | verifies | typical symptoms | bundle parts read |");
        out.println("|---|---|---|---|---|");
        for (CheckDescriptor d : diag.checks()) {
            out.println("| `" + d.id() + "` | " + d.category().reportName() + " | " + cell(d.title()) + " | "
                    + cell(String.join(", ", d.symptoms())) + " | "
                    + cell(d.reads().isEmpty() ? "the whole bundle"
                            : String.join(", ", d.reads().stream().map(p -> "`" + p.bundlePath() + "`").sorted().toList()))
                    + " |");
        }
        out.println();
        out.println("## What each check reads");
        out.println();
        out.println("A check is skipped, naming the command, when an input it requires is missing; it judges without");
        out.println("the inputs it uses. `ndes-diag collect` gathers all of them (a test holds it to this list); by hand,");
        out.println("each line gives the command (see also docs/snapshot-format.md).");
        for (CheckDescriptor d : diag.checks()) {
            out.println();
            out.println("### `" + d.id() + "`");
            out.println();
            if (d.inputs().isEmpty()) {
                out.println("- the whole bundle (every file's read status)");
            }
            for (DeclaredInput i : d.inputs()) {
                out.println("- " + (i.required() ? "requires " : "uses ") + cell(i.input().what()) + ": `"
                        + i.input().collectCommand().replace("`", "'") + "`");
            }
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static void writeJson(NdesDiag diag, PrintWriter out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        for (CheckDescriptor d : diag.checks()) {
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeStringField("title", d.title());
            g.writeStringField("category", d.category().reportName());
            g.writeArrayFieldStart("symptoms");
            for (String s : d.symptoms()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("reads");
            for (String p : d.reads().stream().map(SnapshotPart::bundlePath).sorted().toList()) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("inputs");
            for (DeclaredInput i : d.inputs()) {
                g.writeStartObject();
                g.writeStringField("what", i.input().what());
                g.writeStringField("part", i.input().part().bundlePath());
                g.writeStringField("need", i.need().name().toLowerCase(java.util.Locale.ROOT));
                g.writeStringField("collect", i.input().collectCommand());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("references");
            for (String r : d.references()) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.flush();
        out.println();
    }
}
