package dev.ndesdiag.bundle;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.ini4j.Config;
import org.ini4j.spi.IniHandler;
import org.ini4j.spi.IniParser;

/**
 * How the readers parse INI text (a registry export rewritten into sections, secedit's INF) with
 * ini4j: escapes and line continuations off (the readers decode values themselves), repeated
 * sections and options kept, empty options allowed, no tree of sections, and never
 * {@code Ini.fetch}. The parsers are made once: ini4j's own {@code Ini.load} looks its parser and
 * builder up in the class path's service files on every call, which cost more than the parse of a
 * small export. A parser holds only its settings, so one serves every thread. The sections are
 * collected as the parser reports them, in file order, rather than into an {@code Ini}: ini4j's
 * profile compiles a regular expression for every section it adds, which cost more than the parse of
 * an export of a few dozen keys.
 */
final class IniText {

    private static final IniParser WITH_GLOBAL_SECTION = IniParser.newInstance(config(true));
    private static final IniParser WITHOUT_GLOBAL_SECTION = IniParser.newInstance(config(false));

    private IniText() {
    }

    /**
     * Parses INI text.
     *
     * @param text the text; never null
     * @param globalSection whether options before the first section form a section of their own
     * @return the sections in file order, each with its options; never null
     * @throws IOException when ini4j refuses the text (its {@code InvalidFileFormatException})
     */
    static List<Section> parse(String text, boolean globalSection) throws IOException {
        Collector collector = new Collector();
        (globalSection ? WITH_GLOBAL_SECTION : WITHOUT_GLOBAL_SECTION).parse(new StringReader(text), collector);
        return collector.sections;
    }

    /**
     * One section as written: its name and its options in file order, a repeated option once per line.
     *
     * @param name the name between the brackets (ini4j's global section name for options before the first)
     * @param options the options; never null
     */
    record Section(String name, List<Option> options) {
    }

    /**
     * One {@code name=value} line of a section.
     *
     * @param name the name, as written
     * @param value the value, as written; null for a line without {@code =}
     */
    record Option(String name, String value) {
    }

    /** Receives the parser's events; a section's options are added to the section last started. */
    private static final class Collector implements IniHandler {
        private final List<Section> sections = new ArrayList<>();
        private List<Option> current;

        @Override
        public void startIni() {
        }

        @Override
        public void endIni() {
        }

        @Override
        public void startSection(String name) {
            current = new ArrayList<>();
            sections.add(new Section(name, current));
        }

        @Override
        public void endSection() {
            current = null;
        }

        @Override
        public void handleOption(String name, String value) {
            current.add(new Option(name, value));
        }

        @Override
        public void handleComment(String comment) {
        }
    }

    private static Config config(boolean globalSection) {
        Config config = new Config();
        config.setEscape(false);
        config.setEscapeNewline(false);
        config.setMultiOption(true);
        config.setMultiSection(true);
        config.setEmptyOption(true);
        config.setTree(false);
        config.setGlobalSection(globalSection);
        return config;
    }
}
