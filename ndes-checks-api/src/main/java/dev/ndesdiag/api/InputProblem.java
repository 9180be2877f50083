package dev.ndesdiag.api;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * InputProblem records one file of a snapshot that could not be read, or only partly: a truncated
 * certificate, a broken {@code .reg} line, invalid JSON, a refused zip entry.
 *
 * <p>The rest of the bundle is still analysed; checks that read the part report the problem, and
 * the {@code snapshot-integrity} check lists every one.
 *
 * @param part the bundle part the file belongs to, or null when the file belongs to none (the bundle itself)
 * @param file the file's path inside the bundle, such as {@code certs/My/47D3....cer}; never null
 * @param line the 1-based line the problem is on, when known
 * @param message what is wrong, in words a person can act on; never null
 * @since 0.1.0
 */
public record InputProblem(SnapshotPart part, String file, OptionalInt line, String message) {

    /** Validates the components. */
    public InputProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(line, "line");
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
        return new InputProblem(part, file, OptionalInt.empty(), message);
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
        return new InputProblem(part, file, OptionalInt.of(line), message);
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
     * Turns the problem into an {@code ERROR} finding naming the file, for a check that needed it.
     *
     * @return the finding; never null
     */
    public Finding toFinding() {
        return Finding.error("INPUT_UNREADABLE", location() + ": " + message)
                .withEvidence("file", file)
                .withRemediation("Collect the file again on the NDES server"
                        + (part == null ? "" : " with: " + part.collectCommand()));
    }
}
