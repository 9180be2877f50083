package dev.ndesdiag.evidence;

import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.XmlElement;
import dev.ndesdiag.bundle.UntrustedInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads exported event XML ({@code wevtutil qe <LOG> /f:xml}: {@code <Event>} elements with no root,
 * often one per line, attributes in single quotes) as a stream of {@link EventRecord}s: provider, id,
 * level, time, data values (by position and by {@code Name}), message, exactly as the bundle reader
 * makes them. Each event is parsed on its own, so a broken one is skipped and counted and the rest
 * are read, and a file of any size is read in bounded memory.
 *
 * @since 0.1.0
 */
public final class EventXmlReader implements EvidenceReader<EventRecord> {

    /** The default bound of one event's text. */
    public static final int DEFAULT_MAX_EVENT = 1024 * 1024;

    private final String log;

    private EventXmlReader(String log) {
        this.log = log;
    }

    /**
     * Returns a reader for one log's export.
     *
     * @param log the log's name the records carry, such as {@code Application}; never null
     * @return the reader; never null
     */
    public static EventXmlReader forLog(String log) {
        return new EventXmlReader(Objects.requireNonNull(log, "log"));
    }

    @Override
    public ReadSummary read(InputStream in, Predicate<? super EventRecord> sink) throws IOException {
        Tally tally = new Tally();
        try (Reader r = UntrustedInput.decodingReader(in)) {
            new XmlFragments(r, "Event", DEFAULT_MAX_EVENT).read(tally, (text, line) -> {
                Optional<XmlElement> e = UntrustedInput.parseElement(text).element();
                if (e.isEmpty()) {
                    tally.skip(SkipReason.MALFORMED_XML, line);
                    return true;
                }
                Optional<EventRecord> record = UntrustedInput.event(log, e.get());
                if (record.isEmpty()) {
                    tally.skip(SkipReason.MALFORMED_RECORD, line);
                    return true;
                }
                tally.entries++;
                return sink.test(record.get());
            });
        }
        return tally.summary();
    }
}
