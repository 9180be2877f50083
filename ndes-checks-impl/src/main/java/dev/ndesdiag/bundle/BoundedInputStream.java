package dev.ndesdiag.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that fails, naming the file, once more than a set number of bytes has been read. */
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
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) throws IOException {
        count += n;
        if (count > limit) {
            throw new LimitReached(name + " holds more than the " + limit
                    + " bytes its entry declares or the reader accepts (zip bomb?)");
        }
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
