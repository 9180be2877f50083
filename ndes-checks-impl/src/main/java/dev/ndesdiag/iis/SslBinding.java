package dev.ndesdiag.iis;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP.sys TLS binding: the endpoint ({@code 0.0.0.0:443}, {@code 10.0.0.5:443}, or an SNI
 * {@code host:443}), the certificate's thumbprint and store, and where the fact came from.
 *
 * @param endpoint the IP:port or hostname:port, lower-case
 * @param sni whether it is an SNI (hostname) binding
 * @param thumbprint the certificate's SHA-1 thumbprint, upper-case hex
 * @param store the certificate store, such as {@code MY}
 * @param appId the owning application's GUID, when known
 * @param source {@code registry} or {@code netsh}
 */
public record SslBinding(String endpoint, boolean sni, String thumbprint, String store, Optional<String> appId,
        String source) {

    /** Validates and normalises the components. */
    public SslBinding {
        Objects.requireNonNull(endpoint, "endpoint");
        endpoint = endpoint.strip().toLowerCase(Locale.ROOT);
        thumbprint = normaliseThumbprint(thumbprint);
        store = store == null || store.isBlank() ? "MY" : store.strip();
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Returns the port of the endpoint.
     *
     * @return the port, or -1 when the endpoint has none
     */
    public int port() {
        int colon = endpoint.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Returns the host part: an IP address, {@code 0.0.0.0} for all, or the SNI host name.
     *
     * @return the host part; never null
     */
    public String host() {
        int colon = endpoint.lastIndexOf(':');
        String h = colon < 0 ? endpoint : endpoint.substring(0, colon);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /**
     * Reduces a thumbprint as people paste it (spaces, colons, invisible marks, any case) to upper-case hex.
     *
     * @param raw the thumbprint as written; may be null
     * @return upper-case hex digits only; empty for null
     */
    public static String normaliseThumbprint(String raw) {
        return raw == null ? "" : dev.ndesdiag.api.value.Settings.normaliseThumbprint(raw);
    }
}
