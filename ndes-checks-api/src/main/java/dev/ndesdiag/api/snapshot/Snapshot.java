package dev.ndesdiag.api.snapshot;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Snapshot is everything the checks know about one NDES server at one moment: typed, immutable
 * facts, each part {@linkplain Part present, absent or unreadable}.
 *
 * <p>The bundle reader and the live Windows adapter both produce a snapshot; checks read only this.
 * Build one with {@link #builder(Manifest)}; every part not set is {@link Part.State#ABSENT}.
 *
 * @since 0.1.0
 */
public final class Snapshot {

    private final Manifest manifest;
    private final Part<Registry> registry;
    private final Part<CertificateStores> certificates;
    private final Part<IisConfiguration> iis;
    private final Part<UserRights> userRights;
    private final Part<Accounts> accounts;
    private final Part<CommandCaptures> commands;
    private final Part<List<NetworkFetch>> networkFetches;
    private final Part<List<ProbeResponse>> endpointProbe;
    private final Part<EventLogs> events;
    private final Part<Logs> logs;
    private final Part<SystemInfo> system;
    private final List<InputProblem> bundleProblems;

    private Snapshot(Builder b) {
        this.manifest = b.manifest;
        this.registry = b.registry;
        this.certificates = b.certificates;
        this.iis = b.iis;
        this.userRights = b.userRights;
        this.accounts = b.accounts;
        this.commands = b.commands;
        this.networkFetches = b.networkFetches;
        this.endpointProbe = b.endpointProbe;
        this.events = b.events;
        this.logs = b.logs;
        this.system = b.system;
        this.bundleProblems = List.copyOf(b.bundleProblems);
    }

    /**
     * Starts a snapshot whose parts are all absent.
     *
     * @param manifest the snapshot's manifest; never null
     * @return a builder; never null
     */
    public static Builder builder(Manifest manifest) {
        return new Builder(manifest);
    }

    /**
     * Returns the manifest.
     *
     * @return the manifest; never null
     */
    public Manifest manifest() {
        return manifest;
    }

    /**
     * Returns the merged registry exports.
     *
     * @return the merged registry exports; never null
     */
    public Part<Registry> registry() {
        return registry;
    }

    /**
     * Returns the LocalMachine certificate stores.
     *
     * @return the LocalMachine certificate stores; never null
     */
    public Part<CertificateStores> certificates() {
        return certificates;
    }

    /**
     * Returns the IIS configuration files.
     *
     * @return the IIS configuration files; never null
     */
    public Part<IisConfiguration> iis() {
        return iis;
    }

    /**
     * Returns the user rights assignment.
     *
     * @return the user rights assignment; never null
     */
    public Part<UserRights> userRights() {
        return userRights;
    }

    /**
     * Returns the accounts and local groups.
     *
     * @return the accounts and local groups; never null
     */
    public Part<Accounts> accounts() {
        return accounts;
    }

    /**
     * Returns the command outputs.
     *
     * @return the command outputs; never null
     */
    public Part<CommandCaptures> commands() {
        return commands;
    }

    /**
     * Returns what the server saw fetching CDP and AIA URLs.
     *
     * @return what the server saw fetching CDP and AIA URLs; never null
     */
    public Part<List<NetworkFetch>> networkFetches() {
        return networkFetches;
    }

    /**
     * Returns what the SCEP endpoint answered.
     *
     * @return what the SCEP endpoint answered; never null
     */
    public Part<List<ProbeResponse>> endpointProbe() {
        return endpointProbe;
    }

    /**
     * Returns the exported events.
     *
     * @return the exported events; never null
     */
    public Part<EventLogs> events() {
        return events;
    }

    /**
     * Returns the log files.
     *
     * @return the log files; never null
     */
    public Part<Logs> logs() {
        return logs;
    }

    /**
     * Returns services, application pools and features.
     *
     * @return services, application pools and features; never null
     */
    public Part<SystemInfo> system() {
        return system;
    }

    /**
     * Returns a part by its kind.
     *
     * @param kind the part; never null
     * @return the part; never null
     */
    public Part<?> part(SnapshotPart kind) {
        return switch (kind) {
            case REGISTRY -> registry;
            case CERTIFICATES -> certificates;
            case IIS_CONFIG -> iis;
            case USER_RIGHTS -> userRights;
            case ACCOUNTS -> accounts;
            case COMMANDS -> commands;
            case NETWORK_FETCHES -> networkFetches;
            case ENDPOINT_PROBE -> endpointProbe;
            case EVENTS -> events;
            case LOGS -> logs;
            case SYSTEM -> system;
        };
    }

    /**
     * Returns every input problem of the snapshot: those of the bundle itself (refused entries,
     * unknown-part failures) followed by those of each part.
     *
     * @return the problems; never null
     */
    public List<InputProblem> problems() {
        List<InputProblem> all = new ArrayList<>(bundleProblems);
        for (SnapshotPart kind : SnapshotPart.values()) {
            all.addAll(part(kind).problems());
        }
        return List.copyOf(all);
    }

    /** Builder of a {@link Snapshot}; every part starts absent. */
    public static final class Builder {
        private final Manifest manifest;
        private Part<Registry> registry = Part.absent(SnapshotPart.REGISTRY);
        private Part<CertificateStores> certificates = Part.absent(SnapshotPart.CERTIFICATES);
        private Part<IisConfiguration> iis = Part.absent(SnapshotPart.IIS_CONFIG);
        private Part<UserRights> userRights = Part.absent(SnapshotPart.USER_RIGHTS);
        private Part<Accounts> accounts = Part.absent(SnapshotPart.ACCOUNTS);
        private Part<CommandCaptures> commands = Part.absent(SnapshotPart.COMMANDS);
        private Part<List<NetworkFetch>> networkFetches = Part.absent(SnapshotPart.NETWORK_FETCHES);
        private Part<List<ProbeResponse>> endpointProbe = Part.absent(SnapshotPart.ENDPOINT_PROBE);
        private Part<EventLogs> events = Part.absent(SnapshotPart.EVENTS);
        private Part<Logs> logs = Part.absent(SnapshotPart.LOGS);
        private Part<SystemInfo> system = Part.absent(SnapshotPart.SYSTEM);
        private final List<InputProblem> bundleProblems = new ArrayList<>();

        private Builder(Manifest manifest) {
            this.manifest = Objects.requireNonNull(manifest, "manifest");
        }

        private static <T> Part<T> expect(Part<T> part, SnapshotPart kind) {
            if (part.kind() != kind) {
                throw new IllegalArgumentException("expected a " + kind + " part, got " + part.kind());
            }
            return part;
        }

        /**
         * Sets the registry part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder registry(Part<Registry> part) {
            this.registry = expect(part, SnapshotPart.REGISTRY);
            return this;
        }

        /**
         * Sets the certificates part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder certificates(Part<CertificateStores> part) {
            this.certificates = expect(part, SnapshotPart.CERTIFICATES);
            return this;
        }

        /**
         * Sets the IIS part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder iis(Part<IisConfiguration> part) {
            this.iis = expect(part, SnapshotPart.IIS_CONFIG);
            return this;
        }

        /**
         * Sets the user rights part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder userRights(Part<UserRights> part) {
            this.userRights = expect(part, SnapshotPart.USER_RIGHTS);
            return this;
        }

        /**
         * Sets the accounts part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder accounts(Part<Accounts> part) {
            this.accounts = expect(part, SnapshotPart.ACCOUNTS);
            return this;
        }

        /**
         * Sets the commands part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder commands(Part<CommandCaptures> part) {
            this.commands = expect(part, SnapshotPart.COMMANDS);
            return this;
        }

        /**
         * Sets the network fetches part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder networkFetches(Part<List<NetworkFetch>> part) {
            this.networkFetches = expect(part, SnapshotPart.NETWORK_FETCHES);
            return this;
        }

        /**
         * Sets the endpoint probe part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder endpointProbe(Part<List<ProbeResponse>> part) {
            this.endpointProbe = expect(part, SnapshotPart.ENDPOINT_PROBE);
            return this;
        }

        /**
         * Sets the events part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder events(Part<EventLogs> part) {
            this.events = expect(part, SnapshotPart.EVENTS);
            return this;
        }

        /**
         * Sets the logs part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder logs(Part<Logs> part) {
            this.logs = expect(part, SnapshotPart.LOGS);
            return this;
        }

        /**
         * Sets the system part.
         *
         * @param part the part; never null
         * @return this builder
         */
        public Builder system(Part<SystemInfo> part) {
            this.system = expect(part, SnapshotPart.SYSTEM);
            return this;
        }

        /**
         * Adds a problem of the bundle itself, such as a refused zip entry.
         *
         * @param problem the problem; never null
         * @return this builder
         */
        public Builder bundleProblem(InputProblem problem) {
            this.bundleProblems.add(Objects.requireNonNull(problem, "problem"));
            return this;
        }

        /**
         * Builds the snapshot.
         *
         * @return the snapshot; never null
         */
        public Snapshot build() {
            return new Snapshot(this);
        }
    }
}
