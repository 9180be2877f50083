package dev.ndesdiag.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, for the W3C-style logs (ASCII or UTF-8 as
 * IIS and HTTP.sys write them): each line is a view into one reused buffer ({@link #buffer()},
 * {@link #start()}, {@link #length()}) until the next call, a CR before the LF dropped. A line longer
 * than the bound is read past and reported {@link #overlong()}. Memory is the buffer, whatever the file:
 * it starts small (most logs of a bundle are a few kilobytes, and a fleet opens thousands of them) and
 * grows, up to the bound, only for a line that does not fit, or to {@value #STREAMING} bytes for a
 * long file.
 */
final class ByteLines implements AutoCloseable {

    /** The first buffer's size. */
    static final int INITIAL = 1 << 13;
    /** The size a long file's buffer grows to after {@value #REFILLS} reads, for throughput. */
    static final int STREAMING = 1 << 16;
    private static final int REFILLS = 8;

    private final InputStream in;
    private final int maxLine;
    private final int capacity;
    private int refills;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long number;
    private int start;
    private int length;
    private boolean overlong;
    private boolean unterminated;

    ByteLines(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        this.capacity = Math.max(STREAMING, maxLine + 2);
        this.buf = new byte[Math.min(INITIAL, capacity)];
    }

    /** Skips a UTF-8 byte order mark at the start. */
    void skipBom() throws IOException {
        fill();
        if (limit - pos >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB && (buf[pos + 2] & 0xFF) == 0xBF) {
            pos += 3;
        }
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of the stream
     * @throws IOException when the stream cannot be read
     */
    boolean next() throws IOException {
        overlong = false;
        unterminated = false;
        int scanFrom = pos;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                if (buf[i] == '\n') {
                    number++;
                    start = pos;
                    int end = i;
                    pos = i + 1;
                    if (end - start > maxLine) {
                        overlong = true;
                        end = start + maxLine;
                    } else if (end > start && buf[end - 1] == '\r') {
                        end--;
                    }
                    length = end - start;
                    return true;
                }
            }
            if (limit - pos > maxLine) {
                // a line longer than the bound: drop what is buffered and read on to its end
                if (!skipRestOfLine()) {
                    number++;
                    overlong = true;
                    unterminated = true;
                    start = pos;
                    length = 0;
                    return true;
                }
                number++;
                overlong = true;
                start = pos;
                length = 0;
                return true;
            }
            int scanned = limit - pos;
            if (!compactAndFill()) {
                if (limit > pos) {
                    number++;
                    start = pos;
                    length = Math.min(limit - pos, maxLine);
                    pos = limit;
                    unterminated = true;
                    return true;
                }
                return false;
            }
            scanFrom = pos + scanned;
        }
    }

    /** Discards bytes up to and including the next LF; false when the stream ended first. */
    private boolean skipRestOfLine() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    pos = i + 1;
                    return true;
                }
            }
            pos = limit;
            if (!compactAndFill()) {
                return false;
            }
        }
    }

    private boolean compactAndFill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length == capacity) {
                return true; // full of one line; the caller sees it is over the bound
            }
            grow(Math.min(capacity, buf.length * 2)); // a line longer than the buffer, not yet than the bound
        } else if (++refills == REFILLS && buf.length < STREAMING) {
            grow(Math.min(capacity, STREAMING));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    private void grow(int size) {
        buf = Arrays.copyOf(buf, size);
    }

    private void fill() throws IOException {
        while (!eof && limit - pos < 4) {
            if (!compactAndFill()) {
                return;
            }
        }
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int length() {
        return length;
    }

    long number() {
        return number;
    }

    boolean overlong() {
        return overlong;
    }

    boolean unterminated() {
        return unterminated;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
