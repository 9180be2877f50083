package dev.ndesdiag.evidence;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits text into lines with bounded memory: a line ends at LF (a CR before it is dropped, so CRLF,
 * LF and a mix of both read the same); a line longer than the bound is cut at the bound, the rest of
 * it read past without being kept, and reported {@link #overlong()}. Memory is one buffer plus one
 * bounded line, whatever the size of the file (a sparse file of zeros is one very long line).
 */
final class LineSource implements AutoCloseable {

    private static final int BUFFER = 1 << 13; // the read size only: a line may be longer (pending)

    private final Reader in;
    private final int maxLine;
    private final char[] buf = new char[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private long number;
    private boolean overlong;
    private boolean unterminated;
    private final StringBuilder pending = new StringBuilder();

    LineSource(Reader in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /**
     * Returns the next line without its line break, or null at the end of the text.
     *
     * @return the line (cut at the bound when {@link #overlong()}), or null
     * @throws IOException when the text cannot be read
     */
    String next() throws IOException {
        pending.setLength(0);
        overlong = false;
        unterminated = false;
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                if (!fill()) {
                    if (!any) {
                        return null;
                    }
                    unterminated = true;
                    number++;
                    return finish(pending.toString());
                }
            }
            any = true;
            int start = pos;
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            pos = nl < 0 ? limit : nl + 1;
            if (!overlong) {
                int room = maxLine - pending.length();
                int take = end - start;
                if (take > room) {
                    take = room;
                    overlong = true;
                }
                if (nl >= 0 && pending.length() == 0 && !overlong) {
                    number++;
                    return finish(new String(buf, start, take));
                }
                pending.append(buf, start, take);
            }
            if (nl >= 0) {
                number++;
                return finish(pending.toString());
            }
        }
    }

    private static String finish(String line) {
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = n < 0;
            if (n == 0) {
                return fill();
            }
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** The number of the line last returned, from 1. */
    long number() {
        return number;
    }

    /** Whether the line last returned was longer than the bound (and was cut). */
    boolean overlong() {
        return overlong;
    }

    /** Whether the line last returned ended at the end of the text, without a line break. */
    boolean unterminated() {
        return unterminated;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
