package dev.ndesdiag.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One data line of a W3C-style log as the scanner accepted it: its own copy of the line's bytes, the
 * field boundaries and the layout; values are decoded (UTF-8) only when asked for, so scanning a
 * large log costs one copy per line.
 */
final class W3cLine {

    private static final long NO_TIME = Long.MIN_VALUE;

    private final long number;
    private final W3cFields fields;
    private final byte[] bytes;
    /** Start of field i at {@code bounds[i]}, its end at {@code bounds[i + 1] - 1}. */
    private final int[] bounds;
    private final long epochSecond;

    W3cLine(long number, W3cFields fields, byte[] bytes, int[] bounds, long epochSecond) {
        this.number = number;
        this.fields = fields;
        this.bytes = bytes;
        this.bounds = bounds;
        this.epochSecond = epochSecond;
    }

    static long noTime() {
        return NO_TIME;
    }

    long number() {
        return number;
    }

    W3cFields fields() {
        return fields;
    }

    Optional<Instant> time() {
        return epochSecond == NO_TIME ? Optional.empty() : Optional.of(Instant.ofEpochSecond(epochSecond));
    }

    private int from(int i) {
        return bounds[i];
    }

    private int to(int i) {
        return bounds[i + 1] - 1;
    }

    private boolean absent(int i) {
        int len = to(i) - from(i);
        return len == 0 || (len == 1 && bytes[from(i)] == '-');
    }

    /** The raw value at a position, {@code -} included. */
    String raw(int i) {
        return new String(bytes, from(i), to(i) - from(i), StandardCharsets.UTF_8);
    }

    List<String> values() {
        List<String> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            out.add(raw(i));
        }
        return Collections.unmodifiableList(out);
    }

    Optional<String> field(String name) {
        int i = fields.indexOf(name);
        return i < 0 || absent(i) ? Optional.empty() : Optional.of(raw(i));
    }

    /** A decimal field read from the bytes, without a String: up to 9 digits. */
    OptionalInt integer(String name) {
        int i = fields.indexOf(name);
        if (i < 0 || absent(i) || to(i) - from(i) > 9) {
            return OptionalInt.empty();
        }
        int v = 0;
        for (int k = from(i); k < to(i); k++) {
            int d = bytes[k] - '0';
            if (d < 0 || d > 9) {
                return OptionalInt.empty();
            }
            v = v * 10 + d;
        }
        return OptionalInt.of(v);
    }

    /** An unsigned 32-bit decimal field (sc-win32-status), 0 to 4294967295. */
    OptionalLong unsigned32(String name) {
        int i = fields.indexOf(name);
        if (i < 0 || absent(i) || to(i) - from(i) > 10) {
            return OptionalLong.empty();
        }
        long v = 0;
        for (int k = from(i); k < to(i); k++) {
            int d = bytes[k] - '0';
            if (d < 0 || d > 9) {
                return OptionalLong.empty();
            }
            v = v * 10 + d;
        }
        return v > 0xFFFF_FFFFL ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof W3cLine l && l.number == number && l.epochSecond == epochSecond && l.fields.equals(fields)
                && l.values().equals(values());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(number) * 31 + values().hashCode();
    }

    @Override
    public String toString() {
        return "line " + number + ": " + String.join(" ", values());
    }
}
