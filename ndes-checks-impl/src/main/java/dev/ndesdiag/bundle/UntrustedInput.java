package dev.ndesdiag.bundle;

import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.XmlElement;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The bundle readers' rules for untrusted text, for readers outside this package (the evidence
 * readers of {@code dev.ndesdiag.evidence}): the encoding taken from the bytes, XML parsed with
 * DTDs and external entities refused and depth bounded, and an exported event turned into an
 * {@link EventRecord} exactly as {@code events/*.xml} are read.
 *
 * @since 0.1.0
 */
public final class UntrustedInput {

    private static final Pattern EVENT_ID = Pattern.compile("\\d{1,5}");
    private static final Pattern LEVEL = Pattern.compile("\\d{1,3}");
    private static final Pattern RECORD_ID = Pattern.compile("\\d{1,18}");

    private UntrustedInput() {
    }

    /**
     * Opens a reader over a text stream, the charset chosen from its first bytes (a BOM or the zero
     * bytes of UTF-16; else UTF-8), undecodable bytes replaced.
     *
     * @param in the stream, closed with the reader; never null
     * @return the reader, positioned after any BOM; never null
     * @throws IOException when the stream cannot be read
     */
    public static Reader decodingReader(InputStream in) throws IOException {
        return TextDecoder.reader(in);
    }

    /**
     * Parses one XML element (a fragment of a root-less file) with the safe rules of {@code SafeXml}.
     *
     * @param xml the element's text; never null
     * @return the element, or a description of why it is not usable XML
     */
    public static ParsedXml parseElement(String xml) {
        try {
            return new ParsedXml(Optional.of(SafeXml.parseDocument(new StringReader(xml))), Optional.empty());
        } catch (InvalidInputException e) {
            return new ParsedXml(Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /**
     * The outcome of {@link #parseElement}: the element, or the problem.
     *
     * @param element the parsed element, when well-formed
     * @param problem why it could not be parsed, when not
     */
    public record ParsedXml(Optional<XmlElement> element, Optional<String> problem) {
    }

    /**
     * Turns one {@code <Event>} element, as {@code wevtutil qe /f:xml} writes it, into a record.
     *
     * @param log the log's name, such as {@code Application}; never null
     * @param event the {@code <Event>} element; never null
     * @return the record, or empty when the event lacks a provider name or a numeric EventID
     */
    public static Optional<EventRecord> event(String log, XmlElement event) {
        Optional<XmlElement> system = event.child("System");
        Optional<String> provider = system.flatMap(s -> s.child("Provider")).flatMap(p -> p.attribute("Name"));
        Optional<String> id = system.flatMap(s -> s.child("EventID")).map(e -> e.text().strip());
        if (provider.isEmpty() || id.isEmpty() || !EVENT_ID.matcher(id.get()).matches()) {
            return Optional.empty();
        }
        OptionalInt level = system.flatMap(s -> s.child("Level")).map(e -> e.text().strip())
                .filter(t -> LEVEL.matcher(t).matches()).map(t -> OptionalInt.of(Integer.parseInt(t)))
                .orElse(OptionalInt.empty());
        Optional<Instant> time = system.flatMap(s -> s.child("TimeCreated")).flatMap(t -> t.attribute("SystemTime"))
                .flatMap(UntrustedInput::instant);
        OptionalLong recordId = system.flatMap(s -> s.child("EventRecordID")).map(e -> e.text().strip())
                .filter(t -> RECORD_ID.matcher(t).matches()).map(t -> OptionalLong.of(Long.parseLong(t)))
                .orElse(OptionalLong.empty());
        Optional<String> computer = system.flatMap(s -> s.child("Computer")).map(e -> e.text().strip());
        List<XmlElement> dataElements = event.child("EventData").map(d -> d.children("Data")).orElse(List.of());
        List<String> data = dataElements.stream().map(XmlElement::text).toList();
        Map<String, String> named = new LinkedHashMap<>();
        for (XmlElement d : dataElements) {
            d.attribute("Name").filter(n -> !n.isEmpty()).ifPresent(n -> named.putIfAbsent(n, d.text()));
        }
        Optional<String> message = event.child("RenderingInfo").flatMap(r -> r.child("Message"))
                .map(XmlElement::text).filter(t -> !t.isBlank());
        return Optional.of(new EventRecord(log, provider.get(), Integer.parseInt(id.get()), level, time, recordId,
                computer, data, message, named));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instants.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
