package dev.ndesdiag.bundle;

import java.io.IOException;
import java.io.StringReader;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.spi.IniBuilder;
import org.ini4j.spi.IniParser;

/**
 * How the readers parse INI text (a registry export rewritten into sections, secedit's INF) with
 * ini4j: escapes and line continuations off (the readers decode values themselves), repeated
 * sections and options kept, empty options allowed, no tree of sections, and never
 * {@code Ini.fetch}. The parsers are made once: ini4j's own {@code Ini.load} looks its parser and
 * builder up in the class path's service files on every call, which cost more than the parse of a
 * small export. A parser holds only its settings, so one serves every thread.
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
     * @return the sections and options
     * @throws IOException when ini4j refuses the text (its {@code InvalidFileFormatException})
     */
    static Ini parse(String text, boolean globalSection) throws IOException {
        Ini ini = new Ini();
        ini.setConfig(config(globalSection));
        IniBuilder builder = new IniBuilder();
        builder.setIni(ini);
        (globalSection ? WITH_GLOBAL_SECTION : WITHOUT_GLOBAL_SECTION).parse(new StringReader(text), builder);
        return ini;
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
