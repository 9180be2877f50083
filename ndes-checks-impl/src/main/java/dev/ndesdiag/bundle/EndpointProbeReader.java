package dev.ndesdiag.bundle;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.api.InputProblem;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code endpoint/probe.json}: an array of requests (or an object whose {@code requests}
 * field is that array) and the body files they name. A request may carry {@code tlsChain}, the
 * certificates the server presented, leaf first, as base64 DER; an entry that is not a certificate
 * is a problem naming the file and the request, and the chain is then left out (never guessed).
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
                String url = e.string("url");
                ProbeResponse r = ProbeResponse.recorded(url, e.optInt("httpStatus"), e.optString("contentType"),
                        e.optLong("elapsedMs"), bodyFile, bodyFile.flatMap(b -> NetworkFetchesReader.readNamedFile(
                                source, b, limits, SnapshotPart.ENDPOINT_PROBE, file, problems)));
                List<X509Certificate> chain = chain(e.strings("tlsChain"), file, url, problems);
                responses.add(chain.isEmpty() ? r : new ProbeResponse(r.url(), r.httpStatus(), r.contentType(), r.elapsedMs(),
                        r.bodyFile(), r.body(), r.error(), chain));
            }
            return responses;
        });
    }

    private static List<X509Certificate> chain(List<String> encoded, String file, String url, List<InputProblem> problems) {
        List<X509Certificate> chain = new ArrayList<>();
        for (int i = 0; i < encoded.size(); i++) {
            String where = "tlsChain[" + i + "] of the request to " + url;
            try {
                byte[] der = Base64.getMimeDecoder().decode(encoded.get(i));
                chain.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | RuntimeException | StackOverflowError ex) {
                String raw = encoded.get(i);
                problems.add(InputProblem.of(SnapshotPart.ENDPOINT_PROBE, file, where + " is not a base64 DER certificate (\""
                        + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "\"); the chain is left out"));
                return List.of();
            }
        }
        return chain;
    }
}
