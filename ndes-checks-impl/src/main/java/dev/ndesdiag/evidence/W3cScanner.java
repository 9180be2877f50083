package dev.ndesdiag.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The part shared by the W3C-style logs (IIS W3C and HTTPERR): directives, the current
 * {@code #Fields} layout, data lines split on single spaces into that layout, and the UTC time from
 * {@code date} and {@code time}. Each accepted line is handed on as (layout, values, line number, time).
 */
final class W3cScanner {

    /** Receives one data line; returns false to stop. */
    interface LineSink {
        boolean accept(W3cFields fields, List<String> values, long line, Optional<java.time.Instant> time);
    }

    private final int maxLine;
    private final List<W3cFields> fallbacks;

    W3cScanner(int maxLine, List<W3cFields> fallbacks) {
        this.maxLine = maxLine;
        this.fallbacks = List.copyOf(fallbacks);
    }

    ReadSummary scan(InputStream in, LineSink sink) throws IOException {
        Tally tally = new Tally();
        try (Reader r = dev.ndesdiag.bundle.UntrustedInput.decodingReader(in); LineSource lines = new LineSource(r, maxLine)) {
            W3cFields fields = null;
            int dateAt = -1;
            int timeAt = -1;
            DayCache days = new DayCache();
            String line;
            while ((line = lines.next()) != null) {
                tally.lines++;
                long n = lines.number();
                if (lines.unterminated()) {
                    tally.endedMidLine = true;
                }
                if (lines.overlong()) {
                    tally.skip(SkipReason.LINE_TOO_LONG, n);
                    continue;
                }
                if (line.isEmpty()) {
                    continue;
                }
                if (line.charAt(0) == '#') {
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
                    continue; // #Software, #Version, #Date, #Start-Date, #Remark carry nothing per line
                }
                String[] values = split(line);
                W3cFields layout = fields;
                if (layout == null) {
                    layout = fallbackFor(values.length);
                    if (layout == null) {
                        tally.skip(lines.unterminated() ? SkipReason.FIELD_COUNT : SkipReason.NO_FIELDS_DIRECTIVE, n);
                        continue;
                    }
                }
                if (values.length != layout.size()) {
                    tally.skip(SkipReason.FIELD_COUNT, n);
                    continue;
                }
                int d = layout == fields ? dateAt : layout.indexOf("date");
                int t = layout == fields ? timeAt : layout.indexOf("time");
                Optional<java.time.Instant> time = Optional.empty();
                if (d >= 0 && t >= 0) {
                    long epoch = days.epochSecond(values[d], values[t]);
                    if (epoch == Long.MIN_VALUE) {
                        tally.skip(SkipReason.BAD_TIME, n);
                        continue;
                    }
                    time = Optional.of(java.time.Instant.ofEpochSecond(epoch));
                }
                tally.entries++;
                if (!sink.accept(layout, Collections.unmodifiableList(Arrays.asList(values)), n, time)) {
                    tally.stoppedEarly = true;
                    break;
                }
            }
        }
        return tally.summary();
    }

    private W3cFields fallbackFor(int width) {
        for (W3cFields f : fallbacks) {
            if (f.size() == width) {
                return f;
            }
        }
        return null;
    }

    /** Splits on single spaces (W3C logs replace spaces inside a field by {@code +}). */
    private static String[] split(String line) {
        int count = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ' ') {
                count++;
            }
        }
        String[] out = new String[count];
        int start = 0;
        int k = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ' ') {
                out[k++] = line.substring(start, i);
                start = i + 1;
            }
        }
        out[k] = line.substring(start);
        return out;
    }

    /**
     * W3C dates and times ({@code 2026-11-20}, {@code 10:15:00}), UTC as IIS and HTTP.sys write them;
     * the day of the last line is remembered, since consecutive lines share it.
     */
    private static final class DayCache {
        private String day;
        private long dayEpoch;

        long epochSecond(String date, String time) {
            if (!date.equals(day)) {
                if (date.length() != 10 || date.charAt(4) != '-' || date.charAt(7) != '-') {
                    return Long.MIN_VALUE;
                }
                int y = digits(date, 0, 4);
                int m = digits(date, 5, 2);
                int dd = digits(date, 8, 2);
                if (y < 0 || m < 0 || dd < 0) {
                    return Long.MIN_VALUE;
                }
                try {
                    dayEpoch = LocalDate.of(y, m, dd).toEpochDay() * 86_400L;
                } catch (DateTimeException e) {
                    return Long.MIN_VALUE;
                }
                day = date;
            }
            if (time.length() < 8 || time.charAt(2) != ':' || time.charAt(5) != ':') {
                return Long.MIN_VALUE;
            }
            int h = digits(time, 0, 2);
            int mi = digits(time, 3, 2);
            int s = digits(time, 6, 2);
            if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60 || (time.length() > 8 && time.charAt(8) != '.')) {
                return Long.MIN_VALUE;
            }
            return dayEpoch + h * 3600L + mi * 60L + s;
        }

        private static int digits(String s, int from, int count) {
            int v = 0;
            for (int i = from; i < from + count; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }
    }
}
