package dev.ndesdiag.evidence;

import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.bundle.UntrustedInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CMTrace-format logs as a stream, with the variants real writers produce
 * (../shared/reference/real-formats.md): messages spanning lines (the first break a bare LF, the rest
 * CRLF), {@code time="15:21:28.2660519"} with 7 fractional digits and no bias, or
 * {@code time="10:19:13.567+240"} with the bias in minutes, dates not zero-padded
 * ({@code date="7-22-2025"}), and a rolled log that starts in the middle of a record (its text up
 * to the first record start is skipped and counted).
 *
 * <p>The bias is the Windows time-zone bias of the writer: UTC = local time + bias
 * (https://learn.microsoft.com/en-us/windows/win32/api/timezoneapi/ns-timezoneapi-time_zone_information,
 * "UTC = local time + bias"), so {@code +240} is US Eastern daylight time. Without a bias the
 * manifest's {@code host.utcOffsetMinutes} (local = UTC + offset) is applied, and the entry says so.
 *
 * @since 0.1.0
 */
public final class CmTraceReader implements EvidenceReader<CmTraceEntry> {

    /** The default bound of one physical line. */
    public static final int DEFAULT_MAX_LINE = 64 * 1024;
    /** The default bound of one record's message (a multi-line record); longer ones are skipped. */
    public static final int DEFAULT_MAX_RECORD = 1024 * 1024;

    private static final String START = "<![LOG[";
    private static final String END = "]LOG]!>";
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?([+-]\\d{1,4})?");
    private static final Pattern DATE = Pattern.compile("(\\d{1,2})-(\\d{1,2})-(\\d{4})");

    private final OptionalInt utcOffsetMinutes;
    private final int maxLine;
    private final int maxRecord;

    private CmTraceReader(OptionalInt utcOffsetMinutes, int maxLine, int maxRecord) {
        this.utcOffsetMinutes = utcOffsetMinutes;
        this.maxLine = maxLine;
        this.maxRecord = maxRecord;
    }

    /**
     * Returns a reader for logs written on a server whose offset from UTC is known, or not.
     *
     * @param utcOffsetMinutes the server's offset (local = UTC + offset), for records without a bias
     * @return the reader; never null
     */
    public static CmTraceReader create(OptionalInt utcOffsetMinutes) {
        return new CmTraceReader(utcOffsetMinutes, DEFAULT_MAX_LINE, DEFAULT_MAX_RECORD);
    }

    /**
     * Returns a reader for the logs of a snapshot's host, using its {@code host.utcOffsetMinutes}.
     *
     * @param host the manifest's host; never null
     * @return the reader; never null
     */
    public static CmTraceReader forHost(Manifest.Host host) {
        return create(host.utcOffsetMinutes());
    }

    /**
     * Returns a reader with other bounds.
     *
     * @param utcOffsetMinutes the server's offset, for records without a bias
     * @param maxLineChars the longest physical line kept
     * @param maxRecordChars the longest record message kept
     * @return the reader; never null
     */
    public static CmTraceReader withBounds(OptionalInt utcOffsetMinutes, int maxLineChars, int maxRecordChars) {
        if (maxLineChars < 64 || maxRecordChars < 64) {
            throw new IllegalArgumentException("bounds below 64 characters");
        }
        return new CmTraceReader(utcOffsetMinutes, maxLineChars, maxRecordChars);
    }

    @Override
    public ReadSummary read(InputStream in, Predicate<? super CmTraceEntry> sink) throws IOException {
        Tally tally = new Tally();
        try (Reader r = UntrustedInput.decodingReader(in); LineSource lines = new LineSource(r, maxLine)) {
            StringBuilder message = null;
            long startLine = 0;
            boolean overflow = false;
            String line;
            outer:
            while ((line = lines.next()) != null) {
                tally.lines++;
                long n = lines.number();
                if (lines.unterminated()) {
                    tally.endedMidLine = true;
                }
                if (lines.overlong()) {
                    if (message != null) {
                        overflow = true; // the record it belongs to cannot be kept whole
                    } else {
                        tally.skip(SkipReason.LINE_TOO_LONG, n);
                    }
                    continue;
                }
                String rest = line;
                while (true) {
                    if (message == null) {
                        int s = rest.indexOf(START);
                        if (s < 0) {
                            if (!rest.isBlank()) {
                                tally.skip(SkipReason.OUTSIDE_RECORD, n);
                            }
                            continue outer;
                        }
                        if (!rest.substring(0, s).isBlank()) {
                            tally.skip(SkipReason.OUTSIDE_RECORD, n);
                        }
                        message = new StringBuilder();
                        startLine = n;
                        overflow = false;
                        rest = rest.substring(s + START.length());
                    }
                    int e = rest.indexOf(END);
                    int again = rest.indexOf(START);
                    if (again >= 0 && (e < 0 || again < e)) {
                        tally.skip(SkipReason.UNTERMINATED_RECORD, startLine);
                        message = null;
                        rest = rest.substring(again); // the text before it is the cut record's, counted once, above
                        continue; // a new record starts before this one ended
                    }
                    if (e < 0) {
                        if (!overflow && message.length() + rest.length() + 1 > maxRecord) {
                            overflow = true;
                        }
                        if (!overflow) {
                            message.append(rest).append('\n');
                        }
                        continue outer;
                    }
                    if (!overflow && message.length() + e > maxRecord) {
                        overflow = true;
                    }
                    String text = overflow ? "" : message.append(rest, 0, e).toString();
                    String tail = rest.substring(e + END.length());
                    int close = tail.indexOf('>');
                    String attributes = close < 0 ? tail : tail.substring(0, close + 1);
                    message = null;
                    if (overflow) {
                        tally.skip(SkipReason.RECORD_TOO_LONG, startLine);
                    } else {
                        Optional<CmTraceEntry> entry = entry(startLine, text, attributes);
                        if (entry.isEmpty()) {
                            tally.skip(SkipReason.MALFORMED_RECORD, startLine);
                        } else {
                            tally.entries++;
                            if (!sink.test(entry.get())) {
                                tally.stoppedEarly = true;
                                return tally.summary();
                            }
                        }
                    }
                    if (close < 0) {
                        continue outer;
                    }
                    rest = tail.substring(close + 1);
                    if (rest.isBlank()) {
                        continue outer;
                    }
                }
            }
            if (message != null) {
                tally.skip(SkipReason.UNTERMINATED_RECORD, startLine);
            }
        }
        return tally.summary();
    }

    private Optional<CmTraceEntry> entry(long line, String message, String attributes) {
        String a = attributes.strip();
        if (!a.startsWith("<")) {
            return Optional.empty();
        }
        Map<String, String> attrs = new HashMap<>();
        Matcher m = ATTRIBUTE.matcher(a);
        while (m.find()) {
            attrs.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        Matcher t = TIME.matcher(attrs.getOrDefault("time", ""));
        Matcher d = DATE.matcher(attrs.getOrDefault("date", ""));
        if (!t.matches() || !d.matches()) {
            return Optional.empty();
        }
        LocalDateTime local;
        try {
            String fraction = t.group(4) == null ? "0" : t.group(4);
            int nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
            local = LocalDateTime.of(
                    LocalDate.of(Integer.parseInt(d.group(3)), Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2))),
                    LocalTime.of(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)), Integer.parseInt(t.group(3)), nanos));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        Optional<Instant> instant;
        TimeBasis basis;
        if (t.group(5) != null) {
            int bias = Integer.parseInt(t.group(5));
            if (Math.abs(bias) > 14 * 60) {
                return Optional.empty();
            }
            instant = Optional.of(local.toInstant(ZoneOffset.UTC).plusSeconds(bias * 60L));
            basis = TimeBasis.EXACT;
        } else if (utcOffsetMinutes.isPresent()) {
            instant = Optional.of(local.toInstant(ZoneOffset.ofTotalSeconds(utcOffsetMinutes.getAsInt() * 60)));
            basis = TimeBasis.COLLECTION_OFFSET;
        } else {
            instant = Optional.empty();
            basis = TimeBasis.UNKNOWN;
        }
        return Optional.of(new CmTraceEntry(line, local, instant, basis, attrs.getOrDefault("component", ""),
                CmTraceSeverity.of(attrs.get("type")), attrs.getOrDefault("thread", ""), message));
    }
}
