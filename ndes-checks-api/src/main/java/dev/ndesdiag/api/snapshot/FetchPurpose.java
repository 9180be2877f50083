package dev.ndesdiag.api.snapshot;

import java.util.Optional;

/**
 * FetchPurpose is why the server fetched a URL, as {@code network/fetches.json} writes it.
 *
 * @since 0.2.0
 */
public enum FetchPurpose {
    /** A CRL distribution point. */
    CRL("crl"),
    /** A delta CRL (Freshest CRL extension). */
    DELTA_CRL("delta-crl"),
    /** An authority information access URL for the issuer's certificate. */
    AIA("aia"),
    /** An OCSP responder. */
    OCSP("ocsp"),
    /** An endpoint of the Intune certificate connector. */
    INTUNE("intune");

    private final String wireName;

    FetchPurpose(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the name the bundle format writes, such as {@code delta-crl}.
     *
     * @return the name; never null
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the purpose of a name as the bundle format writes it.
     *
     * @param wireName such as {@code crl}; never null
     * @return the purpose, or empty for a name the format does not define
     */
    public static Optional<FetchPurpose> of(String wireName) {
        for (FetchPurpose p : values()) {
            if (p.wireName.equals(wireName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
