package dev.ndesdiag.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Target says what a report is about: the mode of analysis, the host and where the facts came from.
 *
 * @param mode {@code snapshot} for a bundle, {@code live} on the server itself, {@code probe} for a
 *     probe of a SCEP URL; never null
 * @param host the server's FQDN or name, when known
 * @param source the bundle's file name (snapshot mode), when known
 * @param collectedAt when the facts were collected; never null
 * @since 0.1.0
 */
public record Target(TargetMode mode, Optional<String> host, Optional<String> source, Instant collectedAt) {

    /** Validates the components. */
    public Target {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(collectedAt, "collectedAt");
    }
}
