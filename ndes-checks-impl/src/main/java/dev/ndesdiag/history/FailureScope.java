package dev.ndesdiag.history;

/** What a failure affects, which decides how many failures make a verdict. */
public enum FailureScope {
    /**
     * Every request: NDES cannot start, the pool is disabled, TLS to the registration point fails,
     * mscep.dll answers 5xx. The latest such failure decides alone.
     */
    SERVER,
    /**
     * One request: one challenge rejected, one certificate not issued. It fails the check only when
     * it is systematic.
     */
    REQUEST
}
