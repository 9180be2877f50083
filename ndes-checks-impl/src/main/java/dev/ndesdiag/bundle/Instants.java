package dev.ndesdiag.bundle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Parses the UTC times of bundle files ({@code 2026-11-20T09:08:00Z}, {@code ...00.1234567Z}: event
 * {@code SystemTime}, the manifest's, the probe's and the fetches' times) exactly as
 * {@link Instant#parse} does, and as fast as reading the digits: a bundle holds a few dozen such
 * times, and {@link java.time.format.DateTimeFormatter#ISO_INSTANT} took longer to parse them than
 * the rest of the event. Only the shape above is read here, with every field in its range; anything
 * else (an offset, a leap second, a 31 February, a lower-case {@code z}, more digits) goes to
 * {@link Instant#parse}, which gives its result or its {@link DateTimeParseException}.
 *
 * @since 0.1.0
 */
public final class Instants {

    private Instants() {
    }

    /**
     * Parses an ISO-8601 instant as {@link Instant#parse} does.
     *
     * @param text the text; never null
     * @return the instant
     * @throws DateTimeParseException when {@link Instant#parse} would throw it
     */
    public static Instant parse(CharSequence text) {
        Instant fast = simple(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in its range, or null. */
    private static Instant simple(CharSequence t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between the '.' and the 'Z'
            if (t.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int f = digits(t, 20, fraction);
            if (f < 0) {
                return null;
            }
            nanos = f;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        LocalDate date = LocalDate.of(year, month, day);
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number the ASCII digits spell, or -1 when one is not a digit. */
    private static int digits(CharSequence t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
