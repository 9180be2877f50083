package dev.ndesdiag.network;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a TLS chain is trusted, by which anchors, and why not.
 *
 * @param trusted whether a path from the leaf to one of the anchors validates
 * @param anchors what the chain was judged against; never null
 * @param reason why it is not trusted, when it is not
 */
public record TrustVerdict(boolean trusted, TrustAnchors anchors, Optional<String> reason) {

    /** Validates the components. */
    public TrustVerdict {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Says the verdict in one line, naming the anchors used.
     *
     * @return such as {@code trusted by C:\ca.pem (file, 2 CA certificates)}; never null
     */
    public String describe() {
        String by = anchors.description() + " (" + anchors.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + ", " + anchors.size() + " CA certificates)";
        return trusted ? "trusted by " + by : "NOT trusted by " + by + reason.map(r -> ": " + r).orElse("");
    }
}
