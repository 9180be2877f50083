package dev.ndesdiag.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CheckDescriptor is what is known about a check without running it: its stable id, its title,
 * its category, the symptoms it explains, the snapshot parts it reads and its references.
 *
 * <p>The catalogue ({@code ndes-diag checks}), the JSON report and the runner all read the same
 * descriptor. The id is a contract (kebab-case, never renamed); the title is prose for people.
 *
 * @param id stable kebab-case identifier, such as {@code root-store-intermediates}; never null
 * @param title one-line statement of what the check verifies; never null or blank
 * @param category the area the check belongs to; never null
 * @param symptoms what a support engineer sees when this check fails, such as {@code HTTP 503}; never null
 * @param reads the snapshot parts the check needs; when one is missing the runner skips the check; never null
 * @param references documentation URLs; never null, may be empty
 * @since 0.1.0
 */
public record CheckDescriptor(
        String id,
        String title,
        Category category,
        List<String> symptoms,
        Set<SnapshotPart> reads,
        List<String> references) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when the id is not kebab-case or the title is blank
     */
    public CheckDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(category, "category");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("check id '" + id + "' is not kebab-case (like 'ra-certificates')");
        }
        if (title.isBlank()) {
            throw new IllegalArgumentException("check '" + id + "' has a blank title");
        }
        symptoms = List.copyOf(symptoms);
        reads = reads.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reads));
        references = List.copyOf(references);
    }

    /**
     * Starts a descriptor with the mandatory fields; add the rest with the {@code with} methods.
     *
     * @param id stable kebab-case id; never null
     * @param title what the check verifies; never null
     * @param category the area; never null
     * @return a descriptor with no symptoms, parts or references; never null
     */
    public static CheckDescriptor of(String id, String title, Category category) {
        return new CheckDescriptor(id, title, category, List.of(), Set.of(), List.of());
    }

    /**
     * Returns a copy with these typical symptoms.
     *
     * @param symptoms such as {@code "HTTP 503"}; never null
     * @return a new descriptor; never null
     */
    public CheckDescriptor withSymptoms(String... symptoms) {
        return new CheckDescriptor(id, title, category, List.of(symptoms), reads, references);
    }

    /**
     * Returns a copy that reads these snapshot parts.
     *
     * @param parts the parts the check needs; never null
     * @return a new descriptor; never null
     */
    public CheckDescriptor withReads(SnapshotPart... parts) {
        return new CheckDescriptor(id, title, category, symptoms, Set.of(parts), references);
    }

    /**
     * Returns a copy with these references.
     *
     * @param urls documentation URLs; never null
     * @return a new descriptor; never null
     */
    public CheckDescriptor withReferences(String... urls) {
        return new CheckDescriptor(id, title, category, symptoms, reads, List.of(urls));
    }

    /**
     * Tells whether a text is a valid check id: lower-case words of letters and digits joined by single hyphens.
     *
     * @param id the candidate; may be null
     * @return true when valid
     */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
