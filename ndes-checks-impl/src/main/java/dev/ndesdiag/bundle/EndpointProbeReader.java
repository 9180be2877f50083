package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code endpoint/probe.json}: an array of requests (or an object whose {@code requests}
 * field is that array) and the body files they name.
 */
final class EndpointProbeReader {

    static final String FILE = "endpoint/probe.json";

    private EndpointProbeReader() {
    }

    static Part<List<ProbeResponse>> read(BundleSource source, BundleLimits limits) {
        Optional<String> file = source.find(FILE);
        if (file.isEmpty()) {
            return Part.absent(SnapshotPart.ENDPOINT_PROBE);
        }
        List<InputProblem> problems = new ArrayList<>();
        List<ProbeResponse> responses = new ArrayList<>();
        try {
            Object root = JsonDocument.parse(source.readText(file.get(), limits.maxDocumentBytes()));
            if (root instanceof Map<?, ?>) {
                root = JsonDocument.of(root, "the document").raw("requests");
            }
            for (JsonDocument e : JsonDocument.objects(root, "the requests")) {
                Optional<String> bodyFile = e.optString("bodyFile");
                Optional<Blob> body = Optional.empty();
                if (bodyFile.isPresent()) {
                    List<InputProblem> bodyProblems = new ArrayList<>();
                    body = NetworkFetchesReader.readBody(source, bodyFile.get(), limits, file.get(), bodyProblems);
                    bodyProblems.forEach(p -> problems.add(new InputProblem(SnapshotPart.ENDPOINT_PROBE, p.file(),
                            p.line(), p.message())));
                }
                responses.add(new ProbeResponse(e.string("url"), e.optInt("httpStatus"), e.optString("contentType"),
                        e.optLong("elapsedMs"), bodyFile, body));
            }
        } catch (IOException e) {
            return Part.unreadable(SnapshotPart.ENDPOINT_PROBE,
                    List.of(InputProblem.of(SnapshotPart.ENDPOINT_PROBE, file.get(), "cannot be read: " + e.getMessage())));
        } catch (InvalidInputException e) {
            return Part.unreadable(SnapshotPart.ENDPOINT_PROBE,
                    List.of(InputProblem.of(SnapshotPart.ENDPOINT_PROBE, file.get(), e.getMessage())));
        }
        return Part.present(SnapshotPart.ENDPOINT_PROBE, responses, problems);
    }
}
