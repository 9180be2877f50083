package dev.ndesdiag.api;

/**
 * TargetMode says where a report's facts came from, as the report's {@code target.mode} writes it.
 *
 * @since 0.2.0
 */
public enum TargetMode {
    /** A snapshot bundle collected earlier, analysed anywhere. */
    SNAPSHOT("snapshot"),
    /** Collected on the NDES server just now and analysed there ({@code check --live}). */
    LIVE("live"),
    /** What a SCEP URL answered to {@code ndes-diag probe}. */
    PROBE("probe");

    private final String wireName;

    TargetMode(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the name reports write, such as {@code snapshot}.
     *
     * @return the name; never null
     */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
