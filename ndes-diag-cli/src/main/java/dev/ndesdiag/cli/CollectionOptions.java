package dev.ndesdiag.cli;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What collecting on the server needs to be told: shared by {@code collect} and {@code check --live}. */
final class CollectionOptions {

    /** The options' names, to tell whether any was given. */
    static final List<String> NAMES = List.of("--ca", "--scep-url", "--fetch-timeout");

    @Option(names = "--ca", paramLabel = "HOST\\CA NAME",
            description = "The issuing CA (as certutil -config takes it) for certutil -ping and -CATemplates "
                    + "(default: the Configuration value under MSCEP\\CAInfo).")
    String ca;

    @Option(names = "--scep-url", paramLabel = "URL",
            description = "The SCEP URL probed from the server (default: https://<this server's FQDN>/certsrv/mscep/mscep.dll).")
    URI scepUrl;

    @Option(names = "--fetch-timeout", defaultValue = "15s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "One deadline for the CRL/AIA fetches and one for the SCEP probe (default: ${DEFAULT-VALUE}).")
    Duration fetchTimeout;

    Optional<String> caConfig() {
        return Optional.ofNullable(ca).map(String::strip).filter(s -> !s.isEmpty());
    }

    Optional<URI> scepUrl() {
        return Optional.ofNullable(scepUrl);
    }
}
