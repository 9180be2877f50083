package dev.ndesdiag.connector;

import java.util.Arrays;
import java.util.Optional;

/**
 * A connector version such as {@code 6.2406.0.1001}, compared number by number.
 *
 * @param parts the dotted numbers
 */
public record ConnectorVersion(long[] parts) implements Comparable<ConnectorVersion> {

    /**
     * Parses a version.
     *
     * @param text such as {@code 6.2406.0.1001}; never null
     * @return the version, or empty when it is not dotted numbers
     */
    public static Optional<ConnectorVersion> parse(String text) {
        String t = text.strip();
        if (!t.matches("\\d{1,9}(\\.\\d{1,9}){1,3}")) {
            return Optional.empty();
        }
        return Optional.of(new ConnectorVersion(Arrays.stream(t.split("\\.")).mapToLong(Long::parseLong).toArray()));
    }

    @Override
    public int compareTo(ConnectorVersion o) {
        for (int i = 0; i < Math.max(parts.length, o.parts.length); i++) {
            long a = i < parts.length ? parts[i] : 0;
            long b = i < o.parts.length ? o.parts[i] : 0;
            if (a != b) {
                return Long.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectorVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    @Override
    public String toString() {
        return String.join(".", Arrays.stream(parts).mapToObj(Long::toString).toList());
    }
}
