package dev.ndesdiag.bundle;

import java.util.Map;

/**
 * JSON text read into a plain tree (maps, lists, strings, longs, doubles, booleans, nulls) with the
 * bundle reader's own bounded streaming parser, for captures whose text is JSON (such as
 * {@code commands/host-state.txt}).
 */
public final class JsonTree {

    private JsonTree() {
    }

    /**
     * Parses text that must be one JSON object.
     *
     * @param text the text; never null
     * @return the object's fields in order; never null
     * @throws IllegalArgumentException when the text is not JSON or not an object, saying where
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        Object root;
        try {
            root = JsonDocument.parse(text);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("is not a JSON object");
        }
        return (Map<String, Object>) root;
    }
}
