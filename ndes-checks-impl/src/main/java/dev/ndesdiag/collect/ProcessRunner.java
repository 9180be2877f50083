package dev.ndesdiag.collect;

import dev.ndesdiag.api.snapshot.Blob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command with a time limit, reading its output as it comes (so a chatty command
 * never blocks on a full pipe) and keeping at most a set number of bytes of each stream. A command
 * still running at its limit is killed with its children and reported as timed out.
 */
public final class ProcessRunner {

    private final int maxBytes;

    /**
     * Creates a runner.
     *
     * @param maxBytes the most bytes kept of stdout and of stderr
     */
    public ProcessRunner(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Runs a command.
     *
     * @param command the program and its arguments, passed as they are (no shell); never null
     * @param limit the time limit; positive
     * @return what happened; never null
     */
    public CommandResult run(List<String> command, Duration limit) {
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            return new CommandResult(OptionalInt.empty(), Blob.of(new byte[0]), Blob.of(new byte[0]), elapsed(start), false,
                    Optional.of("could not start " + command.get(0) + ": " + e.getMessage()));
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        boolean finished;
        try {
            finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        byte[] stdout = out.completeOnTimeout(new byte[0], 2, TimeUnit.SECONDS).join();
        byte[] stderr = err.completeOnTimeout(new byte[0], 2, TimeUnit.SECONDS).join();
        return new CommandResult(finished ? OptionalInt.of(process.exitValue()) : OptionalInt.empty(), Blob.of(stdout),
                Blob.of(stderr), elapsed(start), !finished, Optional.empty());
    }

    private CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    int room = maxBytes - kept.size();
                    if (room > 0) {
                        kept.write(buf, 0, Math.min(room, n));
                    }
                }
            } catch (IOException e) {
                // the process was killed: keep what came
            }
            return kept.toByteArray();
        }, ProcessRunner::ownThread);
    }

    /**
     * Each stream gets a thread of its own: a pipe read blocks, and on the common pool (2 or 3
     * workers on a small server) a grandchild of a timed-out command that still holds its pipe
     * would keep a worker, so a later command's output would go unread (review-windows.md P6).
     */
    private static void ownThread(Runnable drain) {
        Thread t = new Thread(drain, "ndes-diag-drain");
        t.setDaemon(true);
        t.start();
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
