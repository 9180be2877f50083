package dev.ndesdiag.collect;

import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The only thing the collector asks of Windows: run a command, read a file, list a LocalMachine
 * certificate store with what is known of each private key, and say who and where it is. Raw bytes
 * and strings in, nothing interpreted: everything else is plain Java tested anywhere.
 */
public interface WindowsSource {

    /** One certificate of a store: its DER encoding and, for My, its private key facts (never the key). */
    record StoredEntry(Blob der, Optional<PrivateKeyInfo> key) {
    }

    /**
     * Runs a command under a time limit.
     *
     * @param command program and arguments; never null
     * @param limit the time limit; positive
     * @return what happened; never null
     */
    CommandResult run(List<String> command, Duration limit);

    /**
     * Reads a file, at most {@code maxBytes} from its end.
     *
     * @param path the file's path; never null
     * @param maxBytes the most bytes read
     * @return the bytes, or empty when the file cannot be read
     */
    Optional<Blob> readFile(String path, long maxBytes);

    /**
     * Returns a path for a temporary file the commands may write to.
     *
     * @param name a file name; never null
     * @return a path in the collector's own temporary folder; never null
     */
    String tempFile(String name);

    /**
     * Lists a LocalMachine certificate store.
     *
     * @param store {@code My}, {@code Root} or {@code CA}; never null
     * @return its certificates; never null
     */
    List<StoredEntry> certificates(String store);

    /**
     * Describes the host.
     *
     * @return the host facts; never null
     */
    Manifest.Host host();

    /**
     * Tells whether the collector runs elevated.
     *
     * @return true when elevated
     */
    boolean elevated();
}
