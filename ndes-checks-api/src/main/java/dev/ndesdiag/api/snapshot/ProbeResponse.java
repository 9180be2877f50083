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
 * @param error why no response came (time-out, refused, TLS), when none did
 * @param tlsChain the certificates the server presented, leaf first, when the probe saw them
 * @since 0.1.0
 */
public record ProbeResponse(
        String url,
        OptionalInt httpStatus,
        Optional<String> contentType,
        OptionalLong elapsedMs,
        Optional<String> bodyFile,
        Optional<Blob> body,
        Optional<String> error,
        java.util.List<java.security.cert.X509Certificate> tlsChain) {

    /** Validates the components. */
    public ProbeResponse {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(httpStatus, "httpStatus");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(elapsedMs, "elapsedMs");
        Objects.requireNonNull(bodyFile, "bodyFile");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(error, "error");
        tlsChain = java.util.List.copyOf(tlsChain);
    }

    /**
     * Creates a response as a bundle records it: no error text, no TLS chain.
     *
     * @param url the requested URL; never null
     * @param httpStatus the status, when a response came
     * @param contentType the content type, when recorded
     * @param elapsedMs how long it took, when recorded
     * @param bodyFile the body's file in the bundle, when there is one
     * @param body the body, when readable
     * @return the response; never null
     */
    public static ProbeResponse recorded(String url, OptionalInt httpStatus, Optional<String> contentType,
            OptionalLong elapsedMs, Optional<String> bodyFile, Optional<Blob> body) {
        return new ProbeResponse(url, httpStatus, contentType, elapsedMs, bodyFile, body, Optional.empty(),
                java.util.List.of());
    }
}
