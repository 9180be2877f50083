package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.FetchPurpose;
import java.util.Optional;
import java.util.Objects;

/**
 * One URL to fetch, and what for.
 *
 * @param url the URL: {@code http}, {@code https} or {@code ldap}
 * @param purpose why it is fetched; empty for the SCEP probe's own requests
 */
public record FetchRequest(String url, Optional<FetchPurpose> purpose) {

    /**
     * Creates a request for a URL that matters for a certificate.
     *
     * @param url the URL
     * @param purpose what for
     * @return the request
     */
    public static FetchRequest of(String url, FetchPurpose purpose) {
        return new FetchRequest(url, Optional.of(purpose));
    }

    /** Validates the components. */
    public FetchRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(purpose, "purpose");
    }
}
