package dev.ndesdiag.bundle;

import dev.ndesdiag.api.snapshot.Snapshot;
import java.io.IOException;

/**
 * OpenBundle is a snapshot read from a bundle, together with the open bundle its logs stream
 * from. Close it when the analysis is done; the snapshot's logs cannot be read after that.
 */
public final class OpenBundle implements AutoCloseable {

    private final Snapshot snapshot;
    private final BundleSource source;

    OpenBundle(Snapshot snapshot, BundleSource source) {
        this.snapshot = snapshot;
        this.source = source;
    }

    /**
     * Returns the snapshot.
     *
     * @return the snapshot; never null
     */
    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Returns a description of the bundle: its file or folder name.
     *
     * @return the description; never null
     */
    public String source() {
        return source.describe();
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException ignored) {
            // nothing was written; a failed close loses nothing
        }
    }
}
