package dev.ndesdiag.history;

import dev.ndesdiag.api.value.AsciiCase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How ndes-diag's own probe identifies itself, so that the log checks set its requests aside: the
 * probe sends {@code User-Agent: ndes-diag/<version>} (snapshot format, {@code endpoint/}), and IIS
 * logs it as {@code ndes-diag/0.1.0}.
 */
public final class OwnProbe {

    /** The start of the probe's User-Agent. */
    public static final String USER_AGENT_PREFIX = "ndes-diag/";

    /**
     * How close to a probe request an NDES or connector event must be to count as caused by it: the
     * probe's test PKIOperation is answered within its time limit, and the event is written while it is.
     */
    public static final Duration CAUSED_WITHIN = Duration.ofSeconds(30);

    private OwnProbe() {
    }

    /**
     * Returns the probe's User-Agent for a version.
     *
     * @param version such as {@code 0.1.0}; never null
     * @return such as {@code ndes-diag/0.1.0}; never null
     */
    public static String userAgent(String version) {
        return USER_AGENT_PREFIX + version;
    }

    /**
     * Tells whether a logged User-Agent is the probe's.
     *
     * @param userAgent the User-Agent as logged, when there is one; never null
     * @return true when it starts {@code ndes-diag/} (case ignored)
     */
    public static boolean isOwn(Optional<String> userAgent) {
        if (userAgent.isEmpty()) {
            return false;
        }
        String u = userAgent.get();
        int from = 0;
        while (from < u.length() && Character.isWhitespace(u.charAt(from))) { // as strip() does, without a copy
            from++;
        }
        return AsciiCase.matchesAt(u, from, USER_AGENT_PREFIX);
    }

    /**
     * Tells whether an event is one the probe's own requests caused: it was written within
     * {@link #CAUSED_WITHIN} after a probe request (or a second before, for clock granularity).
     *
     * @param probeTimes the probe's requests as the IIS log recorded them; never null
     * @param at the event's time; never null
     * @return true when a probe request was that close
     */
    public static boolean causedBy(List<Instant> probeTimes, Instant at) {
        for (Instant p : probeTimes) {
            if (!at.isBefore(p.minusSeconds(1)) && !at.isAfter(p.plus(CAUSED_WITHIN))) {
                return true;
            }
        }
        return false;
    }
}
