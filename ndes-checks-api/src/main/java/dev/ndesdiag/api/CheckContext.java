package dev.ndesdiag.api;

import dev.ndesdiag.api.snapshot.Snapshot;
import java.time.Clock;
import java.time.Instant;

/**
 * CheckContext is everything a check may read: the snapshot and the clock of the analysis.
 *
 * <p>New capabilities arrive as new methods with default bodies, so existing checks keep compiling.
 *
 * @since 0.1.0
 */
public interface CheckContext {

    /**
     * Returns the facts collected from the server.
     *
     * @return the snapshot; never null
     */
    Snapshot snapshot();

    /**
     * Returns the clock of the analysis. In snapshot mode it is fixed at the bundle's
     * {@code collectedAt}, so "expired" means expired when the bundle was collected.
     *
     * @return the clock; never null
     */
    Clock clock();

    /**
     * Returns the instant the analysis judges time against: {@code clock().instant()}.
     *
     * @return the evaluation instant; never null
     */
    default Instant now() {
        return clock().instant();
    }
}
