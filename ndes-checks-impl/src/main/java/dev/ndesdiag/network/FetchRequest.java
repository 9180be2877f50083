package dev.ndesdiag.network;

import java.util.Objects;

/**
 * One URL to fetch, and what for.
 *
 * @param url the URL: {@code http}, {@code https} or {@code ldap}
 * @param purpose such as {@code crl} or {@code aia}
 */
public record FetchRequest(String url, String purpose) {

    /** Validates the components. */
    public FetchRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(purpose, "purpose");
    }
}
