package dev.ndesdiag.evidence;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link LargeLogTest} (started with {@code -Xmx64m}): reads a W3C log and prints
 * {@code entries=N skipped=N tooLong=N codes=a,b peakHeap=N} on one line.
 */
public final class LargeLogMain {

    private LargeLogMain() {
    }

    public static void main(String[] args) throws Exception {
        HeapProbe.reset();
        StringBuilder codes = new StringBuilder();
        ReadSummary s;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            s = W3cLogReader.create().read(in, e -> {
                codes.append(codes.length() == 0 ? "" : ",").append(e.statusCode().orElse("?"));
                return true;
            });
        }
        System.out.println("entries=" + s.entries() + " skipped=" + s.skippedTotal() + " tooLong="
                + s.skipped(SkipReason.LINE_TOO_LONG) + " codes=" + codes + " peakHeap=" + HeapProbe.peakBytes());
    }
}
