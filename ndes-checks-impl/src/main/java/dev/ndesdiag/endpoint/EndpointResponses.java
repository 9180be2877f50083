package dev.ndesdiag.endpoint;

import dev.ndesdiag.api.snapshot.ProbeResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Picks the probe's answer to one SCEP operation (or to the bare URL) out of the recorded responses. */
public final class EndpointResponses {

    private EndpointResponses() {
    }

    /**
     * Finds the response to an operation.
     *
     * @param responses the probe's responses; never null
     * @param operation {@code GetCACaps}, {@code GetCACert}, {@code PKIOperation}, or null for the bare URL
     * @return the response, or empty when that request was not made
     */
    public static Optional<ProbeResponse> of(List<ProbeResponse> responses, String operation) {
        return responses.stream().filter(r -> operation(r.url()).equalsIgnoreCase(operation == null ? "" : operation))
                .findFirst();
    }

    public static String operation(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return "";
        }
        for (String param : url.substring(q + 1).split("&")) {
            if (param.toLowerCase(Locale.ROOT).startsWith("operation=")) {
                return param.substring("operation=".length());
            }
        }
        return "";
    }

    /**
     * Describes a response for messages: its status, or why none came.
     *
     * @param r the response; never null
     * @return the description; never null
     */
    public static String describe(ProbeResponse r) {
        return r.httpStatus().isPresent() ? "HTTP " + r.httpStatus().getAsInt() : r.error().orElse("no response");
    }

    /**
     * Returns the body as text (for error pages), or empty.
     *
     * @param r the response; never null
     * @return the text; never null
     */
    public static String text(ProbeResponse r) {
        return r.body().map(b -> new String(b.toByteArray(), java.nio.charset.StandardCharsets.UTF_8)).orElse("");
    }
}
