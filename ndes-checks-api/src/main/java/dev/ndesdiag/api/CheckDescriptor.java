package dev.ndesdiag.api;

import dev.ndesdiag.api.input.DeclaredInput;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.input.Need;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CheckDescriptor is what is known about a check without running it: its stable id, its title,
 * its category, the symptoms it explains, the exact inputs it reads and its references.
 *
 * <p>The catalogue ({@code ndes-diag checks}), the JSON report, the runner and the collection
 * plan's test all read the same descriptor. The id is a contract (kebab-case, never renamed); the
 * title is prose for people. Declare each input the check reads with {@link #requires} (without it
 * the runner skips the check and names the command that collects it) or {@link #uses} (the check
 * judges without it); the runner refuses to hand a check an input it did not declare.
 *
 * @param id stable kebab-case identifier, such as {@code root-store-intermediates}; never null
 * @param title one-line statement of what the check verifies; never null or blank
 * @param category the area the check belongs to; never null
 * @param symptoms what a support engineer sees when this check fails, such as {@code HTTP 503}; never null
 * @param inputs the inputs the check reads, required and optional, in declaration order; never null
 * @param references documentation URLs; never null, may be empty
 * @since 0.1.0
 */
public record CheckDescriptor(
        String id,
        String title,
        Category category,
        List<String> symptoms,
        List<DeclaredInput> inputs,
        List<String> references) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when the id is not kebab-case, the title is blank, or an input is declared twice
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
        inputs = List.copyOf(inputs);
        Set<Input<?>> seen = new HashSet<>();
        for (DeclaredInput d : inputs) {
            if (!seen.add(d.input())) {
                throw new IllegalArgumentException("check '" + id + "' declares " + d.input().what() + " twice");
            }
        }
        references = List.copyOf(references);
    }

    /**
     * Starts a descriptor with the mandatory fields; add the rest with the {@code with} methods.
     *
     * @param id stable kebab-case id; never null
     * @param title what the check verifies; never null
     * @param category the area; never null
     * @return a descriptor with no symptoms, inputs or references; never null
     */
    public static CheckDescriptor of(String id, String title, Category category) {
        return new CheckDescriptor(id, title, category, List.of(), List.of(), List.of());
    }

    /**
     * Returns a copy with these typical symptoms.
     *
     * @param symptoms such as {@code "HTTP 503"}; never null
     * @return a new descriptor; never null
     */
    public CheckDescriptor withSymptoms(String... symptoms) {
        return new CheckDescriptor(id, title, category, List.of(symptoms), inputs, references);
    }

    /**
     * Returns a copy that requires these inputs: when one is absent the runner reports the check
     * {@code SKIPPED} with the command that collects it, when one is unreadable {@code ERROR}.
     *
     * @param required the inputs; never null
     * @return a new descriptor; never null
     * @since 0.2.0
     */
    public CheckDescriptor requires(Input<?>... required) {
        return declare(Need.REQUIRED, required);
    }

    /**
     * Returns a copy that uses these inputs when present and judges without them.
     *
     * @param optional the inputs; never null
     * @return a new descriptor; never null
     * @since 0.2.0
     */
    public CheckDescriptor uses(Input<?>... optional) {
        return declare(Need.OPTIONAL, optional);
    }

    /**
     * Returns a copy that requires these whole snapshot parts. Prefer {@link #requires} with the
     * exact inputs of {@link Inputs}: a part says less about what to collect.
     *
     * @param parts the parts the check needs; never null
     * @return a new descriptor; never null
     */
    public CheckDescriptor withReads(SnapshotPart... parts) {
        return requires(Arrays.stream(parts).map(Inputs::part).toArray(Input<?>[]::new));
    }

    private CheckDescriptor declare(Need need, Input<?>... more) {
        List<DeclaredInput> all = new ArrayList<>(inputs);
        for (Input<?> i : more) {
            all.add(new DeclaredInput(i, need));
        }
        return new CheckDescriptor(id, title, category, symptoms, all, references);
    }

    /**
     * Returns the snapshot parts the check reads, required or optional.
     *
     * @return the parts; never null
     */
    public Set<SnapshotPart> reads() {
        Set<SnapshotPart> parts = EnumSet.noneOf(SnapshotPart.class);
        inputs.forEach(d -> parts.add(d.input().part()));
        return Collections.unmodifiableSet(parts);
    }

    /**
     * Returns the inputs without which the check is skipped.
     *
     * @return the required inputs, in declaration order; never null
     * @since 0.2.0
     */
    public List<Input<?>> requiredInputs() {
        List<Input<?>> required = new ArrayList<>(inputs.size()); // a loop, not a stream: the runner asks per check and bundle
        for (DeclaredInput d : inputs) {
            if (d.required()) {
                required.add(d.input());
            }
        }
        return Collections.unmodifiableList(required);
    }

    /**
     * Tells whether the check declared an input, required or optional.
     *
     * @param input the input; never null
     * @return the declaration, or empty when the check did not declare it
     * @since 0.2.0
     */
    public Optional<DeclaredInput> declaration(Input<?> input) {
        for (DeclaredInput d : inputs) { // a loop, not a stream: checks ask at every read
            if (d.input().equals(input)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns a copy with these references.
     *
     * @param urls documentation URLs; never null
     * @return a new descriptor; never null
     */
    public CheckDescriptor withReferences(String... urls) {
        return new CheckDescriptor(id, title, category, symptoms, inputs, List.of(urls));
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
