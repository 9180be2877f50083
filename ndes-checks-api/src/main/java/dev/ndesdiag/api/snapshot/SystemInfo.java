package dev.ndesdiag.api.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SystemInfo holds services, IIS application pools and installed features as the collector saw them.
 *
 * @param services the services; never null
 * @param appPools the application pools; never null
 * @param features the installed Windows feature names, such as {@code ADCS-Device-Enrollment}; never null
 * @since 0.1.0
 */
public record SystemInfo(List<Service> services, List<AppPool> appPools, List<String> features) {

    /** Copies the components. */
    public SystemInfo {
        services = List.copyOf(services);
        appPools = List.copyOf(appPools);
        features = List.copyOf(features);
    }

    /**
     * Finds a service by name, ignoring case.
     *
     * @param name such as {@code W3SVC}; never null
     * @return the service, or empty
     */
    public Optional<Service> service(String name) {
        return services.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Finds an application pool by name, ignoring case.
     *
     * @param name such as {@code SCEP}; never null
     * @return the pool, or empty
     */
    public Optional<AppPool> appPool(String name) {
        return appPools.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * One Windows service.
     *
     * @param name the service name; never null
     * @param status such as {@code Running}; never null
     * @param startType such as {@code Automatic}, when known
     * @param account the logon account, when known
     * @param startedAt when it started, when known
     */
    public record Service(String name, String status, Optional<String> startType, Optional<String> account,
            Optional<Instant> startedAt) {

        /** Validates the components. */
        public Service {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(startType, "startType");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }

    /**
     * One IIS application pool.
     *
     * @param name the pool name; never null
     * @param state such as {@code Started}; never null
     */
    public record AppPool(String name, String state) {

        /** Validates the components. */
        public AppPool {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
        }
    }
}
