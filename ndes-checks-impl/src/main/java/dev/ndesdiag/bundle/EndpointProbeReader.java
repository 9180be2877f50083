package dev.ndesdiag.bundle;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.ProbeResponse;
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
        return JsonPart.read(source, limits, FILE, SnapshotPart.ENDPOINT_PROBE, (json, file, problems) -> {
            Object requests = json instanceof Map<?, ?> ? JsonDocument.of(json, "the document").raw("requests") : json;
            List<ProbeResponse> responses = new ArrayList<>();
            for (JsonDocument e : JsonDocument.objects(requests, "the requests")) {
                Optional<String> bodyFile = e.optString("bodyFile");
                responses.add(ProbeResponse.recorded(e.string("url"), e.optInt("httpStatus"), e.optString("contentType"),
                        e.optLong("elapsedMs"), bodyFile, bodyFile.flatMap(b -> NetworkFetchesReader.readNamedFile(
                                source, b, limits, SnapshotPart.ENDPOINT_PROBE, file, problems))));
            }
            return responses;
        });
    }
}
