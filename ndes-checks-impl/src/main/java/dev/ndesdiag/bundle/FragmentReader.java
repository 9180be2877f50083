package dev.ndesdiag.bundle;

import java.io.IOException;
import java.io.Reader;

/**
 * Presents a sequence of XML elements with no root (as {@code wevtutil qe /f:xml} writes them) as
 * one document: a synthetic root around the text, with any leading XML declaration dropped.
 */
final class FragmentReader extends Reader {

    private final Reader body;
    private String pending;
    private boolean bodyDone;
    private boolean suffixDone;
    private final String suffix;

    FragmentReader(Reader body, String root) throws IOException {
        this.body = body;
        this.suffix = "</" + root + ">";
        char[] head = new char[512];
        int n = 0;
        int r;
        while (n < head.length && (r = body.read(head, n, head.length - n)) > 0) {
            n += r;
        }
        String start = new String(head, 0, Math.max(n, 0));
        String trimmed = start.stripLeading();
        if (trimmed.startsWith("<?xml")) {
            int end = trimmed.indexOf("?>");
            if (end >= 0) {
                start = trimmed.substring(end + 2);
            }
        }
        this.pending = "<" + root + ">" + start;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pending != null && !pending.isEmpty()) {
            int n = Math.min(len, pending.length());
            pending.getChars(0, n, buf, off);
            pending = pending.substring(n);
            return n;
        }
        if (!bodyDone) {
            int n = body.read(buf, off, len);
            if (n >= 0) {
                return n;
            }
            bodyDone = true;
        }
        if (!suffixDone) {
            suffixDone = true;
            pending = suffix;
            return read(buf, off, len);
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
