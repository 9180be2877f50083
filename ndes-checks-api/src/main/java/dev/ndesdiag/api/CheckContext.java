package dev.ndesdiag.api;

import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * CheckContext is everything a check may read: its declared inputs, the snapshot and the clock of
 * the analysis.
 *
 * <p>A check reads each input it declared in its descriptor: {@link #get} for a required one (the
 * runner ran the check only because it is present), {@link #find} for an optional one, and
 * {@link #problems} for the lines or files of it that could not be read. The runner's context
 * refuses an input the check did not declare, so that the catalogue and the collection plan know
 * everything a check reads. New capabilities arrive as new methods with default bodies, so
 * existing checks keep compiling.
 *
 * @since 0.1.0
 */
public interface CheckContext {

    /**
     * Returns the facts collected from the server. Prefer the declared inputs.
     *
     * @return the snapshot; never null
     */
    Snapshot snapshot();

    /**
     * Returns the snapshot's manifest: the host, the collection time, the external URL. Always present.
     *
     * @return the manifest; never null
     * @since 0.2.0
     */
    default dev.ndesdiag.api.snapshot.Manifest manifest() {
        return snapshot().manifest();
    }

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

    /**
     * Returns a required input, which the runner guarantees present.
     *
     * @param input an input the check declared with {@link CheckDescriptor#requires}; never null
     * @param <T> its value
     * @return its value; never null
     * @throws IllegalStateException when the input is absent or was not declared required
     * @since 0.2.0
     */
    default <T> T get(Input<T> input) {
        return input.find(snapshot()).value().orElseThrow(() -> new IllegalStateException(
                input.what() + " is not in the snapshot; declare it with requires(...) so that the runner skips the check"));
    }

    /**
     * Returns an input when present.
     *
     * @param input an input the check declared; never null
     * @param <T> its value
     * @return its value, or empty when it was not collected or could not be read
     * @since 0.2.0
     */
    default <T> Optional<T> find(Input<T> input) {
        return input.find(snapshot()).value();
    }

    /**
     * Returns what could not be read of an input: the lines of a registry key the reader could not
     * decode, the unreadable files of a certificate store.
     *
     * @param input an input the check declared; never null
     * @return the problems; never null, empty when everything was read
     * @since 0.2.0
     */
    default List<InputProblem> problems(Input<?> input) {
        return input.find(snapshot()).problems();
    }
}
