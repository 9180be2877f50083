package dev.ndesdiag.bundle;

/**
 * BundleException says that no report can be made from a bundle: it cannot be opened, has no
 * manifest, is of a newer format, or is refused as hostile. The message is for people: it names
 * the file and says what to do.
 */
public class BundleException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do; never null
     */
    public BundleException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause, kept for debug output.
     *
     * @param message what was wrong and what to do; never null
     * @param cause the underlying failure
     */
    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
