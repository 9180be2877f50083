package dev.ndesdiag.evidence;

import dev.ndesdiag.bundle.UntrustedInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.function.Predicate;

/**
 * Reads a plain-text log line by line, in the encoding its bytes show (UTF-16 with or without BOM,
 * UTF-8), CRLF and LF alike; lines longer than the bound are skipped and counted.
 *
 * @since 0.1.0
 */
public final class PlainTextReader implements EvidenceReader<TextLine> {

    /** The default line bound. */
    public static final int DEFAULT_MAX_LINE = 64 * 1024;

    private final int maxLine;

    private PlainTextReader(int maxLine) {
        this.maxLine = maxLine;
    }

    /**
     * Returns a reader with the default line bound.
     *
     * @return the reader; never null
     */
    public static PlainTextReader create() {
        return new PlainTextReader(DEFAULT_MAX_LINE);
    }

    /**
     * Returns a reader with another line bound.
     *
     * @param maxLineChars the longest line kept; at least 1
     * @return the reader; never null
     */
    public static PlainTextReader withMaxLine(int maxLineChars) {
        if (maxLineChars < 1) {
            throw new IllegalArgumentException("line bound below 1: " + maxLineChars);
        }
        return new PlainTextReader(maxLineChars);
    }

    @Override
    public ReadSummary read(InputStream in, Predicate<? super TextLine> sink) throws IOException {
        Tally tally = new Tally();
        try (Reader r = UntrustedInput.decodingReader(in); LineSource lines = new LineSource(r, maxLine)) {
            String line;
            while ((line = lines.next()) != null) {
                tally.lines++;
                if (lines.unterminated()) {
                    tally.endedMidLine = true;
                }
                if (lines.overlong()) {
                    tally.skip(SkipReason.LINE_TOO_LONG, lines.number());
                    continue;
                }
                tally.entries++;
                if (!sink.test(new TextLine(lines.number(), line))) {
                    tally.stoppedEarly = true;
                    break;
                }
            }
        }
        return tally.summary();
    }
}
