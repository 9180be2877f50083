package dev.ndesdiag.evidence;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address as a log writes it: IPv4, or IPv6 with an optional zone id ({@code fe80::1%4}), the
 * zone kept as text because it names an interface of the server, not of this machine.
 *
 * @param address the address without the zone; never null
 * @param zone the zone id after {@code %}, when present
 * @since 0.1.0
 */
public record IpAddress(InetAddress address, Optional<String> zone) {

    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    /** Validates the components. */
    public IpAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * Parses a literal address; never resolves a name (only digits, hex digits, dots and colons reach
     * {@link InetAddress#getByName}, which treats those as literals).
     *
     * @param text such as {@code 10.0.0.5}, {@code ::1} or {@code fe80::5efe:a00:5%4}; never null
     * @return the address, or empty when the text is not an IP literal (such as {@code -})
     */
    public static Optional<IpAddress> parse(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int pct = t.indexOf('%');
        String bare = pct < 0 ? t : t.substring(0, pct);
        Optional<String> zone = pct < 0 ? Optional.empty() : Optional.of(t.substring(pct + 1));
        if (bare.isEmpty() || bare.length() > 45 || zone.filter(z -> z.isEmpty() || !ZONE.matcher(z).matches()).isPresent()) {
            return Optional.empty();
        }
        boolean v6 = bare.indexOf(':') >= 0;
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return Optional.empty();
            }
        }
        if (!v6 && !IPV4.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new IpAddress(InetAddress.getByName(bare), v6 ? zone : Optional.empty()));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns whether this is the loopback address (the server asking itself, as {@code ndes-diag probe} may).
     *
     * @return true for 127.0.0.0/8 and ::1
     */
    public boolean isLoopback() {
        return address.isLoopbackAddress();
    }

    @Override
    public String toString() {
        return address.getHostAddress() + zone.map(z -> "%" + z).orElse("");
    }
}
