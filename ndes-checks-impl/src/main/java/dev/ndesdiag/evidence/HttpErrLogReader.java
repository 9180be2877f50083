package dev.ndesdiag.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads HTTP.sys error logs as a stream, with the layout of each {@code #Fields} directive; lines
 * before any directive (a tail) are read with the 14-field layout or the older 13-field one
 * ({@link W3cFields#HTTPERR_CURRENT}, {@link W3cFields#HTTPERR_LEGACY}) by their width.
 *
 * @since 0.1.0
 */
public final class HttpErrLogReader implements EvidenceReader<HttpErrEntry> {

    private final W3cScanner scanner;

    private HttpErrLogReader(int maxLine) {
        this.scanner = new W3cScanner(maxLine, List.of(W3cFields.HTTPERR_CURRENT, W3cFields.HTTPERR_LEGACY));
    }

    /**
     * Returns a reader with the default line bound (HTTP.sys truncates the URL field at 4096 bytes).
     *
     * @return the reader; never null
     */
    public static HttpErrLogReader create() {
        return new HttpErrLogReader(W3cLogReader.DEFAULT_MAX_LINE);
    }

    @Override
    public ReadSummary read(InputStream in, Predicate<? super HttpErrEntry> sink) throws IOException {
        return scanner.scan(in, line -> sink.test(new HttpErrEntry(line)));
    }
}
