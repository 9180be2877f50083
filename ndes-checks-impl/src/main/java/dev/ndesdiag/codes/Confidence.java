package dev.ndesdiag.codes;

import java.util.Arrays;
import java.util.Optional;

/** How sure a dictionary entry is, given its source. */
public enum Confidence {
    /** The source (Microsoft documentation) documents the code and the meaning used here. */
    DOCUMENTED("documented"),
    /** Public field reports or Microsoft support blogs; Microsoft does not document it (most NDES event ids). */
    REPORTED("reported"),
    /** Our reading of related documentation; treat as a lead, not a verdict. */
    INFERRED("inferred");

    private final String jsonName;

    Confidence(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * Returns the name used in the data file and in JSON output.
     *
     * @return such as {@code documented}; never null
     */
    public String jsonName() {
        return jsonName;
    }

    static Optional<Confidence> fromJson(String name) {
        return Arrays.stream(values()).filter(c -> c.jsonName.equals(name)).findFirst();
    }
}
