package dev.ndesdiag.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The bundle's JSON files as the collector writes them (pretty-printed UTF-8), and the check of a command's JSON. */
final class JsonBytes {

    static final JsonFactory FACTORY = new JsonFactory();

    private JsonBytes() {
    }

    /** Writes one JSON document. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(Body body) {
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(w)) {
                g.useDefaultPrettyPrinter();
                body.write(g);
            }
            return (w + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeInt(JsonGenerator g, String name, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    static void writeLong(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    static void writeOpt(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }

    /** A command's JSON is checked before it lands in the bundle, so a PowerShell error text never does. */
    static void requireObject(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the output is not a JSON object");
            }
            p.skipChildren();
        } catch (IOException e) {
            throw new IllegalStateException("the output is not valid JSON: " + e.getMessage(), e);
        }
    }
}
