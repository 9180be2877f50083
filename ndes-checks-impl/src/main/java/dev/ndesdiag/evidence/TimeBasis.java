package dev.ndesdiag.evidence;

/** How a log entry's UTC time was obtained from the local time the log wrote. */
public enum TimeBasis {
    /** The log wrote UTC, or an offset with the time (a CMTrace bias); the instant is exact. */
    EXACT,
    /**
     * The log wrote local time without an offset; the manifest's {@code host.utcOffsetMinutes} (the
     * offset at collection time) was applied, which is wrong by the DST shift for entries written
     * before a daylight-saving change.
     */
    COLLECTION_OFFSET,
    /** The log wrote local time without an offset and the bundle does not say the server's offset: no instant. */
    UNKNOWN
}
