package dev.ndesdiag.history;

import dev.ndesdiag.api.snapshot.Manifest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The clock the server's record is judged against: the bundle's collection time and, when known,
 * the host's last boot.
 *
 * @param collectedAt the manifest's {@code collectedAt}; never null
 * @param lastBootAt the manifest's {@code host.lastBootAt}, when known; never null
 */
public record TimeFrame(Instant collectedAt, Optional<Instant> lastBootAt) {

    /** How far before collection "recent" reaches. */
    public static final Duration RECENT = Duration.ofHours(24);

    /** Validates the components. */
    public TimeFrame {
        Objects.requireNonNull(collectedAt, "collectedAt");
        Objects.requireNonNull(lastBootAt, "lastBootAt");
    }

    /**
     * Returns the frame of a bundle.
     *
     * @param manifest the manifest; never null
     * @return the frame; never null
     */
    public static TimeFrame of(Manifest manifest) {
        return new TimeFrame(manifest.collectedAt(), manifest.host().lastBootAt());
    }

    /**
     * Tells whether an instant lies in the 24 hours before collection (or after it, for a clock
     * that ran ahead).
     *
     * @param at the instant; never null
     * @return true when recent
     */
    public boolean isRecent(Instant at) {
        return !at.isBefore(collectedAt.minus(RECENT));
    }

    /**
     * Tells whether an instant is after the last boot; true when the boot time is unknown.
     *
     * @param at the instant; never null
     * @return true when after the last boot, or the boot is unknown
     */
    public boolean sinceBoot(Instant at) {
        return lastBootAt.map(b -> !at.isBefore(b)).orElse(true);
    }

    /**
     * Describes how long before collection an instant was, such as {@code "3 h 12 min before collection"}.
     *
     * @param at the instant; never null
     * @return the description; never null
     */
    public String ago(Instant at) {
        Duration d = Duration.between(at, collectedAt);
        if (d.isNegative()) {
            return "after collection";
        }
        long days = d.toDays();
        if (days >= 2) {
            return days + " days before collection";
        }
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        return (hours > 0 ? hours + " h " : "") + minutes + " min before collection";
    }
}
