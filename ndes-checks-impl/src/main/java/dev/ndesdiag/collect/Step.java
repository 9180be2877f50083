package dev.ndesdiag.collect;

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

    /** {@code reg export KEY <temp> /y}, the file stored as {@code registry/<file>}. */
    record RegExport(String key, String file) implements Step {
        @Override
        public String name() {
            return "reg export " + key;
        }
    }

    /** A command whose console output is stored as {@code commands/<name>.txt}, listed in the index. */
    record Command(String name, List<String> command, Duration limit) implements Step {
    }

    /** A command that writes a file (secedit), stored at a bundle path. */
    record ExportCommand(String name, List<String> commandWithTemp, String tempName, String bundlePath, Duration limit)
            implements Step {
    }

    /** An event log export ({@code wevtutil qe}), stored as {@code events/<log with _ for />.xml}. */
    record Events(String log, String query, int count) implements Step {
        @Override
        public String name() {
            return "wevtutil qe " + log;
        }
    }

    /** A file copied (its tail, when large) to a bundle path. */
    record CopyFile(String path, String bundlePath, long maxBytes) implements Step {
        @Override
        public String name() {
            return "copy " + path;
        }
    }

    /** A LocalMachine certificate store, stored as {@code certs/<store>/}. */
    record CertificateStore(String store) implements Step {
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
        public String name() {
            return "certutil against the CA";
        }
    }
}
