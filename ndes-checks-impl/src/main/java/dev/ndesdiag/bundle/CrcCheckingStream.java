package dev.ndesdiag.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * A zip entry's stream that fails, naming the entry, when its bytes end without matching the
 * CRC-32 its entry declares: a damaged or tampered entry is refused, never read as if it were whole.
 */
final class CrcCheckingStream extends FilterInputStream {

    private final String name;
    private final long expected;
    private final CRC32 crc = new CRC32();
    private boolean checked;

    /** @param expected the declared CRC-32, or -1 when the entry declares none (nothing is checked) */
    CrcCheckingStream(InputStream in, String name, long expected) {
        super(in);
        this.name = name;
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            crc.update(b);
        } else {
            verify();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            crc.update(buf, off, n);
        } else if (n < 0) {
            verify();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws IOException {
        if (checked || expected < 0) {
            return;
        }
        checked = true;
        if (crc.getValue() != expected) {
            throw new IOException(name + " does not match the CRC-32 its zip entry declares (damaged or tampered); refused");
        }
    }
}
