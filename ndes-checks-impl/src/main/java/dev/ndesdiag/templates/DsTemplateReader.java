package dev.ndesdiag.templates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the console output of {@code certutil -v -dstemplate [<name>]} (and of the same command
 * without {@code -v}), one line at a time: a {@code [<template>]} section per template, then
 * {@code attribute = "value", "value"} lines. What {@code -v} adds is skipped: the decoded flag lines
 * ({@code CT_FLAG_... -- 1}), the names after OIDs, the dates after generalized times, the trailing
 * markers, and values continued on the following lines. The {@code [Version]} and
 * {@code [TemplateList]} sections of the {@code -dsaddtemplate} form are not templates.
 *
 * <p>The shapes are those of the captures in the test resources: [MS-CRTD] section 3 (Microsoft's
 * {@code certutil -v -dstemplate administrator}) and a public {@code certutil -dstemplate} export.
 * Text that cannot be the output of certutil (control characters, U+FFFD from bytes that did not
 * decode) is reported with its line and raw text, never guessed at.
 */
public final class DsTemplateReader {

    /** At most this many templates are kept; a forest has a few dozen to a few hundred. */
    public static final int MAX_TEMPLATES = 5_000;
    /** At most this many values per attribute. */
    public static final int MAX_VALUES = 1_000;

    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([^\\]]+)]\\s*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("^\\s*\\*?([A-Za-z][A-Za-z0-9-]*)\\s*=\\s*(.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    /** One line the reader could not take as certutil output. */
    public record Problem(int line, String raw, String message) {
    }

    /** What was read: the templates in order, and the lines that could not be read. */
    public record Dump(List<TemplateObject> templates, List<Problem> problems) {

        /** Copies the components. */
        public Dump {
            templates = List.copyOf(templates);
            problems = List.copyOf(problems);
        }

        /**
         * Finds a template by its name ({@code cn}), case-insensitively as AD compares it.
         *
         * @param name the template name; never null
         * @return the template, or empty
         */
        public java.util.Optional<TemplateObject> find(String name) {
            return templates.stream().filter(t -> t.name().equalsIgnoreCase(name.strip())
                    || t.section().equalsIgnoreCase(name.strip())).findFirst();
        }
    }

    private DsTemplateReader() {
    }

    /**
     * Reads the output of a snapshot's capture once, whichever checks ask ({@code template-mscep-content}
     * and {@code template-ra-provider} read the same capture): the dump is immutable and shared.
     *
     * @param snapshot the snapshot the output comes from; never null
     * @param output the console text, decoded; never null
     * @return the templates and problems; never null
     */
    public static Dump read(dev.ndesdiag.api.snapshot.Snapshot snapshot, String output) {
        return dev.ndesdiag.inputs.Readings.of(snapshot).get(List.of(DsTemplateReader.class, output), () -> read(output));
    }

    /**
     * Reads the output.
     *
     * @param output the console text, decoded; never null
     * @return the templates and problems; never null
     */
    public static Dump read(String output) {
        List<TemplateObject> templates = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String section = null;
        Map<String, Value> raw = new LinkedHashMap<>();
        String current = null;
        try (BufferedReader in = new BufferedReader(new StringReader(output))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                OptionalInt bad = undecodable(line);
                if (bad.isPresent()) {
                    problems.add(new Problem(number, cut(line), "character U+" + String.format("%04X", bad.getAsInt())
                            + " cannot be in certutil's output: the file was not decoded as written"));
                    continue;
                }
                Matcher s = SECTION.matcher(line);
                if (s.matches() && (current == null || raw.get(current).balanced())) {
                    flush(section, raw, templates);
                    raw = new LinkedHashMap<>();
                    current = null;
                    String name = s.group(1).strip();
                    section = isTemplate(name) ? name : null;
                    if (templates.size() >= MAX_TEMPLATES) {
                        problems.add(new Problem(number, cut(line), "more than " + MAX_TEMPLATES + " templates; the rest is not read"));
                        break;
                    }
                    continue;
                }
                if (section == null) {
                    continue;
                }
                Matcher a = ATTRIBUTE.matcher(line);
                if (a.matches() && (current == null || raw.get(current).balanced())) {
                    current = a.group(1);
                    raw.computeIfAbsent(current, k -> new Value()).append(a.group(2).strip());
                } else if (current != null) {
                    // a continued value, a decoded flag line, an OID's name: quoted text is what counts
                    Value v = raw.get(current);
                    v.append(v.balanced() ? " " : "").append(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flush(section, raw, templates);
        return new Dump(templates, problems);
    }

    private static boolean isTemplate(String section) {
        return !section.equalsIgnoreCase("Version") && !section.equalsIgnoreCase("TemplateList");
    }

    private static void flush(String section, Map<String, Value> raw, List<TemplateObject> into) {
        if (section == null || raw.isEmpty()) {
            return;
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        raw.forEach((name, text) -> {
            List<String> values = new ArrayList<>();
            Matcher q = QUOTED.matcher(text.text);
            while (q.find() && values.size() < MAX_VALUES) {
                values.add(q.group(1));
            }
            attributes.put(name, values);
        });
        into.add(new TemplateObject(section, attributes));
    }

    /**
     * An attribute's text as its lines are read, and whether its quotes are closed so far (a value
     * wrapped inside its quotes continues on the next line). The quotes are counted as the text
     * grows, each character once: counting the whole text again at every line made a long value of
     * many lines take time in the square of its length.
     */
    private static final class Value {
        private final StringBuilder text = new StringBuilder();
        private boolean open;

        Value append(String more) {
            for (int i = 0; i < more.length(); i++) {
                if (more.charAt(i) == '"') {
                    open = !open;
                }
            }
            text.append(more);
            return this;
        }

        boolean balanced() {
            return !open;
        }
    }

    private static OptionalInt undecodable(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == 0xFFFD || (c < 0x20 && c != '\t')) {
                return OptionalInt.of(c);
            }
        }
        return OptionalInt.empty();
    }

    private static String cut(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
