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
 * @param proxy an HTTP proxy such as {@code http://proxy:8080}, when one is needed
 */
public record FetchOptions(Duration deadline, int maxBytes, int maxRedirects, Optional<URI> proxy) {

    /** Validates the components. */
    public FetchOptions {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the fetch deadline must be positive");
        }
        Objects.requireNonNull(proxy, "proxy");
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
        return new FetchOptions(d, maxBytes, maxRedirects, proxy);
    }

    /**
     * Returns a copy with another response cap.
     *
     * @param bytes the cap
     * @return new options; never null
     */
    public FetchOptions withMaxBytes(int bytes) {
        return new FetchOptions(deadline, bytes, maxRedirects, proxy);
    }
}
