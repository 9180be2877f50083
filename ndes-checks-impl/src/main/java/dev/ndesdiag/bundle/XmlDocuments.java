package dev.ndesdiag.bundle;

import dev.ndesdiag.api.snapshot.XmlElement;
import java.io.StringReader;
import java.util.Optional;

/**
 * The bundle reader's XML parsing for others that hold Windows files as bytes (the collector): the
 * encoding is detected as for bundle files, and DTDs, external entities and oversized documents are
 * refused.
 */
public final class XmlDocuments {

    private XmlDocuments() {
    }

    /**
     * Parses a document.
     *
     * @param bytes the file, in any encoding Windows writes (UTF-8 or UTF-16 with or without BOM)
     * @return the root element, or empty when the bytes are not acceptable XML
     */
    public static Optional<XmlElement> parse(byte[] bytes) {
        try {
            return Optional.of(SafeXml.parseDocument(new StringReader(TextDecoder.decode(bytes))));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }
}
