package dev.ndesdiag.api.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Manifest is the identity of a snapshot: its format, when it was collected, the host and the collector.
 *
 * @param format always {@code ndes-snapshot}; never null
 * @param formatVersion the bundle format version the reader accepted
 * @param collectedAt the clock of a snapshot analysis; never null
 * @param host the server, as far as the collector knew it; never null
 * @param externalUrl the SCEP URL devices use, when recorded
 * @param collector the program that collected the bundle, when recorded
 * @since 0.1.0
 */
public record Manifest(
        String format,
        int formatVersion,
        Instant collectedAt,
        Host host,
        Optional<String> externalUrl,
        Optional<Collector> collector) {

    /** Validates the components. */
    public Manifest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(collectedAt, "collectedAt");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(externalUrl, "externalUrl");
        Objects.requireNonNull(collector, "collector");
    }

    /**
     * Host describes the NDES server; every field is optional in the bundle format.
     *
     * @param computerName NetBIOS name
     * @param fqdn fully qualified domain name
     * @param domain the AD domain
     * @param os the product name
     * @param osVersion the version, such as {@code 10.0.20348}
     * @param lastBootAt when the server last booted
     * @param utcOffsetMinutes the server's offset from UTC at collection time ({@code host.utcOffsetMinutes}),
     *     for logs that write local time without an offset
     */
    public record Host(
            Optional<String> computerName,
            Optional<String> fqdn,
            Optional<String> domain,
            Optional<String> os,
            Optional<String> osVersion,
            Optional<Instant> lastBootAt,
            OptionalInt utcOffsetMinutes) {

        /** Validates the components. */
        public Host {
            Objects.requireNonNull(computerName, "computerName");
            Objects.requireNonNull(fqdn, "fqdn");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(os, "os");
            Objects.requireNonNull(osVersion, "osVersion");
            Objects.requireNonNull(lastBootAt, "lastBootAt");
            Objects.requireNonNull(utcOffsetMinutes, "utcOffsetMinutes");
        }

        /**
         * Creates a host whose UTC offset is not known (the constructor of 0.1.0).
         *
         * @param computerName NetBIOS name
         * @param fqdn fully qualified domain name
         * @param domain the AD domain
         * @param os the product name
         * @param osVersion the version
         * @param lastBootAt when the server last booted
         */
        public Host(Optional<String> computerName, Optional<String> fqdn, Optional<String> domain, Optional<String> os,
                Optional<String> osVersion, Optional<Instant> lastBootAt) {
            this(computerName, fqdn, domain, os, osVersion, lastBootAt, OptionalInt.empty());
        }

        /**
         * Returns a host of which nothing is known.
         *
         * @return the empty host; never null
         */
        public static Host unknown() {
            return new Host(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }

        /**
         * Returns the best name for the host: the FQDN, else the computer name.
         *
         * @return the name, when known
         */
        public Optional<String> displayName() {
            return fqdn.or(() -> computerName);
        }
    }

    /**
     * Collector names the program that wrote the bundle.
     *
     * @param name such as {@code ndes-diag collect}; never null
     * @param version its version, when recorded
     * @param elevated whether it ran elevated, when recorded
     */
    public record Collector(String name, Optional<String> version, Optional<Boolean> elevated) {

        /** Validates the components. */
        public Collector {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(elevated, "elevated");
        }
    }
}
