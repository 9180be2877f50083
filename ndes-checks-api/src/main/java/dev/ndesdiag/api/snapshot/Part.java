package dev.ndesdiag.api.snapshot;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Part is one part of a snapshot in one of three states, so that a check never confuses
 * "could not read" with "not configured": {@link State#PRESENT} (possibly with problems in some of
 * its files), {@link State#ABSENT} (not collected) or {@link State#UNREADABLE} (collected, but
 * nothing usable could be read).
 *
 * @param <T> the facts the part holds
 * @param kind which part this is; never null
 * @param state the state; never null
 * @param value the facts, present exactly when the state is {@code PRESENT}
 * @param problems files of this part that could not be read; never null
 * @since 0.1.0
 */
public record Part<T>(SnapshotPart kind, State state, Optional<T> value, List<InputProblem> problems) {

    /** The three states of a part. */
    public enum State {
        /** The part was collected and read; some of its files may have problems. */
        PRESENT,
        /** The part was not collected. */
        ABSENT,
        /** The part was collected but nothing usable could be read from it. */
        UNREADABLE
    }

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when the value does not match the state, or an unreadable part has no problem
     */
    public Part {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(value, "value");
        problems = List.copyOf(problems);
        if (value.isPresent() != (state == State.PRESENT)) {
            throw new IllegalArgumentException("a " + state + " part " + (value.isPresent() ? "has" : "lacks") + " a value");
        }
        if (state == State.UNREADABLE && problems.isEmpty()) {
            throw new IllegalArgumentException("an unreadable part needs a problem that says why");
        }
    }

    /**
     * Creates a present part.
     *
     * @param kind the part; never null
     * @param value the facts; never null
     * @param problems files that could not be read; never null
     * @param <T> the type of facts
     * @return the part; never null
     */
    public static <T> Part<T> present(SnapshotPart kind, T value, List<InputProblem> problems) {
        return new Part<>(kind, State.PRESENT, Optional.of(value), problems);
    }

    /**
     * Creates a present part with no problems.
     *
     * @param kind the part; never null
     * @param value the facts; never null
     * @param <T> the type of facts
     * @return the part; never null
     */
    public static <T> Part<T> present(SnapshotPart kind, T value) {
        return present(kind, value, List.of());
    }

    /**
     * Creates an absent part: it was not collected.
     *
     * @param kind the part; never null
     * @param <T> the type of facts
     * @return the part; never null
     */
    public static <T> Part<T> absent(SnapshotPart kind) {
        return new Part<>(kind, State.ABSENT, Optional.empty(), List.of());
    }

    /**
     * Creates an unreadable part.
     *
     * @param kind the part; never null
     * @param problems why nothing could be read; never null or empty
     * @param <T> the type of facts
     * @return the part; never null
     */
    public static <T> Part<T> unreadable(SnapshotPart kind, List<InputProblem> problems) {
        return new Part<>(kind, State.UNREADABLE, Optional.empty(), problems);
    }

    /**
     * Tells whether the part holds facts.
     *
     * @return true when {@code PRESENT}
     */
    public boolean isPresent() {
        return state == State.PRESENT;
    }

    /**
     * Returns this part's absence or unreadability as a part of another value type, for a fact
     * looked up inside a part that is not present.
     *
     * @param <U> the other value type
     * @return an absent or unreadable part of the same kind, with the same problems; never null
     * @throws IllegalStateException when this part is present
     * @since 0.2.0
     */
    public <U> Part<U> notPresent() {
        if (isPresent()) {
            throw new IllegalStateException("the " + kind + " part is present");
        }
        return state == State.ABSENT ? absent(kind) : unreadable(kind, problems);
    }
}
