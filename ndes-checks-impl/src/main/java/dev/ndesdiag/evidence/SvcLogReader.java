package dev.ndesdiag.evidence;

import dev.ndesdiag.api.snapshot.XmlElement;
import dev.ndesdiag.bundle.UntrustedInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads WCF {@code .svclog} files: {@code <E2ETraceEvent>} elements with no root element
 * (XmlWriterTraceListener output; schema: https://learn.microsoft.com/en-us/dotnet/framework/wcf/diagnostics/tracing/trace-data-format-schema),
 * one at a time, each parsed with the project's safe XML rules (no DTD, no entities, bounded depth).
 * A malformed event is skipped and counted; the events after it are still read.
 *
 * @since 0.1.0
 */
public final class SvcLogReader implements EvidenceReader<SvcLogEntry> {

    private static final Pattern EVENT_ID = Pattern.compile("\\d{1,9}");

    /** The default bound of one event's text. */
    public static final int DEFAULT_MAX_EVENT = 1024 * 1024;
    private static final int MAX_MESSAGE = 16 * 1024;

    private final int maxEvent;

    private SvcLogReader(int maxEvent) {
        this.maxEvent = maxEvent;
    }

    /**
     * Returns a reader with the default bound.
     *
     * @return the reader; never null
     */
    public static SvcLogReader create() {
        return new SvcLogReader(DEFAULT_MAX_EVENT);
    }

    @Override
    public ReadSummary read(InputStream in, Predicate<? super SvcLogEntry> sink) throws IOException {
        Tally tally = new Tally();
        try (Reader r = UntrustedInput.decodingReader(in)) {
            new XmlFragments(r, "E2ETraceEvent", maxEvent).read(tally, (text, line) -> {
                Optional<XmlElement> e = UntrustedInput.parseElement(text).element();
                if (e.isEmpty()) {
                    tally.skip(SkipReason.MALFORMED_XML, line);
                    return true;
                }
                tally.entries++;
                return sink.test(entry(line, e.get()));
            });
        }
        return tally.summary();
    }

    private static SvcLogEntry entry(long line, XmlElement event) {
        Optional<XmlElement> system = event.child("System");
        Optional<Instant> time = system.flatMap(s -> s.child("TimeCreated")).flatMap(t -> t.attribute("SystemTime"))
                .flatMap(SvcLogReader::instant);
        Optional<String> source = system.flatMap(s -> s.child("Source")).flatMap(s -> s.attribute("Name"));
        OptionalInt id = system.flatMap(s -> s.child("EventID")).map(e -> e.text().strip())
                .filter(t -> EVENT_ID.matcher(t).matches()).map(t -> OptionalInt.of(Integer.parseInt(t))).orElse(OptionalInt.empty());
        Optional<String> level = system.flatMap(s -> s.child("SubType")).flatMap(s -> s.attribute("Name"));
        Optional<String> computer = system.flatMap(s -> s.child("Computer")).map(c -> c.text().strip()).filter(c -> !c.isEmpty());
        Optional<String> process = system.flatMap(s -> s.child("Execution")).flatMap(x -> x.attribute("ProcessName"));
        List<String> texts = new ArrayList<>();
        event.child("ApplicationData").ifPresent(a -> collect(a, texts));
        String message = String.join(" | ", texts);
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + " [...]";
        }
        return new SvcLogEntry(line, time, source, id, level, computer, process, message);
    }

    private static void collect(XmlElement e, List<String> out) {
        String t = e.text().strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
        for (XmlElement c : e.children()) {
            collect(c, out);
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(dev.ndesdiag.bundle.Instants.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
