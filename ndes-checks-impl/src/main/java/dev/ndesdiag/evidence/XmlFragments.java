package dev.ndesdiag.evidence;

import java.io.IOException;
import java.io.Reader;

/**
 * Cuts a root-less sequence of XML elements ({@code wevtutil qe /f:xml} output, a WCF {@code .svclog})
 * into one text per element, without holding more than one element: each is then parsed on its own
 * with the safe XML rules, so one broken element is skipped and counted while the rest are read.
 * An element longer than the bound is read past; text outside elements is ignored, except the tail
 * of an element cut at the start of the file, which is counted.
 */
final class XmlFragments {

    /** Receives one element's text and the line it starts on; returns false to stop. */
    interface FragmentSink {
        boolean accept(String fragment, long line);
    }

    private final Reader in;
    private final char[] open;
    private final char[] close;
    private final int maxChars;

    XmlFragments(Reader in, String element, int maxChars) {
        this.in = in;
        this.open = ("<" + element).toCharArray();
        this.close = ("</" + element + ">").toCharArray();
        this.maxChars = maxChars;
    }

    void read(Tally tally, FragmentSink sink) throws IOException {
        char[] buf = new char[1 << 16];
        long line = 1;
        StringBuilder frag = null;
        boolean overflow = false;
        long fragLine = 0;
        int openAt = 0;
        int closeAt = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (c == '\n') {
                    line++;
                }
                if (openAt == open.length) {
                    openAt = 0;
                    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/') {
                        if (frag != null) {
                            tally.skip(SkipReason.UNTERMINATED_RECORD, fragLine); // a new element before this one closed
                        }
                        frag = new StringBuilder(256).append(open);
                        overflow = false;
                        fragLine = c == '\n' ? line - 1 : line;
                        closeAt = 0;
                    }
                }
                if (frag != null) {
                    if (!overflow) {
                        if (frag.length() >= maxChars) {
                            overflow = true;
                            frag.setLength(0);
                            frag.trimToSize();
                        } else {
                            frag.append(c);
                        }
                    }
                }
                openAt = c == open[openAt] ? openAt + 1 : (c == '<' ? 1 : 0);
                closeAt = c == close[closeAt] ? closeAt + 1 : (c == '<' ? 1 : 0);
                if (closeAt == close.length) {
                    closeAt = 0;
                    if (frag == null) {
                        tally.skip(SkipReason.OUTSIDE_RECORD, line); // the end of an element cut off at the file's start
                    } else if (overflow) {
                        tally.skip(SkipReason.RECORD_TOO_LONG, fragLine);
                        frag = null;
                    } else {
                        tally.lines++;
                        String text = frag.toString();
                        frag = null;
                        if (!sink.accept(text, fragLine)) {
                            tally.stoppedEarly = true;
                            return;
                        }
                    }
                }
            }
        }
        if (frag != null) {
            tally.skip(SkipReason.UNTERMINATED_RECORD, fragLine);
            tally.endedMidLine = true;
        }
    }
}
