package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.secrets.SecretValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads every {@code registry/*.reg} file of a bundle and merges their keys, in file-name order.
 *
 * <p>The text is normalised here (encoding from the bytes, {@code REGEDIT4} or version 5 header,
 * continuation lines joined, each value line's quoted name replaced by a line token) so that ini4j
 * only sees well-formed sections and {@code token=value} lines; ini4j groups them into sections,
 * and {@link RegValueDecoder} decodes each value. A bad line becomes a problem naming the file and
 * line, and the rest of the file is still read. ini4j's {@code fetch} is never called.
 */
final class RegistryReader {


    private static final String V5 = "Windows Registry Editor Version 5.00";
    private static final String V4 = "REGEDIT4";

    private final BundleSource source;
    private final BundleLimits limits;
    private final ProblemBudget problems;
    private final Map<String, String> displayPaths = new LinkedHashMap<>();
    /** Keys by normalised path, sorted so that a key's subkeys are one range ({@code K\} to {@code K]}). */
    private final TreeMap<String, Map<String, RegistryValue>> keys = new TreeMap<>();

    private RegistryReader(BundleSource source, BundleLimits limits) {
        this.source = source;
        this.limits = limits;
        this.problems = new ProblemBudget(limits.maxProblemsPerFile());
    }

    static Part<Registry> read(BundleSource source, BundleLimits limits) {
        List<String> files = source.files().keySet().stream()
                .filter(p -> p.toLowerCase(Locale.ROOT).startsWith("registry/")
                        && p.toLowerCase(Locale.ROOT).endsWith(".reg")
                        && p.indexOf('/', "registry/".length()) < 0)
                .toList();
        if (files.isEmpty()) {
            return Part.absent(SnapshotPart.REGISTRY);
        }
        RegistryReader reader = new RegistryReader(source, limits);
        int readable = 0;
        for (String file : files) {
            if (reader.readFile(file)) {
                readable++;
            }
        }
        if (readable == 0) {
            return Part.unreadable(SnapshotPart.REGISTRY, reader.problems.problems());
        }
        List<RegistryKey> result = new ArrayList<>();
        reader.displayPaths.forEach((norm, display) -> {
            Map<String, RegistryValue> values = reader.keys.get(norm);
            if (values != null) {
                result.add(new RegistryKey(display, values.values()));
            }
        });
        return Part.present(SnapshotPart.REGISTRY, new Registry(result), reader.problems.problems());
    }

    private void problem(String file, int line, String message) {
        problems.add(line > 0 ? InputProblem.atLine(SnapshotPart.REGISTRY, file, line, message)
                : InputProblem.of(SnapshotPart.REGISTRY, file, message));
    }

    /** Returns true when the file was a registry export (even with some bad lines). */
    private boolean readFile(String file) {
        String text;
        try {
            text = TextDecoder.decode(source.readAll(file, limits.maxDocumentBytes()));
        } catch (IOException e) {
            problem(file, 0, "cannot be read: " + e.getMessage());
            return false;
        }
        String[] lines = lines(text);
        int headerIndex = 0;
        while (headerIndex < lines.length && lines[headerIndex].isBlank()) {
            headerIndex++;
        }
        String header = headerIndex < lines.length ? lines[headerIndex].strip() : "";
        boolean unicode;
        if (header.equalsIgnoreCase(V5)) {
            unicode = true;
        } else if (header.equalsIgnoreCase(V4)) {
            unicode = false;
        } else {
            problem(file, 0, "is not a registry export: its first line is \"" + SecretValues.quoteLine(RegValueDecoder.abbreviate(header))
                    + "\" instead of \"" + V5 + "\" (write it with reg export)");
            return false;
        }
        Map<String, String> names = new HashMap<>();
        String normalized = normalize(file, lines, headerIndex, names);
        List<IniText.Section> sections;
        try {
            sections = IniText.parse(normalized, false);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            problem(file, 0, "cannot be parsed: " + e.getMessage());
            return false;
        }
        // Sections carry their ordinal ("[7|KEY]"), so each is its own and they are applied in file
        // order, as reg import does: [K], [-K], [K] leaves K present.
        for (IniText.Section s : sections) {
            apply(file, s, names, unicode);
        }
        return true;
    }

    /**
     * The lines of a text broken at CRLF, CR or LF, an empty line after a final break included (as
     * {@code text.split("\\r\\n|\\r|\\n", -1)} gives them, in one pass without a regular expression).
     */
    static String[] lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines.toArray(new String[0]);
    }

    /** Rewrites the export into sections and {@code L<line>=<value>} lines, remembering each line's value name. */
    private String normalize(String file, String[] lines, int headerIndex, Map<String, String> names) {
        StringBuilder out = new StringBuilder();
        boolean inKey = false;
        int sections = 0;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (i <= headerIndex) {
                out.append('\n');
                continue;
            }
            int joined = 0;
            if (line.endsWith("\\") && i + 1 < lines.length) {
                StringBuilder value = new StringBuilder(line.length() * 4);
                value.append(line, 0, line.length() - 1);
                while (i + 1 < lines.length) {
                    String next = lines[++i].stripLeading();
                    joined++;
                    if (next.endsWith("\\") && i + 1 < lines.length) {
                        value.append(next, 0, next.length() - 1);
                    } else {
                        value.append(next);
                        break;
                    }
                }
                line = value.toString();
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith(";")) {
                out.append('\n');
            } else if (t.startsWith("[")) {
                if (!t.endsWith("]") || t.length() < 3) {
                    problem(file, lineNo, "key line \"" + SecretValues.quoteLine(RegValueDecoder.abbreviate(t)) + "\" lacks its closing ']'");
                    inKey = false;
                    out.append('\n');
                } else {
                    inKey = true;
                    out.append('[').append(++sections).append('|').append(t, 1, t.length()).append('\n');
                }
            } else if (!inKey) {
                problem(file, lineNo, "value line outside of any [key]: \"" + SecretValues.quoteLine(RegValueDecoder.abbreviate(t)) + "\"");
                out.append('\n');
            } else {
                String name;
                String rest;
                if (t.startsWith("@")) {
                    name = "";
                    rest = t.substring(1).stripLeading();
                } else if (t.startsWith("\"")) {
                    int end = RegValueDecoder.closingQuote(t);
                    if (end < 0) {
                        problem(file, lineNo, "value name has no closing quote: \"" + SecretValues.quoteLine(RegValueDecoder.abbreviate(t)) + "\"");
                        out.append('\n');
                        out.append("\n".repeat(joined));
                        continue;
                    }
                    name = RegValueDecoder.unescape(t.substring(1, end));
                    rest = t.substring(end + 1).stripLeading();
                } else {
                    problem(file, lineNo, "is neither a [key], a \"value\"= line nor a comment: \""
                            + SecretValues.quoteLine(RegValueDecoder.abbreviate(t)) + "\"");
                    out.append('\n');
                    out.append("\n".repeat(joined));
                    continue;
                }
                if (!rest.startsWith("=")) {
                    problem(file, lineNo, "value \"" + SecretValues.cut(name) + "\" has no '='"
                            + (SecretValues.isSecretName(name) ? "" : ": \"" + RegValueDecoder.abbreviate(t) + "\""));
                    out.append('\n');
                } else {
                    String token = "L" + lineNo;
                    names.put(token, name);
                    out.append(token).append('=').append(rest.substring(1).strip()).append('\n');
                }
            }
            out.append("\n".repeat(joined));
        }
        return out.toString();
    }

    private void apply(String file, IniText.Section section, Map<String, String> names, boolean unicode) {
        String path = section.name().substring(section.name().indexOf('|') + 1);
        if (path.startsWith("-")) {
            String gone = Registry.normalize(path.substring(1));
            keys.remove(gone);
            keys.subMap(gone + "\\", gone + "]").clear(); // every subkey: ']' follows '\\'
            return;
        }
        String norm = Registry.normalize(path);
        displayPaths.putIfAbsent(norm, path);
        Map<String, RegistryValue> values = keys.computeIfAbsent(norm, k -> new LinkedHashMap<>());
        for (IniText.Option option : section.options()) {
            String token = option.name();
            String name = names.get(token);
            int lineNo = Integer.parseInt(token.substring(1));
            String raw = option.value() == null ? "" : option.value();
            try {
                Optional<RegistryValue> value = RegValueDecoder.decode(name, raw, unicode);
                String key = name.toLowerCase(Locale.ROOT);
                if (value.isPresent()) {
                    values.put(key, value.get());
                } else {
                    values.remove(key);
                }
            } catch (InvalidInputException e) {
                boolean secret = SecretValues.isSecretName(name);
                problems.add(InputProblem.atLine(SnapshotPart.REGISTRY, file, lineNo,
                                "value \"" + (name.isEmpty() ? "@" : SecretValues.cut(name)) + "\" of [" + SecretValues.cut(path) + "]: "
                                        + (secret ? "is not a value form this reader knows (the secret's text is not shown)" : e.getMessage()))
                        .about(path, name, SecretValues.quote(name, raw)));
            }
        }
    }
}
