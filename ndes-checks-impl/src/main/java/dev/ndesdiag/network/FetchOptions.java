package dev.ndesdiag.network;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How fetching behaves: one deadline for all URLs together, a cap on each response, redirects
 * followed at most so often, and an optional HTTP proxy.
 *
 * @param deadline the time all fetches together may take; positive
 * @param maxBytes the largest response body kept; a larger one ends in {@code error}
 * @param maxRedirects how many HTTP redirects are followed
 * @param proxy an HTTP proxy such as {@code http://proxy:8080} for every URL, when one is needed
 * @param proxyRules per-URL proxy rules (the server's WinHTTP proxy with its bypass list); when
 *        present they decide instead of {@code proxy}
 */
public record FetchOptions(Duration deadline, int maxBytes, int maxRedirects, Optional<URI> proxy,
        Optional<ProxyRules> proxyRules) {

    /** Validates the components. */
    public FetchOptions {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the fetch deadline must be positive");
        }
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(proxyRules, "proxyRules");
    }

    /**
     * Creates options with one proxy (or none) for every URL.
     *
     * @param deadline the time all fetches together may take; positive
     * @param maxBytes the largest response body kept
     * @param maxRedirects how many HTTP redirects are followed
     * @param proxy an HTTP proxy for every URL, when one is needed
     */
    public FetchOptions(Duration deadline, int maxBytes, int maxRedirects, Optional<URI> proxy) {
        this(deadline, maxBytes, maxRedirects, proxy, Optional.empty());
    }

    /**
     * Returns a copy that picks the proxy per URL by these rules.
     *
     * @param rules the rules; never null
     * @return new options; never null
     */
    public FetchOptions withProxyRules(ProxyRules rules) {
        return new FetchOptions(deadline, maxBytes, maxRedirects, proxy, Optional.of(rules));
    }

    /**
     * The proxy a request to this URL goes through.
     *
     * @param url the target; never null
     * @return the proxy, or empty for direct access
     */
    public Optional<URI> proxyFor(URI url) {
        return proxyRules.isPresent() ? proxyRules.get().proxyFor(url) : proxy;
    }

    /**
     * Returns the defaults: 15 s for everything, 16 MiB per response, 5 redirects, no proxy.
     *
     * @return the defaults; never null
     */
    public static FetchOptions defaults() {
        return new FetchOptions(Duration.ofSeconds(15), 16 << 20, 5, Optional.empty());
    }

    /**
     * Returns a copy with another deadline.
     *
     * @param d the deadline; positive
     * @return new options; never null
     */
    public FetchOptions withDeadline(Duration d) {
        return new FetchOptions(d, maxBytes, maxRedirects, proxy, proxyRules);
    }

    /**
     * Returns a copy with another response cap.
     *
     * @param bytes the cap
     * @return new options; never null
     */
    public FetchOptions withMaxBytes(int bytes) {
        return new FetchOptions(deadline, bytes, maxRedirects, proxy, proxyRules);
    }
}
