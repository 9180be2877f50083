package dev.ndesdiag.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.Reports;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text report of a hostile bundle: no terminal escape is obeyed and no line is forged. */
class TextFormatHostileTest {

    @TempDir
    Path dir;

    @Test
    void aHostNameWithATerminalEscapeAndALineBreakIsShownNotObeyed() {
        String text = Reports.render(new TextReportWriter(false), Reports.analyze(HostileBundle.write(dir)));
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e");
        assertThat(text.lines().findFirst().orElseThrow()).contains("\\u001B[31mred\\u0007 NDES OK - forged");
        assertThat(text.lines().filter(l -> l.startsWith("NDES OK"))).isEmpty();
    }

    @Test
    void controlCharactersBecomeTheirEscapesAndLineFeedsStayInMultiLineText() {
        assertThat(Texts.visible("a\u001b[1mb\r\nc\td\u202e")).isEqualTo("a\\u001B[1mb\nc\td\\u202E");
        assertThat(Texts.oneLine("a\nb\tc")).isEqualTo("a b c");
        assertThat(Texts.xml("x\ud800y")).isEqualTo("x\ufffdy");
    }
}
