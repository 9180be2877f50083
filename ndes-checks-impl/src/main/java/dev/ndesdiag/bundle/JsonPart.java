package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a part that is one JSON file: absent when the file is missing, unreadable (naming the
 * file) when it cannot be read or is not the JSON expected, present otherwise.
 */
final class JsonPart {

    /** Turns the parsed JSON of the file into the part's facts, adding problems of files it names. */
    interface Mapper<T> {
        T map(Object json, String file, List<InputProblem> problems) throws InvalidInputException;
    }

    private JsonPart() {
    }

    static <T> Part<T> read(BundleSource source, BundleLimits limits, String wanted, SnapshotPart kind, Mapper<T> mapper) {
        Optional<String> file = source.find(wanted);
        if (file.isEmpty()) {
            return Part.absent(kind);
        }
        String message;
        InvalidInputException invalid = null;
        try {
            List<InputProblem> problems = new ArrayList<>();
            Object json = JsonDocument.parse(source.readText(file.get(), limits.maxDocumentBytes()));
            return Part.present(kind, mapper.map(json, file.get(), problems), problems);
        } catch (IOException e) {
            message = "cannot be read: " + e.getMessage();
        } catch (InvalidInputException e) {
            message = e.getMessage();
            invalid = e;
        }
        InputProblem problem = InputProblem.of(kind, file.get(), message);
        return Part.unreadable(kind, List.of(invalid == null ? problem : invalid.describe(problem)));
    }
}
