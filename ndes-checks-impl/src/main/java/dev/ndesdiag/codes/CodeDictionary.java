package dev.ndesdiag.codes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The code dictionary, read from {@code dev/ndesdiag/codes/ndes-codes.json}: look codes up by their
 * canonical form ({@link #entry}), explain codes as people paste them ({@link #explain}), and name the
 * code of an event ({@link #eventCode}) for the report's timeline. Immutable and safe to share.
 *
 * @since 0.1.0
 */
public final class CodeDictionary {

    /** The resource the default dictionary is read from. */
    public static final String RESOURCE = "/dev/ndesdiag/codes/ndes-codes.json";

    private static final class Holder {
        static final CodeDictionary DEFAULT = load();
    }

    private final List<CodeEntry> entries;
    private final List<EventSource> eventSources;
    private final Map<String, CodeEntry> byCode;
    private final Map<String, CodeEntry> byAlias;

    private CodeDictionary(List<CodeEntry> entries, List<EventSource> eventSources) {
        this.entries = List.copyOf(entries);
        this.eventSources = List.copyOf(eventSources);
        Map<String, CodeEntry> codes = new LinkedHashMap<>();
        Map<String, CodeEntry> aliases = new LinkedHashMap<>();
        for (CodeEntry e : this.entries) {
            if (codes.putIfAbsent(key(e.code()), e) != null) {
                throw new IllegalStateException("the code dictionary holds " + e.code() + " twice");
            }
        }
        for (CodeEntry e : this.entries) {
            for (String a : e.aliases()) {
                if (!codes.containsKey(key(a))) {
                    aliases.putIfAbsent(key(a), e);
                }
            }
        }
        this.byCode = Collections.unmodifiableMap(codes);
        this.byAlias = Collections.unmodifiableMap(aliases);
    }

    /**
     * Returns the dictionary shipped with ndes-diag (read once).
     *
     * @return the dictionary; never null
     */
    public static CodeDictionary standard() {
        return Holder.DEFAULT;
    }

    /**
     * Reads a dictionary in the format of {@link #RESOURCE}.
     *
     * @param in the JSON, closed when read; never null
     * @return the dictionary; never null
     * @throws IOException when it cannot be read or is not in the format
     */
    public static CodeDictionary read(InputStream in) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(in)) {
            List<CodeEntry> entries = new ArrayList<>();
            List<EventSource> sources = new ArrayList<>();
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "entries" -> {
                        expect(p.currentToken(), JsonToken.START_ARRAY, p);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            entries.add(entry(flat(p)));
                        }
                    }
                    case "eventSources" -> {
                        expect(p.currentToken(), JsonToken.START_ARRAY, p);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            sources.add(source(flat(p)));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new CodeDictionary(entries, sources);
        }
    }

    private static CodeDictionary load() {
        try (InputStream in = CodeDictionary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the code dictionary " + RESOURCE + " cannot be read", e);
        }
    }

    /** Reads one object of string and string-array fields. */
    private static Map<String, Object> flat(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                List<String> values = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    values.add(p.getValueAsString());
                }
                m.put(name, values);
            } else if (t == JsonToken.VALUE_NULL) {
                m.put(name, null);
            } else if (t.isScalarValue()) {
                m.put(name, p.getValueAsString());
            } else {
                p.skipChildren();
            }
        }
        return m;
    }

    private static CodeEntry entry(Map<String, Object> m) throws IOException {
        String code = required(m, "code");
        CodeKind kind = CodeKind.fromJson(required(m, "kind"))
                .orElseThrow(() -> new IOException("entry " + code + " has an unknown kind " + m.get("kind")));
        Confidence confidence = Confidence.fromJson(required(m, "confidence"))
                .orElseThrow(() -> new IOException("entry " + code + " has an unknown confidence " + m.get("confidence")));
        return new CodeEntry(code, kind, required(m, "name"), required(m, "meaning"), required(m, "cause"),
                Optional.ofNullable((String) m.get("check")), required(m, "fix"), required(m, "source"), confidence,
                list(m, "aliases"), Optional.ofNullable((String) m.get("note")));
    }

    private static EventSource source(Map<String, Object> m) throws IOException {
        return new EventSource(required(m, "prefix"), list(m, "providers"),
                Optional.ofNullable((String) m.get("providerPrefix")), required(m, "log"), required(m, "source"));
    }

    private static String required(Map<String, Object> m, String field) throws IOException {
        Object v = m.get(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IOException("a dictionary entry lacks \"" + field + "\": " + m.get("code"));
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> m, String field) {
        Object v = m.get(field);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    private static void expect(JsonToken actual, JsonToken wanted, JsonParser p) throws IOException {
        if (actual != wanted) {
            throw new IOException("the code dictionary is not in its format near " + p.currentLocation());
        }
    }

    private static String key(String code) {
        return code.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns every entry in file order.
     *
     * @return the entries; never null
     */
    public List<CodeEntry> entries() {
        return entries;
    }

    /**
     * Returns the event providers the dictionary knows.
     *
     * @return the sources; never null
     */
    public List<EventSource> eventSources() {
        return eventSources;
    }

    /**
     * Looks up a code by its canonical form or an alias, ignoring case.
     *
     * @param code such as {@code 0x80094800}, {@code 500.0.1346}, {@code NDES-10}, {@code E_INVALIDARG}; never null
     * @return the entry, or empty
     */
    public Optional<CodeEntry> entry(String code) {
        String k = key(code);
        CodeEntry e = byCode.get(k);
        return Optional.ofNullable(e != null ? e : byAlias.get(k));
    }

    /**
     * Explains a code as a person or a log wrote it (see {@link CodeQuery} for the forms).
     *
     * @param input such as {@code -2146875392}, {@code 500 0 1346}, {@code event 10}; never null
     * @return what the dictionary knows; {@link Explanation#known()} is false for an unknown code
     */
    public Explanation explain(String input) {
        CodeQuery q = CodeQuery.parse(input);
        List<Explanation.Match> matches = new ArrayList<>();
        if (q.anyProviderEventId().isPresent()) {
            int id = q.anyProviderEventId().getAsInt();
            for (EventSource s : eventSources) {
                entry(s.prefix() + "-" + id).filter(e -> e.kind() == CodeKind.EVENT)
                        .ifPresent(e -> matches.add(new Explanation.Match(e, true)));
            }
        } else {
            for (int i = 0; i < q.candidates().size(); i++) {
                Optional<CodeEntry> e = entry(q.candidates().get(i));
                if (e.isPresent()) {
                    matches.add(new Explanation.Match(e.get(), i == 0 || !q.candidates().get(0).contains(".")));
                    break;
                }
            }
        }
        List<CodeEntry> related = new ArrayList<>();
        for (String r : q.related()) {
            entry(r).filter(e -> matches.stream().noneMatch(m -> m.entry().equals(e))).ifPresent(related::add);
        }
        return new Explanation(q, matches, related);
    }

    /**
     * Returns the code of an event as {@code explain} and the report's timeline write it.
     *
     * @param provider the event's provider name, such as {@code Microsoft-Windows-WAS}; never null
     * @param eventId the event id
     * @return such as {@code WAS-5002}, or empty when the dictionary does not know the provider
     */
    public Optional<String> eventCode(String provider, int eventId) {
        return eventSources.stream().filter(s -> s.matches(provider)).findFirst().map(s -> s.prefix() + "-" + eventId);
    }

    /**
     * Returns the code of an IIS log status as {@code explain} writes it.
     *
     * @param status the HTTP status
     * @param substatus the IIS substatus
     * @param win32Status the Win32 status, unsigned
     * @return such as {@code 500.0.1346}; never null
     */
    public static String httpCode(int status, int substatus, long win32Status) {
        return status + "." + substatus + "." + (win32Status & 0xFFFF_FFFFL);
    }
}
