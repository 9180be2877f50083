package dev.ndesdiag.api.input;

import java.util.Objects;

/**
 * DeclaredInput is one input of a check with what the check does without it.
 *
 * @param input the input; never null
 * @param need whether the check can judge without it; never null
 * @since 0.2.0
 */
public record DeclaredInput(Input<?> input, Need need) {

    /** Validates the components. */
    public DeclaredInput {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(need, "need");
    }

    /**
     * Tells whether the check is skipped without this input.
     *
     * @return true when {@link Need#REQUIRED}
     */
    public boolean required() {
        return need == Need.REQUIRED;
    }
}
