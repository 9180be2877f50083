package dev.ndesdiag.api;

import java.util.Locale;

/**
 * Category is the closed set of areas a check belongs to; reports and the catalogue group by it.
 *
 * @since 0.1.0
 */
public enum Category {
    /** RA, TLS, CA and connector certificates and the certificate stores. */
    CERTIFICATES,
    /** NDES registry configuration: templates, CA, policy module. */
    CONFIGURATION,
    /** IIS and HTTP.sys: sites, applications, pools, request limits, bindings. */
    IIS,
    /** Service accounts, group membership and user rights. */
    ACCOUNTS,
    /** What the server could fetch or reach over the network: CRLs, AIA, the CA. */
    NETWORK,
    /** The Intune Certificate Connector. */
    CONNECTOR,
    /** What the SCEP endpoint itself answered. */
    ENDPOINT,
    /** Event logs and log files. */
    EVENTS,
    /** The snapshot bundle itself: its completeness and readability. */
    SNAPSHOT;

    /**
     * Returns the lower-case name used in reports, such as {@code certificates}.
     *
     * @return the report name; never null
     */
    public String reportName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
