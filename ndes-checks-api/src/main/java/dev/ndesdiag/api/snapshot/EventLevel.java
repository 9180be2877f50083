package dev.ndesdiag.api.snapshot;

import java.util.Optional;

/**
 * EventLevel is the level of a Windows event, as the {@code Level} element of its XML gives it.
 *
 * @since 0.2.0
 */
public enum EventLevel {
    /** Level 1. */
    CRITICAL(1),
    /** Level 2. */
    ERROR(2),
    /** Level 3. */
    WARNING(3),
    /** Level 4 (also written as 0 by some providers). */
    INFORMATION(4),
    /** Level 5. */
    VERBOSE(5);

    private final int number;

    EventLevel(int number) {
        this.number = number;
    }

    /**
     * Returns the number Windows writes for this level.
     *
     * @return 1 to 5
     */
    public int number() {
        return number;
    }

    /**
     * Returns the level of a number as Windows writes it; 0 (LogAlways) is shown as information.
     *
     * @param number the {@code Level} value
     * @return the level, or empty for numbers outside 0 to 5
     */
    public static Optional<EventLevel> of(int number) {
        if (number == 0) {
            return Optional.of(INFORMATION);
        }
        for (EventLevel l : values()) {
            if (l.number == number) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
