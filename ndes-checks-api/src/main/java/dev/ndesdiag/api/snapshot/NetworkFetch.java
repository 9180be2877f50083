package dev.ndesdiag.api.snapshot;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * NetworkFetch is what the server saw when it fetched one URL that matters (a CDP or AIA URL).
 *
 * @param url the URL; never null
 * @param purpose such as {@code crl} or {@code aia}; never null
 * @param outcome one of {@code ok}, {@code http-error}, {@code timeout}, {@code dns}, {@code refused},
 *     {@code tls}, {@code unsupported}, {@code error}; never null
 * @param httpStatus the HTTP status, when there was one
 * @param elapsedMs how long the fetch took, when recorded
 * @param file the fetched file inside the bundle, when there is one
 * @param body the fetched content, when the file was present and readable
 * @param error the error text, when the fetch failed
 * @since 0.1.0
 */
public record NetworkFetch(
        String url,
        String purpose,
        String outcome,
        OptionalInt httpStatus,
        OptionalLong elapsedMs,
        Optional<String> file,
        Optional<Blob> body,
        Optional<String> error) {

    /** Validates the components. */
    public NetworkFetch {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(httpStatus, "httpStatus");
        Objects.requireNonNull(elapsedMs, "elapsedMs");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(error, "error");
    }
}
