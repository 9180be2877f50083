package dev.ndesdiag.evidence;

import java.util.Objects;

/**
 * One line of a plain-text log (certocm.log, SetupMsi.log, a console capture), without its line break.
 *
 * @param line the line number, from 1
 * @param text the text; never null
 * @since 0.1.0
 */
public record TextLine(long line, String text) {

    /** Validates the components. */
    public TextLine {
        Objects.requireNonNull(text, "text");
    }
}
