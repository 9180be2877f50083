package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import dev.ndesdiag.api.snapshot.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code network/fetches.json} and the fetched files it names. A named file is looked up
 * among the bundle's own entries only, so a path such as {@code ../../etc/passwd} is never opened.
 */
final class NetworkFetchesReader {

    static final String FILE = "network/fetches.json";
    private static final Set<String> OUTCOMES =
            Set.of("ok", "http-error", "timeout", "dns", "refused", "tls", "unsupported", "error");

    private NetworkFetchesReader() {
    }

    static Part<List<NetworkFetch>> read(BundleSource source, BundleLimits limits) {
        Optional<String> file = source.find(FILE);
        if (file.isEmpty()) {
            return Part.absent(SnapshotPart.NETWORK_FETCHES);
        }
        List<InputProblem> problems = new ArrayList<>();
        List<NetworkFetch> fetches = new ArrayList<>();
        try {
            List<JsonDocument> entries = JsonDocument.objects(
                    JsonDocument.parse(source.readText(file.get(), limits.maxDocumentBytes())), "the list");
            for (JsonDocument e : entries) {
                String outcome = e.string("outcome");
                if (!OUTCOMES.contains(outcome)) {
                    problems.add(InputProblem.of(SnapshotPart.NETWORK_FETCHES, file.get(), "fetch of " + e.string("url")
                            + " has the unknown outcome \"" + outcome + "\"; read as \"error\""));
                    outcome = "error";
                }
                Optional<String> body = e.optString("file");
                fetches.add(new NetworkFetch(e.string("url"), e.optString("purpose").orElse("other"), outcome,
                        e.optInt("httpStatus"), e.optLong("elapsedMs"), body,
                        body.flatMap(b -> readBody(source, b, limits, file.get(), problems)), e.optString("error")));
            }
        } catch (IOException e) {
            return Part.unreadable(SnapshotPart.NETWORK_FETCHES,
                    List.of(InputProblem.of(SnapshotPart.NETWORK_FETCHES, file.get(), "cannot be read: " + e.getMessage())));
        } catch (InvalidInputException e) {
            return Part.unreadable(SnapshotPart.NETWORK_FETCHES,
                    List.of(InputProblem.of(SnapshotPart.NETWORK_FETCHES, file.get(), e.getMessage())));
        }
        return Part.present(SnapshotPart.NETWORK_FETCHES, fetches, problems);
    }

    /** Reads a file a JSON document names, from the bundle's own entries only. */
    static Optional<Blob> readBody(BundleSource source, String name, BundleLimits limits, String namedBy,
            List<InputProblem> problems) {
        Optional<String> entry = source.find(name.replace('\\', '/'));
        if (entry.isEmpty()) {
            problems.add(InputProblem.of(SnapshotPart.NETWORK_FETCHES, namedBy, "names the file \"" + name
                    + "\", which is not in the bundle"));
            return Optional.empty();
        }
        try {
            return Optional.of(Blob.of(source.readAll(entry.get(), limits.maxDocumentBytes())));
        } catch (IOException e) {
            problems.add(InputProblem.of(SnapshotPart.NETWORK_FETCHES, entry.get(), "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
