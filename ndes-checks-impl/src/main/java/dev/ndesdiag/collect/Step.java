package dev.ndesdiag.collect;

import dev.ndesdiag.api.input.EventChannelInput;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.LogFamily;
import dev.ndesdiag.api.snapshot.ScepRequest;
import dev.ndesdiag.network.FetchOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a collection: what it gathers and where it goes in the bundle.
 */
public sealed interface Step {

    /** @return the step's name, for the collection log */
    String name();

    /**
     * Runs the step.
     *
     * @param collector the collection it adds to
     * @return a one-line detail for the collection log
     */
    String execute(Collector collector);

    /**
     * Returns what this step puts in the bundle, as the inputs checks declare; the collection plan
     * is tested against the union of every check's declarations.
     *
     * @return the inputs; never null
     */
    default List<Input<?>> provides() {
        return List.of();
    }

    /** {@code reg export KEY <temp> /y}, the file stored as {@code registry/<file>}. */
    record RegExport(String key, String file) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.regExport(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.registryTree(key, file));
        }

        @Override
        public String name() {
            return "reg export " + key;
        }
    }

    /** A command whose console output is stored as {@code commands/<name>.txt}, listed in the index. */
    record Command(String name, List<String> command, Duration limit) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.command(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.commandOutput(name, String.join(" ", command)));
        }
    }

    /** A command that writes a file (secedit), stored at a bundle path. */
    record ExportCommand(String name, List<String> commandWithTemp, String tempName, String bundlePath, Duration limit,
            List<Input<?>> provided) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.exportCommand(this);
        }

        @Override
        public List<Input<?>> provides() {
            return provided;
        }
    }

    /**
     * An event log export ({@code wevtutil qe}), stored as {@code events/<log with _ for />.xml}:
     * the union of its selections (a provider at some levels; provider {@code *} for any).
     */
    record Events(String log, List<EventChannelInput> selections, int count) implements Step {

        /**
         * Returns the event XPath of the union of the selections.
         *
         * @return the query
         */
        public String query() {
            return "*[System[" + selections.stream().map(Events::clause).collect(java.util.stream.Collectors.joining(" or "))
                    + "]]";
        }

        private static String clause(EventChannelInput s) {
            String levels = "(" + s.levels().stream().sorted().map(l -> "Level=" + l.number())
                    .collect(java.util.stream.Collectors.joining(" or ")) + ")";
            boolean everyLevel = s.levels().size() == dev.ndesdiag.api.snapshot.EventLevel.values().length;
            if (s.provider().equals("*")) {
                return levels;
            }
            String provider = "Provider[@Name='" + s.provider() + "']";
            return everyLevel ? provider : "(" + provider + " and " + levels + ")";
        }

        @Override
        public String execute(Collector collector) {
            return collector.events(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.copyOf(selections);
        }

        @Override
        public String name() {
            return "wevtutil qe " + log;
        }
    }

    /**
     * The newest files of a folder that match a pattern ({@code dir /b /o-d} lists newest first),
     * each copied tail-first, into a bundle folder under their own names: at most {@code maxFiles},
     * at most {@code maxBytesEach} each, and no more once {@code maxBytesTotal} is reached.
     */
    record CopyNewest(String folder, String pattern, String bundleFolder, int maxFiles, long maxBytesEach, long maxBytesTotal,
            List<Input<?>> provided) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.copyNewest(this);
        }

        @Override
        public List<Input<?>> provides() {
            return provided;
        }

        @Override
        public String name() {
            return "copy newest " + folder + "\\" + pattern;
        }
    }

    /** A file copied (its tail, when large) to a bundle path. */
    record CopyFile(String path, String bundlePath, long maxBytes, Optional<Input<?>> provided) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.copyFile(this);
        }

        @Override
        public List<Input<?>> provides() {
            return provided.stream().toList();
        }

        @Override
        public String name() {
            return "copy " + path;
        }
    }

    /** A LocalMachine certificate store, stored as {@code certs/<store>/}. */
    record CertificateStore(String store) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.certificateStore(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.certificateStore(store), Inputs.certificateStores());
        }

        @Override
        public String name() {
            return "certificates " + store;
        }
    }

    /**
     * Fetches, from the server itself, the CDP and AIA URLs of the My store's certificates and of
     * the CA certificates above them, in parallel under one deadline ({@code network/fetches.json}).
     *
     * @param options the deadline, size limit and proxy
     */
    record FetchCertificateUrls(FetchOptions options) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.fetchCertificateUrls(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.networkFetches());
        }

        @Override
        public String name() {
            return "fetch CDP and AIA URLs";
        }
    }

    /**
     * Asks the local SCEP URL what a device would ({@code endpoint/probe.json} and the bodies).
     *
     * @param url the mscep.dll URL
     * @param options the deadline, size limit and proxy
     */
    record ProbeEndpoint(URI url, FetchOptions options) implements Step {

        private static List<Input<?>> probed() {
            List<Input<?>> all = new java.util.ArrayList<>();
            all.add(Inputs.probeResponses());
            for (ScepRequest r : ScepRequest.values()) {
                all.add(Inputs.probe(r));
            }
            return all;
        }
        @Override
        public String execute(Collector collector) {
            return collector.probeEndpoint(this);
        }

        @Override
        public List<Input<?>> provides() {
            return probed();
        }

        @Override
        public String name() {
            return "probe " + url;
        }
    }

    /**
     * Services that matter and the IIS application pools with their states ({@code system.json}),
     * written by a PowerShell command in the format's shape.
     *
     * @param command the command; its standard output is the JSON
     * @param limit its time limit
     */
    record SystemState(List<String> command, Duration limit) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.systemState(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.system());
        }

        @Override
        public String name() {
            return "services and application pools";
        }
    }

    /**
     * Follows the collected applicationHost.config: copies the web.config files along the SCEP and
     * CRP paths and runs {@code setspn -L} for the SCEP pool's account when it is a domain account.
     *
     * @param limit the time limit of setspn
     */
    record IisFollowUps(Duration limit) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.iisFollowUps(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.logs(LogFamily.IIS_W3C), Inputs.commandOutput("setspn", "setspn -L <account>"));
        }

        @Override
        public String name() {
            return "web.config files and setspn";
        }
    }

    /**
     * Resolves the identities that matter (the SCEP pool's account and the services' accounts,
     * as collected before this step) to SIDs, and lists the members of IIS_IUSRS and
     * Administrators by SID ({@code security/accounts.json}).
     *
     * @param limit the time limit of the PowerShell command
     */
    record Accounts(Duration limit) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.accounts(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.accounts());
        }

        @Override
        public String name() {
            return "accounts and local groups";
        }
    }

    /**
     * {@code certutil -ping} and {@code -CATemplates} against the CA NDES submits to: the one given,
     * else {@code MSCEP\CAInfo\Configuration} as the collected {@code registry/mscep.reg} holds it.
     *
     * @param given the CA config string given on the command line, if any
     * @param limit the time limit of each command
     */
    record CaCommands(Optional<String> given, Duration limit) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.caCommands(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.commandOutput("certutil-ping", "certutil -ping"), Inputs.commandOutput("certutil-catemplates", "certutil -CATemplates"));
        }

        @Override
        public String name() {
            return "certutil against the CA";
        }
    }
    /**
     * The CA's own configuration NDES depends on, read from the NDES server with
     * {@code certutil -config <CA> -getreg} (read-only): {@code CA\Security} and {@code CA\CAType}, and the
     * security descriptor again in SDDL through ICertAdmin2::GetConfigEntry ({@code commands/ca-security-sddl.txt}).
     *
     * @param given the CA config string given on the command line, if any
     * @param limit the time limit of each command
     */
    record CaRegistry(Optional<String> given, Duration limit) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.caRegistry(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.commandOutput("certutil-getreg-ca-security", "certutil -getreg CA\\Security"),
                    Inputs.commandOutput("certutil-getreg-ca-catype", "certutil -getreg CA\\CAType"),
                    Inputs.commandOutput("ca-security-sddl", "ICertAdmin2::GetConfigEntry(<CA>, '', 'Security') as SDDL"));
        }

        @Override
        public String name() {
            return "certutil -getreg against the CA";
        }
    }
    /**
     * DNS, TCP and TLS from the server to the connector's Intune endpoints and the Azure update
     * service, in parallel under one deadline, through the connector's own proxy when it has one
     * (read from the collected {@code registry/intune.reg}); stored as {@code commands/connector-endpoints.txt}.
     *
     * Then, within the same deadline, the CRLs the presented chains name, fetched with {@code crlFetch}
     * (the options of the certificate URL fetch).
     *
     * @param deadline one deadline for every endpoint
     * @param crlFetch how to fetch the presented chains' CRLs; empty to fetch none
     */
    record ConnectorEndpoints(Duration deadline, Optional<FetchOptions> crlFetch) implements Step {

        /**
         * Probes without fetching CRLs.
         *
         * @param deadline one deadline for every endpoint
         */
        public ConnectorEndpoints(Duration deadline) {
            this(deadline, Optional.empty());
        }

        @Override
        public String execute(Collector collector) {
            return collector.connectorEndpoints(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.commandOutput("connector-endpoints", "ndes-diag collect"));
        }

        @Override
        public String name() {
            return "DNS, TCP and TLS to the connector's endpoints";
        }
    }

    /**
     * {@code setspn -Q HTTP/<fqdn>} and {@code setspn -Q HTTP/<computer name>}: which accounts of the
     * forest hold the HTTP SPNs of this server ({@code commands/setspn-q-fqdn.txt},
     * {@code commands/setspn-q-host.txt}).
     *
     * @param limit the time limit of each command
     */
    record SpnQueries(Duration limit) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.spnQueries(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.commandOutput("setspn-q-fqdn", "setspn -Q HTTP/<fqdn>"),
                    Inputs.commandOutput("setspn-q-host", "setspn -Q HTTP/<computer name>"));
        }

        @Override
        public String name() {
            return "setspn -Q HTTP/<this server>";
        }
    }

    /**
     * Lists {@code mscep.dll} in the physical folder of {@code CertSrv/mscep} as the collected
     * applicationHost.config names it ({@code cmd /d /c dir /b /a-d <folder>\mscep.dll},
     * {@code commands/dir-mscep-dll.txt}).
     *
     * @param limit the time limit of the command
     */
    record ScepBinary(Duration limit) implements Step {
        @Override
        public String execute(Collector collector) {
            return collector.scepBinary(this);
        }

        @Override
        public List<Input<?>> provides() {
            return List.of(Inputs.commandOutput("dir-mscep-dll", "dir /b /a-d <CertSrv/mscep folder>\\mscep.dll"));
        }

        @Override
        public String name() {
            return "mscep.dll in the SCEP application's folder";
        }
    }
}
