package dev.ndesdiag.endpoint;

import dev.ndesdiag.api.snapshot.ProbeResponse;

/** How the endpoint checks put a recorded probe answer into words (the answer itself is an input: {@code Inputs.probe}). */
public final class EndpointResponses {

    private EndpointResponses() {
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
