package dev.ndesdiag.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads IIS W3C extended logs ({@code u_ex*.log}) as a stream: fields come from each {@code #Fields}
 * directive (the block repeats at every restart and may change), data lines before any directive
 * (a tail) are read with {@link W3cFields#IIS_DEFAULT} when their width matches, and a line whose
 * width differs from its layout, whose time is unreadable, or that is longer than the bound is
 * skipped and counted.
 *
 * @since 0.1.0
 */
public final class W3cLogReader implements EvidenceReader<W3cEntry> {

    /** The default line bound: IIS lines are a few hundred bytes; a 64 KiB SCEP query fits. */
    public static final int DEFAULT_MAX_LINE = 256 * 1024;

    private final W3cScanner scanner;

    private W3cLogReader(int maxLine) {
        this.scanner = new W3cScanner(maxLine, List.of(W3cFields.IIS_DEFAULT));
    }

    /**
     * Returns a reader with the default line bound.
     *
     * @return the reader; never null
     */
    public static W3cLogReader create() {
        return new W3cLogReader(DEFAULT_MAX_LINE);
    }

    /**
     * Returns a reader with another line bound.
     *
     * @param maxLineChars the longest line kept, in characters; at least 64
     * @return the reader; never null
     */
    public static W3cLogReader withMaxLine(int maxLineChars) {
        if (maxLineChars < 64) {
            throw new IllegalArgumentException("line bound below 64: " + maxLineChars);
        }
        return new W3cLogReader(maxLineChars);
    }

    @Override
    public ReadSummary read(InputStream in, Predicate<? super W3cEntry> sink) throws IOException {
        return scanner.scan(in, line -> sink.test(new W3cEntry(line)));
    }
}
