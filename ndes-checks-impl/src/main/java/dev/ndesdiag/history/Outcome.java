package dev.ndesdiag.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation the server recorded: when, of what kind, whether it succeeded, and where the record is.
 *
 * @param at when it happened, in UTC; never null
 * @param kind what was attempted, such as {@code NDES start}, {@code GetCACaps}, {@code VerifyRequest}; never null
 * @param result success or failure; never null
 * @param scope what a failure affects; never null (ignored for successes)
 * @param code the code {@code ndes-diag explain} takes, such as {@code NDES-10}, {@code 500.0.1346}; never null
 * @param message the record's own words, shortened; never null
 * @param source the bundle part and file, such as {@code events/Application} or
 *     {@code logs/iis/W3SVC1/u_ex261120.log}; never null
 * @param line the line of a log file, when the record is one
 * @param checkId the check that judges this record; never null
 * @param milestone whether a success is worth a timeline entry on its own (an NDES start); failures always are
 */
public record Outcome(Instant at, String kind, OutcomeResult result, FailureScope scope, String code, String message,
        String source, Optional<Long> line, String checkId, boolean milestone) {

    /** The longest message kept. */
    public static final int MAX_MESSAGE = 300;

    /** Validates and shortens the components. */
    public Outcome {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(checkId, "checkId");
        message = shorten(message);
    }

    /**
     * Tells whether it failed.
     *
     * @return true for a failure
     */
    public boolean failed() {
        return result == OutcomeResult.FAILURE;
    }

    /**
     * Returns where the record is, for evidence: the source and, for a log, the line.
     *
     * @return such as {@code logs/iis/W3SVC1/u_ex261120.log line 14}; never null
     */
    public String where() {
        return source + line.map(n -> " line " + n).orElse("");
    }

    /**
     * Returns a copy marked as a milestone.
     *
     * @return the copy; never null
     */
    public Outcome asMilestone() {
        return new Outcome(at, kind, result, scope, code, message, source, line, checkId, true);
    }

    private static String shorten(String s) {
        String one = collapseSpaces(s.replace("\r", " ").replace("\n", " ")).strip();
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE - 1) + "…";
    }

    /**
     * Replaces every run of two or more whitespace characters with one space, as
     * {@code s.replaceAll("\\s{2,}", " ")} does ({@code \s}: space, tab, LF, VT, FF, CR), without a
     * regular expression: every outcome of every log line passes here.
     */
    static String collapseSpaces(String s) {
        StringBuilder out = null;
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (i + 1 < n && isSpace(s.charAt(i)) && isSpace(s.charAt(i + 1))) {
                int j = i + 2;
                while (j < n && isSpace(s.charAt(j))) {
                    j++;
                }
                if (out == null) {
                    out = new StringBuilder(n).append(s, 0, i);
                }
                out.append(' ');
                i = j;
            } else {
                if (out != null) {
                    out.append(s.charAt(i));
                }
                i++;
            }
        }
        return out == null ? s : out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
