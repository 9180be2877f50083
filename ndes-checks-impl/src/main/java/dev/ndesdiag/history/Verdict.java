package dev.ndesdiag.history;

import dev.ndesdiag.api.Status;

/** What the history of one kind of operation says, and the status each verdict gives. */
public enum Verdict {
    /** Nothing of the kind failed. */
    HEALTHY(Status.PASS),
    /** The latest failed, and it affects every request or is systematic. */
    FAILING(Status.FAIL),
    /** The latest failed, but other requests of the kind succeeded around it: not systematic. */
    FAILING_SOMETIMES(Status.WARN),
    /** The latest succeeded after a failure in the 24 hours before collection. */
    RECOVERED_RECENTLY(Status.WARN),
    /** The latest succeeded; the last failure is older than 24 hours. */
    RECOVERED_LONG_AGO(Status.PASS);

    private final Status status;

    Verdict(Status status) {
        this.status = status;
    }

    /**
     * Returns the status a finding of this verdict has.
     *
     * @return the status; never null
     */
    public Status status() {
        return status;
    }
}
