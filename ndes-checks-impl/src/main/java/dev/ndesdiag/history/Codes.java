package dev.ndesdiag.history;

import dev.ndesdiag.codes.CodeDictionary;
import dev.ndesdiag.codes.CodeEntry;
import dev.ndesdiag.codes.Explanation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the codes the server's record carries with the {@link CodeDictionary}: HRESULTs in event
 * data and log text ({@code 0x80070057}, {@code -2147024809}), IIS statuses, event codes. A code the
 * dictionary does not know is kept as written.
 */
public final class Codes {

    private static final Pattern HRESULT = Pattern.compile("(?i)\\b0x[0-9a-f]{8}\\b|(?<![\\w.])-21474\\d{5}\\b|(?<![\\w.])-2146\\d{6}\\b");

    private Codes() {
    }

    /**
     * Returns the dictionary.
     *
     * @return the shipped dictionary; never null
     */
    public static CodeDictionary dictionary() {
        return CodeDictionary.standard();
    }

    /**
     * Finds the HRESULTs in a text, in canonical form ({@code 0x80070057}), without duplicates.
     *
     * @param text event data or a log message; never null
     * @return the codes in order of appearance; never null
     */
    public static List<String> hresults(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = HRESULT.matcher(text);
        while (m.find()) {
            String token = m.group();
            if (token.startsWith("-")) {
                token = String.format(Locale.ROOT, "0x%08x", Long.parseLong(token) & 0xFFFF_FFFFL);
            }
            String canonical = token.toLowerCase(Locale.ROOT);
            if (!canonical.equals("0x00000000")) {
                found.add(canonical);
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * Returns the dictionary's entry for a code in any form {@code explain} accepts.
     *
     * @param code such as {@code 0x80070057}, {@code 500.0.1346}, {@code NDES-10}; never null
     * @return the best match, when known
     */
    public static Optional<CodeEntry> entry(String code) {
        Optional<CodeEntry> exact = dictionary().entry(code);
        if (exact.isPresent()) {
            return exact;
        }
        Explanation e = dictionary().explain(code);
        return e.matches().stream().findFirst().map(Explanation.Match::entry);
    }

    /**
     * Describes a code for a sentence: {@code 0x80070057 (E_INVALIDARG / ERROR_INVALID_PARAMETER (87))}.
     *
     * @param code the code; never null
     * @return the description; the code alone when unknown; never null
     */
    public static String describe(String code) {
        return entry(code).map(e -> code + " (" + e.name() + ")").orElse(code);
    }

    /**
     * Returns what a code means, for the timeline.
     *
     * @param code the code; never null
     * @return the meaning, when the dictionary knows the code
     */
    public static Optional<String> meaning(String code) {
        return entry(code).map(CodeEntry::meaning);
    }

    /**
     * Returns the configuration check that explains a code, as the dictionary names it.
     *
     * @param code the code; never null
     * @return the check id, when one confirms the cause
     */
    public static Optional<String> explainedBy(String code) {
        return entry(code).flatMap(CodeEntry::checkId);
    }

    /**
     * Returns the usual cause of a code on an NDES server.
     *
     * @param code the code; never null
     * @return the cause, when known
     */
    public static Optional<String> cause(String code) {
        return entry(code).map(CodeEntry::cause);
    }

    /**
     * Returns the fix the dictionary gives for a code.
     *
     * @param code the code; never null
     * @return the fix, when known
     */
    public static Optional<String> fix(String code) {
        return entry(code).map(CodeEntry::fix);
    }

    /**
     * Returns the source the dictionary's entry was verified against.
     *
     * @param code the code; never null
     * @return the URL, when known
     */
    public static Optional<String> source(String code) {
        return entry(code).map(CodeEntry::source);
    }
}
