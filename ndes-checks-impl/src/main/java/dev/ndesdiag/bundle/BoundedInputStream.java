package dev.ndesdiag.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that fails, naming the file, when it holds more than a set number of bytes: every byte up to the bound reaches the reader first, none past it (a skip counts too). */
final class BoundedInputStream extends FilterInputStream {

    private final String name;
    private final long limit;
    private long count;

    BoundedInputStream(InputStream in, String name, long limit) {
        super(in);
        this.name = name;
        this.limit = limit;
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

    /** Reads no byte past the bound: what comes before it reaches the reader whole, then the failure. */
    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
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

    /** Skips no byte past the bound either: a skip is a read whose bytes nobody looks at. */
    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count));
        count += Math.max(skipped, 0);
        return skipped;
    }

    /** At the bound: the end of the file, or the failure when one more byte follows. */
    private int beyond() throws IOException {
        if (super.read() < 0) {
            return -1;
        }
        throw new LimitReached(name + " holds more than the " + limit
                + " bytes its entry declares or the reader accepts (zip bomb?)");
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
