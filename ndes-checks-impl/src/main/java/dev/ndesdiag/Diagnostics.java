package dev.ndesdiag;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Diagnostics receives, for one analysis, what went wrong inside ndes-diag with its stack trace:
 * a check that threw, a part reader that failed. It belongs to the run that asked for it (the CLI's
 * {@code --debug}), never to the process, so two analyses in one JVM do not share it.
 */
@FunctionalInterface
public interface Diagnostics {

    /**
     * Records one failure.
     *
     * @param what what was being done, such as {@code check 'ra-certificates' failed}; never null
     * @param cause the failure; never null
     */
    void trace(String what, Throwable cause);

    /**
     * Returns diagnostics that drop everything: the default.
     *
     * @return the silent diagnostics; never null
     */
    static Diagnostics none() {
        return (what, cause) -> { };
    }

    /**
     * Returns diagnostics that print each failure and its stack trace to a writer.
     *
     * @param err where to print, such as the command's standard error; never null
     * @return the diagnostics; never null
     */
    static Diagnostics printingTo(PrintWriter err) {
        Objects.requireNonNull(err, "err");
        return (what, cause) -> {
            synchronized (err) {
                err.println("[debug] " + what);
                cause.printStackTrace(err);
                err.flush();
            }
        };
    }
}
