package dev.ndesdiag.evidence;

import dev.ndesdiag.bundle.UntrustedInput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The part shared by the W3C-style logs (IIS W3C and HTTPERR): directives, the current
 * {@code #Fields} layout, data lines split on single spaces into that layout, and the UTC time from
 * {@code date} and {@code time}. Works on bytes (IIS and HTTP.sys write ASCII or UTF-8); a UTF-16
 * file, which they do not write but a copy tool might, is decoded first.
 */
final class W3cScanner {

    /** Receives one accepted data line; returns false to stop. */
    interface LineSink {
        boolean accept(W3cLine line);
    }

    private final int maxLine;
    private final List<W3cFields> fallbacks;

    W3cScanner(int maxLine, List<W3cFields> fallbacks) {
        this.maxLine = maxLine;
        this.fallbacks = List.copyOf(fallbacks);
    }

    ReadSummary scan(InputStream in, LineSink sink) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 512);
        buffered.mark(512);
        byte[] head = buffered.readNBytes(512);
        buffered.reset();
        State state = new State(sink);
        if (utf16(head)) {
            try (Reader r = UntrustedInput.decodingReader(buffered); LineSource lines = new LineSource(r, maxLine)) {
                String line;
                while ((line = lines.next()) != null) {
                    byte[] b = line.getBytes(StandardCharsets.UTF_8);
                    if (!state.line(b, 0, b.length, lines.number(), lines.overlong(), lines.unterminated())) {
                        break;
                    }
                }
            }
        } else {
            try (ByteLines lines = new ByteLines(buffered, maxLine)) {
                lines.skipBom();
                while (lines.next()) {
                    if (!state.line(lines.buffer(), lines.start(), lines.length(), lines.number(), lines.overlong(),
                            lines.unterminated())) {
                        break;
                    }
                }
            }
        }
        return state.tally.summary();
    }

    private static boolean utf16(byte[] head) {
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
            return true;
        }
        int zeros = 0;
        for (byte b : head) {
            if (b == 0) {
                zeros++;
            }
        }
        return head.length >= 16 && zeros * 3 > head.length && zeros * 3 < head.length * 2; // every other byte zero
    }

    /** The scan of one file: the layout in force, the day cache and the counters. */
    private final class State {
        final Tally tally = new Tally();
        final LineSink sink;
        W3cFields fields;
        int dateAt = -1;
        int timeAt = -1;
        byte[] day = new byte[0];
        long dayEpoch;
        int[] scratch = new int[64];

        State(LineSink sink) {
            this.sink = sink;
        }

        boolean line(byte[] b, int start, int len, long n, boolean overlong, boolean unterminated) {
            tally.lines++;
            if (unterminated) {
                tally.endedMidLine = true;
            }
            if (overlong) {
                tally.skip(SkipReason.LINE_TOO_LONG, n);
                return true;
            }
            if (len == 0) {
                return true;
            }
            if (b[start] == '#') {
                directive(new String(b, start, len, StandardCharsets.UTF_8), n);
                return true;
            }
            int count = split(b, start, len);
            W3cFields layout = fields;
            int d = dateAt;
            int t = timeAt;
            if (layout == null) {
                layout = fallbackFor(count);
                if (layout == null) {
                    tally.skip(unterminated ? SkipReason.FIELD_COUNT : SkipReason.NO_FIELDS_DIRECTIVE, n);
                    return true;
                }
                d = layout.indexOf("date");
                t = layout.indexOf("time");
            }
            if (count != layout.size()) {
                tally.skip(SkipReason.FIELD_COUNT, n);
                return true;
            }
            long epoch = W3cLine.noTime();
            if (d >= 0 && t >= 0) {
                epoch = epochSecond(b, scratch[d], scratch[d + 1] - 1, scratch[t], scratch[t + 1] - 1);
                if (epoch == Long.MIN_VALUE) {
                    tally.skip(SkipReason.BAD_TIME, n);
                    return true;
                }
            }
            byte[] copy = Arrays.copyOfRange(b, start, start + len);
            int[] bounds = new int[count + 1];
            for (int i = 0; i <= count; i++) {
                bounds[i] = scratch[i] - start;
            }
            tally.entries++;
            if (!sink.accept(new W3cLine(n, layout, copy, bounds, epoch))) {
                tally.stoppedEarly = true;
                return false;
            }
            return true;
        }

        private void directive(String line, long n) {
            if (line.regionMatches(true, 0, "#Fields:", 0, 8)) {
                Optional<W3cFields> parsed = W3cFields.parse(line.substring(8));
                if (parsed.isEmpty()) {
                    tally.skip(SkipReason.BAD_DIRECTIVE, n);
                } else {
                    fields = parsed.get();
                    dateAt = fields.indexOf("date");
                    timeAt = fields.indexOf("time");
                }
            }
            // #Software, #Version, #Date, #Start-Date, #Remark carry nothing per line
        }

        /** Field starts into scratch (scratch[count] is one past the end + 1); returns the count. */
        private int split(byte[] b, int start, int len) {
            int count = 0;
            put(count, start);
            int end = start + len;
            for (int i = start; i < end; i++) {
                if (b[i] == ' ') {
                    put(++count, i + 1);
                }
            }
            put(++count, end + 1);
            return count;
        }

        private void put(int i, int v) {
            if (i >= scratch.length) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
            }
            scratch[i] = v;
        }

        private W3cFields fallbackFor(int width) {
            for (W3cFields f : fallbacks) {
                if (f.size() == width) {
                    return f;
                }
            }
            return null;
        }

        /**
         * W3C dates and times ({@code 2026-11-20}, {@code 10:15:00}), UTC as IIS and HTTP.sys write them;
         * the day of the last line is remembered, since consecutive lines share it.
         */
        private long epochSecond(byte[] b, int ds, int de, int ts, int te) {
            if (!Arrays.equals(b, ds, de, day, 0, day.length)) {
                if (de - ds != 10 || b[ds + 4] != '-' || b[ds + 7] != '-') {
                    return Long.MIN_VALUE;
                }
                int y = digits(b, ds, 4);
                int m = digits(b, ds + 5, 2);
                int dd = digits(b, ds + 8, 2);
                if (y < 0) { // a non-digit; a month or day of -1 (or 0, or 13) is refused by LocalDate.of below
                    return Long.MIN_VALUE;
                }
                try {
                    dayEpoch = LocalDate.of(y, m, dd).toEpochDay() * 86_400L;
                } catch (DateTimeException e) {
                    return Long.MIN_VALUE;
                }
                day = Arrays.copyOfRange(b, ds, de);
            }
            int tl = te - ts;
            if (tl < 8 || b[ts + 2] != ':' || b[ts + 5] != ':' || (tl > 8 && b[ts + 8] != '.')) {
                return Long.MIN_VALUE;
            }
            int h = digits(b, ts, 2);
            int mi = digits(b, ts + 3, 2);
            int s = digits(b, ts + 6, 2);
            if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) {
                return Long.MIN_VALUE;
            }
            return dayEpoch + h * 3600L + mi * 60L + s;
        }

        private int digits(byte[] b, int from, int count) {
            int v = 0;
            for (int i = from; i < from + count; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                v = v * 10 + d;
            }
            return v;
        }
    }
}
