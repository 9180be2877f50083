package dev.ndesdiag.api.snapshot;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * ProbeResponse is what the local SCEP endpoint answered to one request at collection time.
 *
 * @param url the requested URL; never null
 * @param httpStatus the status, when a response came
 * @param contentType the response's content type, when recorded
 * @param elapsedMs how long it took, when recorded
 * @param bodyFile the body's file inside the bundle, when there is one
 * @param body the body, when the file was present and readable
 * @since 0.1.0
 */
public record ProbeResponse(
        String url,
        OptionalInt httpStatus,
        Optional<String> contentType,
        OptionalLong elapsedMs,
        Optional<String> bodyFile,
        Optional<Blob> body) {

    /** Validates the components. */
    public ProbeResponse {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(httpStatus, "httpStatus");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(elapsedMs, "elapsedMs");
        Objects.requireNonNull(bodyFile, "bodyFile");
        Objects.requireNonNull(body, "body");
    }
}
