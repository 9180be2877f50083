package dev.ndesdiag.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that fails, naming the file, when it holds more than a set number of bytes. Every byte
 * up to the bound reaches the reader first and none past it: reads stop at the bound, a skip counts
 * as a read, {@link #available()} counts no byte past the bound (a {@code BufferedInputStream} or a
 * decoder reads again while bytes are said to be available, and the failure would throw away what
 * the call had read), and once reached the failure is given to every later read.
 */
final class BoundedInputStream extends FilterInputStream {

    private final String name;
    private final long limit;
    private long count;
    private boolean over;

    BoundedInputStream(InputStream in, String name, long limit) {
        super(in);
        this.name = name;
        this.limit = Math.max(limit, 0);
    }

    @Override
    public int read() throws IOException {
        if (count >= limit) {
            return beyond();
        }
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return 0; // as every stream does, even at its end (readNBytes asks for nothing once it has all)
        }
        if (count >= limit) {
            return beyond();
        }
        int n = super.read(buf, off, (int) Math.min(len, limit - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (count >= limit) {
            beyond(); // the end of the file: nothing to skip; a byte more: the failure
            return 0;
        }
        long skipped = Math.max(super.skip(Math.min(n, limit - count)), 0);
        count += skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return over ? 0 : (int) Math.min(super.available(), limit - count);
    }

    /** No marks: a reset would read bytes again without their being counted again. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** At the bound: the end of the file, or the failure when one more byte follows (and from then on). */
    private int beyond() throws IOException {
        if (over || super.read() >= 0) {
            over = true;
            throw new LimitReached(name + " holds more than the " + limit
                    + " bytes its entry declares or the reader accepts (zip bomb?)");
        }
        return -1;
    }

    /** The bound was reached: what was read before it is whole, the rest unread. */
    static final class LimitReached extends IOException {
        private static final long serialVersionUID = 1L;

        LimitReached(String message) {
            super(message);
        }

        /** Whether a failure was caused by a reached bound (parsers wrap the stream's exception). */
        static boolean in(Throwable failure) {
            for (Throwable t = failure; t != null; t = next(t)) {
                if (t instanceof LimitReached) {
                    return true;
                }
            }
            return false;
        }

        private static Throwable next(Throwable t) {
            if (t.getCause() != null && t.getCause() != t) {
                return t.getCause();
            }
            return t instanceof javax.xml.stream.XMLStreamException x ? x.getNestedException() : null;
        }
    }
}
