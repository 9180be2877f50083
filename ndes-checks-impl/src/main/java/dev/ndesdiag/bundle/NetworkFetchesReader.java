package dev.ndesdiag.bundle;

import dev.ndesdiag.api.snapshot.FetchOutcome;
import dev.ndesdiag.api.snapshot.FetchPurpose;
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

    private NetworkFetchesReader() {
    }

    static Part<List<NetworkFetch>> read(BundleSource source, BundleLimits limits) {
        return JsonPart.read(source, limits, FILE, SnapshotPart.NETWORK_FETCHES, (json, file, problems) -> {
            List<NetworkFetch> fetches = new ArrayList<>();
            for (JsonDocument e : JsonDocument.objects(json, "the list")) {
                String written = e.string("outcome");
                Optional<FetchOutcome> known = FetchOutcome.of(written);
                if (known.isEmpty()) {
                    problems.add(InputProblem.of(SnapshotPart.NETWORK_FETCHES, file, "fetch of " + e.string("url")
                            + " has the unknown outcome \"" + written + "\"; read as \"error\"")
                            .about("fetch of " + e.string("url"), "outcome", written));
                }
                FetchOutcome outcome = known.orElse(FetchOutcome.ERROR);
                Optional<String> purposeText = e.optString("purpose");
                Optional<FetchPurpose> purpose = purposeText.flatMap(FetchPurpose::of);
                if (purposeText.isPresent() && purpose.isEmpty()) {
                    problems.add(InputProblem.of(SnapshotPart.NETWORK_FETCHES, file, "fetch of " + e.string("url")
                            + " has the unknown purpose \"" + purposeText.get() + "\"; its purpose is not used")
                            .about("fetch of " + e.string("url"), "purpose", purposeText.get()));
                }
                Optional<String> body = e.optString("file");
                fetches.add(new NetworkFetch(e.string("url"), purpose, outcome,
                        e.optInt("httpStatus"), e.optLong("elapsedMs"), body,
                        body.flatMap(b -> readNamedFile(source, b, limits, SnapshotPart.NETWORK_FETCHES, file, problems)),
                        e.optString("error"), date(e.optString("date"), e.string("url"), file, problems),
                        e.optInstant("fetchedAt")));
            }
            return fetches;
        });
    }

    /** The Date header as the collector writes it (ISO-8601) or as HTTP sends it (RFC 1123); anything else is a problem. */
    static Optional<java.time.Instant> date(Optional<String> text, String url, String file, List<InputProblem> problems) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instants.parse(text.get()));
        } catch (java.time.format.DateTimeParseException iso) {
            try {
                return Optional.of(java.time.ZonedDateTime.parse(text.get(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
            } catch (java.time.format.DateTimeParseException http) {
                problems.add(InputProblem.of(SnapshotPart.NETWORK_FETCHES, file, "fetch of " + url + " has the date \""
                        + text.get() + "\", neither ISO-8601 nor an HTTP date; it is not used").about("fetch of " + url, "date", text.get()));
                return Optional.empty();
            }
        }
    }

    /** Reads a file a JSON document names, from the bundle's own entries only. */
    static Optional<Blob> readNamedFile(BundleSource source, String name, BundleLimits limits, SnapshotPart part,
            String namedBy, List<InputProblem> problems) {
        Optional<String> entry = source.find(name.replace('\\', '/'));
        if (entry.isEmpty()) {
            problems.add(InputProblem.of(part, namedBy, "names the file \"" + name + "\", which is not in the bundle"));
            return Optional.empty();
        }
        try {
            return Optional.of(source.blob(entry.get(), limits.maxDocumentBytes())); // read once, shared by every fetch naming it
        } catch (IOException e) {
            problems.add(InputProblem.of(part, entry.get(), "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
