package dev.ndesdiag.codes;

import java.util.List;
import java.util.Objects;

/**
 * What the dictionary says about one code as given.
 *
 * @param query how the input was read; never null
 * @param matches the entries found, most specific first; empty when the code is unknown; never null
 * @param related entries for codes named inside the input (the Win32 part of an IIS triple); never null
 * @since 0.1.0
 */
public record Explanation(CodeQuery query, List<Match> matches, List<CodeEntry> related) {

    /** Validates and copies the components. */
    public Explanation {
        Objects.requireNonNull(query, "query");
        matches = List.copyOf(matches);
        related = List.copyOf(related);
    }

    /**
     * Returns whether the dictionary knows the code.
     *
     * @return true when at least one entry matched
     */
    public boolean known() {
        return !matches.isEmpty();
    }

    /**
     * One entry found for a code.
     *
     * @param entry the entry; never null
     * @param exact whether it is the code itself, not a more general one (500.0 for 500.0.1234)
     */
    public record Match(CodeEntry entry, boolean exact) {

        /** Validates the components. */
        public Match {
            Objects.requireNonNull(entry, "entry");
        }
    }
}
