package dev.ndesdiag.bundle;

import dev.ndesdiag.api.snapshot.XmlElement;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads untrusted XML into {@link XmlElement} trees with the JDK's StAX parser. A document type
 * declaration ({@code <!DOCTYPE>}) is refused before anything in it is resolved, so external
 * entities (XXE) and entity expansion bombs never run. Depth and element counts are bounded.
 */
final class SafeXml {

    static final int MAX_DEPTH = 128;
    static final int MAX_ELEMENTS = 2_000_000;

    private SafeXml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resources are never resolved: " + systemId);
        });
        return f;
    }

    /** Receives each element matched at depth one below a synthetic root; return false to stop. */
    interface ElementSink {
        boolean accept(XmlElement element) throws InvalidInputException;
    }

    /**
     * Parses a whole document.
     *
     * @param reader the text
     * @return the root element
     * @throws InvalidInputException when the XML is malformed, has a DTD, or is too deep or large
     */
    static XmlElement parseDocument(Reader reader) throws InvalidInputException {
        List<XmlElement> roots = new ArrayList<>();
        stream(reader, e -> true, e -> {
            roots.add(e);
            return true;
        }, 0);
        if (roots.isEmpty()) {
            throw new InvalidInputException("has no XML root element");
        }
        return roots.get(0);
    }

    /**
     * Streams the children of the document's root element (for a wrapped sequence of elements),
     * building each matching child as a tree and handing it to the sink.
     *
     * @param reader the text, whose root wraps the elements
     * @param wanted which children to build
     * @param sink receives each built child
     * @throws InvalidInputException when the XML is malformed, has a DTD, or is too deep or large
     */
    static void streamChildren(Reader reader, Predicate<String> wanted, ElementSink sink) throws InvalidInputException {
        stream(reader, wanted, sink, 1);
    }

    private static void stream(Reader reader, Predicate<String> wanted, ElementSink sink, int emitDepth)
            throws InvalidInputException {
        XMLStreamReader x = null;
        try {
            x = factory().createXMLStreamReader(reader);
            Deque<Builder> stack = new ArrayDeque<>();
            int depth = 0;
            int elements = 0;
            while (x.hasNext()) {
                int event = x.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new InvalidInputException(
                            "contains a document type declaration (<!DOCTYPE>); XML with a DTD is refused "
                                    + "because bundles never need one and it can smuggle external entities");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new InvalidInputException(
                            "references the undeclared entity &" + x.getLocalName() + "; refused");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > MAX_DEPTH) {
                            throw new InvalidInputException("nests elements deeper than " + MAX_DEPTH + " levels; refused");
                        }
                        if (++elements > MAX_ELEMENTS) {
                            throw new InvalidInputException("has more than " + MAX_ELEMENTS + " elements; refused");
                        }
                        if (!stack.isEmpty() || (depth == emitDepth + 1 && wanted.test(x.getLocalName()))) {
                            Map<String, String> attrs = new LinkedHashMap<>();
                            for (int i = 0; i < x.getAttributeCount(); i++) {
                                attrs.put(x.getAttributeLocalName(i), x.getAttributeValue(i));
                            }
                            stack.push(new Builder(x.getLocalName(), attrs, x.getLocation().getLineNumber()));
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty()) {
                            stack.peek().text.append(x.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        if (!stack.isEmpty()) {
                            Builder done = stack.pop();
                            XmlElement element = done.build();
                            if (stack.isEmpty()) {
                                if (!sink.accept(element)) {
                                    return;
                                }
                            } else {
                                stack.peek().children.add(element);
                            }
                        }
                    }
                    default -> {
                        // comments, processing instructions and whitespace carry nothing
                    }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            String where = line > 0 ? " (line " + line + ")" : "";
            throw new InvalidInputException("is not well-formed XML" + where + ": " + firstLine(e.getMessage()), line, e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("cannot be parsed as XML: " + e.getMessage(), e);
        } finally {
            if (x != null) {
                try {
                    x.close();
                } catch (XMLStreamException ignored) {
                    // nothing to add
                }
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attributes;
        final int line;
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(String name, Map<String, String> attributes, int line) {
            this.name = name;
            this.attributes = attributes;
            this.line = line;
        }

        XmlElement build() {
            String t = text.toString();
            return new XmlElement(name, attributes, children.isEmpty() || !t.isBlank() ? t : "", children, line);
        }
    }
}
