package dev.ndesdiag.evidence;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Child process of {@link LargeLogTest} (started with {@code -Xmx64m}): reads one log with the reader of
 * its format and prints {@code entries=N skipped=N tooLong=N skips={...} first=... last=... peakHeap=N}
 * on one line; for {@code w3c} also {@code codes=a,b} (the status codes of the entries, in order).
 *
 * <p>Usage: {@code LargeLogMain w3c|httperr|cmtrace|text|eventxml|svclog FILE}.
 */
public final class LargeLogMain {

    private LargeLogMain() {
    }

    public static void main(String[] args) throws Exception {
        String format = args[0];
        HeapProbe.reset();
        StringBuilder codes = new StringBuilder();
        String[] firstLast = {null, null};
        ReadSummary s;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            s = switch (format) {
                case "w3c" -> W3cLogReader.create().read(in, e -> {
                    codes.append(codes.length() == 0 ? "" : ",").append(e.statusCode().orElse("?"));
                    return true;
                });
                case "httperr" -> HttpErrLogReader.create().read(in, keep(firstLast, e -> e.reason().orElse("?")));
                case "cmtrace" -> CmTraceReader.create(OptionalInt.of(0)).read(in, keep(firstLast, CmTraceEntry::message));
                case "text" -> PlainTextReader.create().read(in, keep(firstLast, TextLine::text));
                case "eventxml" -> EventXmlReader.forLog("Application").read(in, keep(firstLast, e -> String.valueOf(e.eventId())));
                case "svclog" -> SvcLogReader.create().read(in, keep(firstLast, SvcLogEntry::message));
                default -> throw new IllegalArgumentException("unknown format " + format);
            };
        }
        System.out.println("entries=" + s.entries() + " skipped=" + s.skippedTotal() + " tooLong="
                + s.skipped(SkipReason.LINE_TOO_LONG) + " skips=" + s.skipped() + " first=" + firstLast[0] + " last=" + firstLast[1]
                + (format.equals("w3c") ? " codes=" + codes : "") + " peakHeap=" + HeapProbe.peakBytes());
    }

    /** A sink that keeps only the first and the last entry's text: the entries themselves are not held. */
    private static <T> Predicate<T> keep(String[] firstLast, java.util.function.Function<T, String> text) {
        return e -> {
            String t = text.apply(e);
            if (firstLast[0] == null) {
                firstLast[0] = t;
            }
            firstLast[1] = t;
            return true;
        };
    }
}
