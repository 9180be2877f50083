package dev.ndesdiag.api;

/**
 * UnactionableFindingException is thrown when a result would carry a {@code FAIL} or {@code WARN}
 * finding that does not say what it rests on (no evidence) or what to do (no remediation). A support
 * engineer cannot act on such a finding, so the API refuses it; the runner reports the check as
 * {@code ERROR} naming the finding.
 *
 * @since 0.2.0
 */
public final class UnactionableFindingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which finding lacks what; never null
     */
    public UnactionableFindingException(String message) {
        super(message);
    }
}
