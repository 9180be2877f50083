package dev.ndesdiag.cli;

import java.io.PrintWriter;

/**
 * The progress line of a long fleet run, on standard error and only on a terminal: one line
 * rewritten in place ({@code \r}), cleared at the end, never in a pipe, a file or a CI log.
 */
final class Progress {

    private final PrintWriter err;
    private final int total;
    private final boolean shown;
    private long lastNanos;

    private Progress(PrintWriter err, int total, boolean shown) {
        this.err = err;
        this.total = total;
        this.shown = shown;
    }

    /** A progress line when standard error is a terminal (the JVM has a console), else a silent one. */
    static Progress onTerminal(PrintWriter err, int total) {
        return new Progress(err, total, System.console() != null && total > 1);
    }

    /** Told from worker threads after each bundle; redraws at most ten times a second, and at the end. */
    synchronized void done(int done) {
        if (!shown) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastNanos < 100_000_000L) {
            return;
        }
        lastNanos = now;
        err.print("\ranalysed " + done + " of " + total + " bundles");
        err.flush();
    }

    /** Removes the line. */
    synchronized void clear() {
        if (shown) {
            err.print("\r" + " ".repeat(40) + "\r");
            err.flush();
        }
    }
}
