package dev.ndesdiag.api.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * NetworkFetch is what the server saw when it fetched one URL that matters (a CDP or AIA URL).
 *
 * @param url the URL; never null
 * @param purpose why it was fetched, when the record says and this version knows the purpose
 * @param outcome how the fetch ended; never null
 * @param httpStatus the HTTP status, when there was one
 * @param elapsedMs how long the fetch took, when recorded
 * @param file the fetched file inside the bundle, when there is one
 * @param body the fetched content, when the file was present and readable
 * @param error the error text, when the fetch failed
 * @param date the {@code Date} header of the answer, when there was one (for clock checks)
 * @param fetchedAt the server's own clock when the answer arrived, when recorded
 * @since 0.1.0
 */
public record NetworkFetch(
        String url,
        Optional<FetchPurpose> purpose,
        FetchOutcome outcome,
        OptionalInt httpStatus,
        OptionalLong elapsedMs,
        Optional<String> file,
        Optional<Blob> body,
        Optional<String> error,
        Optional<Instant> date,
        Optional<Instant> fetchedAt) {

    /** Validates the components. */
    public NetworkFetch {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(httpStatus, "httpStatus");
        Objects.requireNonNull(elapsedMs, "elapsedMs");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(error, "error");
    }

    /**
     * Creates a fetch record without the clock facts (the constructor of 0.1.0).
     *
     * @param url the URL
     * @param purpose why it was fetched
     * @param outcome how the fetch ended
     * @param httpStatus the HTTP status
     * @param elapsedMs how long it took
     * @param file the fetched file inside the bundle
     * @param body the fetched content
     * @param error the error text
     */
    public NetworkFetch(String url, Optional<FetchPurpose> purpose, FetchOutcome outcome, OptionalInt httpStatus,
            OptionalLong elapsedMs, Optional<String> file, Optional<Blob> body, Optional<String> error) {
        this(url, purpose, outcome, httpStatus, elapsedMs, file, body, error, Optional.empty(), Optional.empty());
    }
}
