package dev.ndesdiag.api.snapshot;

import java.util.Optional;

/**
 * FetchOutcome is how one fetch of a URL by the server ended, as {@code network/fetches.json}
 * writes it.
 *
 * @since 0.2.0
 */
public enum FetchOutcome {
    /** The content came. */
    OK("ok"),
    /** The server answered with an HTTP error status. */
    HTTP_ERROR("http-error"),
    /** No answer within the deadline. */
    TIMEOUT("timeout"),
    /** The host name did not resolve. */
    DNS("dns"),
    /** The connection was refused. */
    REFUSED("refused"),
    /** The TLS handshake failed. */
    TLS("tls"),
    /** A scheme the fetcher cannot fetch. */
    UNSUPPORTED("unsupported"),
    /** Deliberately not fetched; the error text says why (for example: needs domain credentials). */
    NOT_FETCHED("not-fetched"),
    /** Any other failure. */
    ERROR("error");

    private final String wireName;

    FetchOutcome(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the name the bundle format writes, such as {@code http-error}.
     *
     * @return the name; never null
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the outcome of a name as the bundle format writes it.
     *
     * @param wireName such as {@code timeout}; never null
     * @return the outcome, or empty for a name the format does not define
     */
    public static Optional<FetchOutcome> of(String wireName) {
        for (FetchOutcome o : values()) {
            if (o.wireName.equals(wireName)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
