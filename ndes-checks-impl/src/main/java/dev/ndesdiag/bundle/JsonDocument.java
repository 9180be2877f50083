package dev.ndesdiag.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A JSON object of a bundle file, read with Jackson's streaming parser (no data binding, which
 * costs start-up time), with typed accessors that fail with a message naming the field.
 */
final class JsonDocument {

    /**
     * Jackson's stream limits, each set here rather than left to the library's defaults (which
     * change between versions): no bundle JSON nests deeper than a few levels, and a file read
     * whole is at most 64 MiB. A limit reached is an {@link InvalidInputException} naming it.
     */
    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxDocumentLength(64L << 20)
            .maxStringLength(64 << 20)
            .maxNameLength(4096)
            .maxNumberLength(100)
            .maxTokenCount(10_000_000)
            .build();

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(CONSTRAINTS)
            .build();

    private final Map<String, Object> fields;
    private final String where;

    private JsonDocument(Map<String, Object> fields, String where) {
        this.fields = fields;
        this.where = where;
    }

    /**
     * Parses JSON text into a plain tree of maps, lists, strings, numbers, booleans and nulls.
     *
     * @param text the JSON text
     * @return the root value
     * @throws InvalidInputException when the text is not valid JSON, with line and column
     */
    static Object parse(String text) throws InvalidInputException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidInputException("is empty, not JSON");
            }
            Object value = read(p);
            if (p.nextToken() != null) {
                throw new InvalidInputException("has content after the JSON value at line "
                        + p.currentLocation().getLineNr());
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException("is refused: it passes a limit of the JSON reader (" + firstLine(e.getOriginalMessage())
                    + ")", e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidInputException("is not valid JSON (" + (at == null ? "" : "line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": ") + firstLine(e.getOriginalMessage()) + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return dev.ndesdiag.secrets.SecretValues.cut(nl < 0 ? message : message.substring(0, nl));
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, read(p));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t);
        }
    }

    /** Parses text that must hold a JSON object. */
    static JsonDocument object(String text) throws InvalidInputException {
        return of(parse(text), "the document");
    }

    /** Wraps a value that must be an object. */
    @SuppressWarnings("unchecked")
    static JsonDocument of(Object value, String where) throws InvalidInputException {
        if (!(value instanceof Map)) {
            throw new InvalidInputException(where + " is not a JSON object");
        }
        return new JsonDocument((Map<String, Object>) value, where);
    }

    /** Reads an array of objects from a value that must be an array. */
    static List<JsonDocument> objects(Object value, String where) throws InvalidInputException {
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException(where + " is not a JSON array");
        }
        List<JsonDocument> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            result.add(of(list.get(i), where + "[" + i + "]"));
        }
        return result;
    }

    Object raw(String name) {
        return fields.get(name);
    }

    boolean has(String name) {
        return fields.get(name) != null;
    }

    String string(String name) throws InvalidInputException {
        return optString(name).orElseThrow(() -> new InvalidInputException(where + " lacks the field \"" + name + "\""));
    }

    Optional<String> optString(String name) throws InvalidInputException {
        Object v = fields.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new InvalidInputException("field \"" + name + "\" of " + where + " is not a string: " + quote(name, v), where, name, quote(name, v));
        }
        return Optional.of(s);
    }

    OptionalLong optLong(String name) throws InvalidInputException {
        Object v = fields.get(name);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!(v instanceof Long l)) {
            throw new InvalidInputException("field \"" + name + "\" of " + where + " is not a whole number: " + quote(name, v), where, name, quote(name, v));
        }
        return OptionalLong.of(l);
    }

    OptionalInt optInt(String name) throws InvalidInputException {
        OptionalLong l = optLong(name);
        if (l.isEmpty()) {
            return OptionalInt.empty();
        }
        if (l.getAsLong() > Integer.MAX_VALUE || l.getAsLong() < Integer.MIN_VALUE) {
            throw new InvalidInputException("field \"" + name + "\" of " + where + " is out of range: " + quote(name, l.getAsLong()), where, name, quote(name, l.getAsLong()));
        }
        return OptionalInt.of((int) l.getAsLong());
    }

    Optional<Boolean> optBoolean(String name) throws InvalidInputException {
        Object v = fields.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            throw new InvalidInputException("field \"" + name + "\" of " + where + " is not true or false: " + quote(name, v), where, name, quote(name, v));
        }
        return Optional.of(b);
    }

    Optional<Instant> optInstant(String name) throws InvalidInputException {
        Optional<String> s = optString(name);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instants.parse(s.get()));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("field \"" + name + "\" of " + where + " is not an ISO-8601 UTC time: \""
                    + quote(name, s.get()) + "\"", where, name, quote(name, s.get()));
        }
    }

    Optional<JsonDocument> optObject(String name) throws InvalidInputException {
        Object v = fields.get(name);
        return v == null ? Optional.empty() : Optional.of(of(v, "field \"" + name + "\""));
    }

    List<String> strings(String name) throws InvalidInputException {
        Object v = fields.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new InvalidInputException("field \"" + name + "\" of " + where + " is not an array: " + quote(name, v), where, name, quote(name, v));
        }
        List<String> result = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new InvalidInputException("field \"" + name + "\" of " + where + " holds a non-string: " + quote(name, v), where, name, quote(name, v));
            }
            result.add(s);
        }
        return result;
    }

    List<JsonDocument> objects(String name) throws InvalidInputException {
        Object v = fields.get(name);
        return v == null ? List.of() : objects(v, "field \"" + name + "\"");
    }

    /** A field's value as a message quotes it: cut, and redacted when the field is a secret's. */
    private static String quote(String name, Object v) {
        return dev.ndesdiag.secrets.SecretValues.quote(name, String.valueOf(v));
    }
}
