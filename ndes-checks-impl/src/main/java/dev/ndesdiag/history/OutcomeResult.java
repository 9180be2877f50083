package dev.ndesdiag.history;

/** Whether one recorded operation succeeded. */
public enum OutcomeResult {
    /** It succeeded (an NDES start, a 200 from mscep.dll, a 4000 from the connector). */
    SUCCESS,
    /** It failed. */
    FAILURE
}
