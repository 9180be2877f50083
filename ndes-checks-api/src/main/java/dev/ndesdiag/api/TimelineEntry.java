package dev.ndesdiag.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * TimelineEntry is one entry of a report's timeline: a notable record of the server's events or
 * logs (a failure, a recovery, a start), placed in time, with the code {@code ndes-diag explain}
 * takes and the check that judges it.
 *
 * @param at when it happened, in UTC; never null
 * @param source the bundle part and file, such as {@code events/Application} or
 *     {@code logs/iis/W3SVC1/u_ex261120.log}; never null
 * @param code a code {@code explain} accepts, such as {@code NDES-10}, {@code 500.0.1346}, {@code WAS-5002}; never null
 * @param message the record's own words, shortened; never null
 * @param meaning what the code means, when the dictionary knows it; never null
 * @param checkId the check that judges this record, when one does; never null
 * @since 0.2.0
 */
public record TimelineEntry(Instant at, String source, String code, String message, Optional<String> meaning,
        Optional<String> checkId) {

    /** Validates the components. */
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(checkId, "checkId");
    }
}
