package dev.ndesdiag.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ndesdiag.codes.CodeDictionary;
import dev.ndesdiag.codes.CodeEntry;
import dev.ndesdiag.codes.Explanation;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ndes-diag explain CODE...}: what a code from an NDES server means, its usual cause, the
 * check that confirms it and the fix, from the code dictionary; offline, no bundle needed.
 */
@Command(name = "explain",
        description = {"Explain codes seen on an NDES server: HRESULTs and Win32 codes (0x80094800, -2146875392, "
                + "2148204809, 87), IIS statuses (500.0.1346, '500 0 1346', 403.16), WinHTTP codes and flags (12175, "
                + "CERT_CN_INVALID), HTTPERR reasons (Disabled) and events ('event 10', NDES-10, WAS-5002).",
            "Works offline; three numbers in a row starting with an HTTP status are read as one IIS status."},
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.ERROR,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:every code is known",
            " 1:at least one code is unknown (the output says which)",
            "64:command-line usage error"})
final class ExplainCommand implements Callable<Integer> {

    /** The output formats of explain. */
    enum ExplainFormat { TEXT, JSON }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CODE", description = "One or more codes, in any of the forms above.")
    List<String> codes;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text for people, json for tools (default: ${DEFAULT-VALUE}).")
    ExplainFormat format;

    @Override
    public Integer call() throws IOException {
        CodeDictionary dictionary = CodeDictionary.standard();
        List<Explanation> explanations = new ArrayList<>();
        for (String code : group(codes)) {
            explanations.add(dictionary.explain(code));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == ExplainFormat.JSON) {
            writeJson(explanations, out);
        } else {
            writeText(explanations, out);
        }
        out.flush();
        return explanations.stream().allMatch(Explanation::known) ? ExitCodes.OK : ExitCodes.WARN;
    }

    /**
     * Joins arguments the shell split: {@code event 10}, {@code WAS 5002}, and an IIS status written as
     * three numbers ({@code 500 0 1346}).
     */
    static List<String> group(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).strip();
            String next = i + 1 < args.size() ? args.get(i + 1).strip() : "";
            String third = i + 2 < args.size() ? args.get(i + 2).strip() : "";
            if (a.matches("(?i)event") && !next.isEmpty()) {
                out.add(a + " " + next);
                i++;
            } else if (a.matches("[A-Za-z][A-Za-z0-9]*") && next.matches("\\d{1,5}") && isEventPrefix(a)) {
                out.add(a + "-" + next);
                i++;
            } else if (a.matches("[1-5]\\d\\d") && next.matches("\\d{1,3}") && third.matches("-?\\d{1,10}")) {
                out.add(a + "." + next + "." + third);
                i += 2;
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** A check of this build is named with the command that runs it; one still to come (issue 12) says so. */
    private static String describeCheck(String id) {
        return availableChecks().contains(id) ? id + " (ndes-diag check --only " + id + ")" : id + " (not in this version yet)";
    }

    private static java.util.Set<String> availableChecks() {
        java.util.Set<String> known = AVAILABLE.get();
        if (known == null) {
            known = discoverChecks();
            AVAILABLE.set(known);
        }
        return known;
    }

    /** The check ids of this build, found once per thread (the catalogue does not change while running). */
    private static final ThreadLocal<java.util.Set<String>> AVAILABLE = new ThreadLocal<>();

    private static java.util.Set<String> discoverChecks() {
        try {
            return dev.ndesdiag.NdesDiag.discover(Thread.currentThread().getContextClassLoader()).checks().stream()
                    .map(dev.ndesdiag.api.CheckDescriptor::id).collect(java.util.stream.Collectors.toSet());
        } catch (dev.ndesdiag.runner.CheckCatalog.CatalogException e) {
            return java.util.Set.of();
        }
    }

    private static boolean isEventPrefix(String word) {
        return CodeDictionary.standard().eventSources().stream().anyMatch(s -> s.prefix().equalsIgnoreCase(word));
    }

    private static void writeText(List<Explanation> explanations, PrintWriter out) {
        boolean first = true;
        for (Explanation x : explanations) {
            if (!first) {
                out.println();
            }
            first = false;
            if (!x.known()) {
                out.println(printable(x.query().input()) + ": unknown code: not in ndes-diag's dictionary"
                        + (x.query().readable() ? " (read as " + printable(x.query().reading()) + ")"
                                : " (not a code of any known form: " + printable(x.query().reading()) + ")"));
                continue;
            }
            out.println(printable(x.query().input()) + ": " + printable(x.query().reading()));
            for (Explanation.Match m : x.matches()) {
                entry(m.entry(), m.exact() ? "" : "  (no entry for the code itself; the nearest one)", out);
            }
            for (CodeEntry r : x.related()) {
                out.println("  related:");
                entry(r, "", out);
            }
        }
    }

    /** What the user typed is echoed: control characters (an escape sequence, a line break) are shown as \\uXXXX. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static void entry(CodeEntry e, String suffix, PrintWriter out) {
        out.println("  " + e.code() + "  " + e.name() + "  [" + e.kind().jsonName() + ", " + e.confidence().jsonName() + "]" + suffix);
        out.println("    meaning: " + e.meaning());
        out.println("    cause:   " + e.cause());
        out.println("    check:   " + e.checkId().map(ExplainCommand::describeCheck).orElse("none"));
        out.println("    fix:     " + e.fix());
        out.println("    source:  " + e.source());
        e.note().ifPresent(n -> out.println("    note:    " + n));
    }

    private static void writeJson(List<Explanation> explanations, PrintWriter out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("schema", "ndes-diag-explain");
        g.writeNumberField("schemaVersion", 1);
        g.writeArrayFieldStart("codes");
        for (Explanation x : explanations) {
            g.writeStartObject();
            g.writeStringField("input", x.query().input());
            g.writeStringField("reading", x.query().reading());
            if (x.query().normalized().isPresent()) {
                g.writeStringField("normalized", x.query().normalized().get());
            } else {
                g.writeNullField("normalized");
            }
            g.writeBooleanField("known", x.known());
            g.writeArrayFieldStart("matches");
            for (Explanation.Match m : x.matches()) {
                jsonEntry(g, m.entry(), m.exact());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("related");
            for (CodeEntry r : x.related()) {
                jsonEntry(g, r, true);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.println();
    }

    private static void jsonEntry(JsonGenerator g, CodeEntry e, boolean exact) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", e.code());
        g.writeStringField("kind", e.kind().jsonName());
        g.writeStringField("name", e.name());
        g.writeBooleanField("exact", exact);
        g.writeStringField("meaning", e.meaning());
        g.writeStringField("cause", e.cause());
        if (e.checkId().isPresent()) {
            g.writeStringField("checkId", e.checkId().get());
        } else {
            g.writeNullField("checkId");
        }
        g.writeStringField("fix", e.fix());
        g.writeStringField("source", e.source());
        g.writeStringField("confidence", e.confidence().jsonName().toLowerCase(Locale.ROOT));
        if (e.note().isPresent()) {
            g.writeStringField("note", e.note().get());
        }
        g.writeEndObject();
    }
}
