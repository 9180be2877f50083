package dev.ndesdiag.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * InputProblem records one file of a snapshot that could not be read, or only partly: a truncated
 * certificate, a broken {@code .reg} line, invalid JSON, a refused zip entry.
 *
 * <p>The rest of the bundle is still analysed; checks that read the part report the problem, and
 * the {@code snapshot-integrity} check lists every one. When the problem is about one value (a
 * registry value, an XML attribute, a JSON field), its {@link Subject} says which, with the raw
 * text, so that a check asks {@link #concerns} instead of reading the message.
 *
 * @param part the bundle part the file belongs to, or null when the file belongs to none (the bundle itself)
 * @param file the file's path inside the bundle, such as {@code certs/My/47D3....cer}; never null
 * @param line the 1-based line the problem is on, when known
 * @param subject the value the problem is about, when it is about one
 * @param message what is wrong, in words a person can act on; never null
 * @since 0.1.0
 */
public record InputProblem(SnapshotPart part, String file, OptionalInt line, Optional<Subject> subject, String message) {

    /**
     * Subject is the value a problem is about.
     *
     * @param element the registry key path, XML element path or JSON object path that holds it; never null
     * @param name the value, attribute or field name, when the problem is about one value
     * @param raw the raw text as the file holds it (cut to a few hundred characters), when known
     * @since 0.2.0
     */
    public record Subject(String element, Optional<String> name, Optional<String> raw) {

        private static final int RAW_LIMIT = 200;

        /** Validates the components and cuts the raw text. */
        public Subject {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(name, "name");
            raw = Objects.requireNonNull(raw, "raw")
                    .map(r -> r.length() > RAW_LIMIT ? r.substring(0, RAW_LIMIT) + "..." : r);
        }
    }

    /** Validates the components. */
    public InputProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Creates a problem about a whole file.
     *
     * @param part the part, or null for the bundle itself
     * @param file the file inside the bundle; never null
     * @param message what is wrong; never null
     * @return the problem; never null
     */
    public static InputProblem of(SnapshotPart part, String file, String message) {
        return new InputProblem(part, file, OptionalInt.empty(), Optional.empty(), message);
    }

    /**
     * Creates a problem about one line of a file.
     *
     * @param part the part, or null for the bundle itself
     * @param file the file inside the bundle; never null
     * @param line the 1-based line number
     * @param message what is wrong; never null
     * @return the problem; never null
     */
    public static InputProblem atLine(SnapshotPart part, String file, int line, String message) {
        return new InputProblem(part, file, OptionalInt.of(line), Optional.empty(), message);
    }

    /**
     * Returns a copy about one value.
     *
     * @param element the key, element or object path holding the value; never null
     * @param name the value's name, or null when the problem is about the whole element
     * @param raw the raw text, or null when unknown
     * @return a new problem; never null
     * @since 0.2.0
     */
    public InputProblem about(String element, String name, String raw) {
        return new InputProblem(part, file, line,
                Optional.of(new Subject(element, Optional.ofNullable(name), Optional.ofNullable(raw))), message);
    }

    /**
     * Tells whether this problem is about one value, ignoring case as Windows does.
     *
     * @param element the key, element or object path; never null
     * @param name the value's name; never null
     * @return true when the subject is that value
     * @since 0.2.0
     */
    public boolean concerns(String element, String name) {
        return subject.filter(s -> s.element().equalsIgnoreCase(element)
                && s.name().map(n -> n.equalsIgnoreCase(name)).orElse(false)).isPresent();
    }

    /**
     * Returns the location as {@code file} or {@code file:line}.
     *
     * @return the location; never null
     */
    public String location() {
        return line.isPresent() ? file + ":" + line.getAsInt() : file;
    }

    /**
     * Turns the problem into an {@code ERROR} finding naming the file (and the value and its raw
     * text, when known), for a check that needed it.
     *
     * @return the finding; never null
     */
    public Finding toFinding() {
        Finding f = Finding.error("INPUT_UNREADABLE", location() + ": " + message)
                .withEvidence("file", file);
        if (subject.isPresent()) {
            Subject s = subject.get();
            f = f.withEvidence("element", s.element());
            if (s.name().isPresent()) {
                f = f.withEvidence("name", s.name().get());
            }
            if (s.raw().isPresent()) {
                f = f.withEvidence("raw", s.raw().get());
            }
        }
        return f.withRemediation("Collect the file again on the NDES server"
                + (part == null ? "" : " with: " + part.collectCommand()));
    }
}
