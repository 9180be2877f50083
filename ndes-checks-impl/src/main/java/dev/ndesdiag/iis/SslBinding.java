package dev.ndesdiag.iis;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP.sys TLS binding: the endpoint ({@code 0.0.0.0:443}, {@code 10.0.0.5:443}, an SNI
 * {@code host:443}, or a Central Certificate Store binding {@code *:443}), the certificate's
 * thumbprint and store, and where the fact came from.
 *
 * @param endpoint the IP:port, hostname:port or {@code *:port} (Central Certificate Store), lower-case
 * @param kind which of HTTP.sys's binding tables holds it
 * @param thumbprint the certificate's SHA-1 thumbprint, upper-case hex; empty for a Central
 *     Certificate Store binding (the certificate is a file on the share, chosen by host name)
 * @param store the certificate store, such as {@code MY}
 * @param appId the owning application's GUID, when known
 * @param source {@code registry} or {@code netsh}
 */
public record SslBinding(String endpoint, Kind kind, String thumbprint, String store, Optional<String> appId,
        String source) {

    /**
     * HTTP.sys's three binding tables ({@code netsh http add sslcert ipport= | hostnameport= | ccs=}).
     *
     * @see <a href="https://learn.microsoft.com/en-us/windows-server/networking/technologies/netsh/netsh-http">netsh http add sslcert</a>
     */
    public enum Kind {
        /** {@code SslBindingInfo}: an IP:port ({@code 0.0.0.0} for every address). */
        IP_PORT,
        /** {@code SslSniBindingInfo}: a hostname:port (SNI). */
        HOSTNAME_PORT,
        /** {@code SslCcsBindingInfo}: a port whose certificates come from the IIS Central Certificate Store. */
        CENTRAL_CERTIFICATE_STORE
    }

    /** Validates and normalises the components. */
    public SslBinding {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(kind, "kind");
        endpoint = endpoint.strip().toLowerCase(Locale.ROOT);
        thumbprint = normaliseThumbprint(thumbprint);
        store = store == null || store.isBlank() ? "MY" : store.strip();
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(source, "source");
    }

    /** @return whether it is an SNI (hostname:port) binding */
    public boolean sni() {
        return kind == Kind.HOSTNAME_PORT;
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
