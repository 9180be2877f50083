package dev.ndesdiag.network;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A proxy configuration as WinHTTP keeps it (what {@code netsh winhttp show proxy} prints and
 * {@code WinHttpGetDefaultProxyConfiguration} returns), so the collector fetches CDP and AIA URLs
 * through the proxy the server's own CryptoAPI fetches use, and not for the hosts it bypasses.
 *
 * <p>Formats from WINHTTP_PROXY_INFO
 * (https://learn.microsoft.com/windows/win32/api/winhttp/ns-winhttp-winhttp_proxy_info) and
 * "netsh winhttp set proxy" (https://learn.microsoft.com/windows/win32/winhttp/netsh-exe-commands):
 * the proxy list is {@code host:port} for every scheme or {@code http=host:port;https=host:port},
 * entries separated by {@code ;} or spaces; the bypass list holds host patterns with {@code *}
 * wildcards and {@code <local>}, which bypasses every host name without a period.
 */
public final class ProxyRules {

    private final Map<String, URI> byScheme;
    private final Optional<URI> forAll;
    private final List<Pattern> bypass;
    private final boolean bypassLocal;

    private ProxyRules(Map<String, URI> byScheme, Optional<URI> forAll, List<Pattern> bypass, boolean bypassLocal) {
        this.byScheme = Map.copyOf(byScheme);
        this.forAll = forAll;
        this.bypass = List.copyOf(bypass);
        this.bypassLocal = bypassLocal;
    }

    /**
     * Parses WinHTTP's proxy and bypass strings.
     *
     * @param proxy the proxy list, such as {@code proxy.contoso.com:8080}; null or blank for direct access
     * @param bypassList the bypass list, such as {@code <local>;*.corp.contoso.com}; may be null
     * @return the rules; never null
     */
    public static ProxyRules parse(String proxy, String bypassList) {
        Map<String, URI> byScheme = new LinkedHashMap<>();
        Optional<URI> forAll = Optional.empty();
        for (String entry : split(proxy)) {
            int eq = entry.indexOf('=');
            String scheme = eq > 0 ? entry.substring(0, eq).toLowerCase(Locale.ROOT) : "";
            String server = eq > 0 ? entry.substring(eq + 1) : entry;
            Optional<URI> uri = proxyUri(server);
            if (uri.isEmpty()) {
                continue;
            }
            if (scheme.isEmpty()) {
                forAll = forAll.or(() -> uri);
            } else {
                byScheme.putIfAbsent(scheme, uri.get());
            }
        }
        List<Pattern> patterns = new ArrayList<>();
        boolean local = false;
        for (String b : split(bypassList)) {
            if (b.equalsIgnoreCase("<local>")) {
                local = true;
            } else {
                patterns.add(Pattern.compile(glob(b.toLowerCase(Locale.ROOT))));
            }
        }
        return new ProxyRules(byScheme, forAll, patterns, local);
    }

    /** @return rules that send everything direct */
    public static ProxyRules direct() {
        return new ProxyRules(Map.of(), Optional.empty(), List.of(), false);
    }

    /**
     * The proxy a request to this URL goes through.
     *
     * @param url the target; never null
     * @return the proxy, or empty for direct access
     */
    public Optional<URI> proxyFor(URI url) {
        Objects.requireNonNull(url, "url");
        String host = Optional.ofNullable(url.getHost()).orElse("").toLowerCase(Locale.ROOT);
        if (host.isEmpty() || bypassLocal && !host.contains(".")) {
            return Optional.empty();
        }
        String hostPort = url.getPort() > 0 ? host + ":" + url.getPort() : host;
        if (bypass.stream().anyMatch(p -> p.matcher(host).matches() || p.matcher(hostPort).matches())) {
            return Optional.empty();
        }
        String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        return Optional.ofNullable(byScheme.get(scheme)).or(() -> forAll);
    }

    /** @return whether any request goes through a proxy */
    public boolean usesProxy() {
        return forAll.isPresent() || !byScheme.isEmpty();
    }

    @Override
    public String toString() {
        return usesProxy() ? "proxy " + forAll.map(URI::toString).orElse("") + byScheme + (bypassLocal ? " bypass <local>" : "")
                + (bypass.isEmpty() ? "" : " bypass " + bypass) : "direct";
    }

    private static List<String> split(String s) {
        if (s == null) {
            return List.of();
        }
        return List.of(s.strip().split("[;\\s]+")).stream().map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static Optional<URI> proxyUri(String server) {
        String s = server.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        try {
            URI u = URI.create(s);
            return u.getHost() == null ? Optional.empty() : Optional.of(u);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return re.toString();
    }
}
