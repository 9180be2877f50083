package dev.ndesdiag.report;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Text helpers the report formats share. Everything a report carries may come from a hostile bundle
 * (a certificate subject, a log line), so control characters are shown, never obeyed: each becomes
 * <code>&#92;u001B</code>-style text, and one-line formats also turn line breaks into spaces, so that no
 * bundle string can forge an output line or a terminal escape.
 */
final class Texts {

    private Texts() {
    }

    /**
     * Returns the text with every control character (C0, DEL, C1) except line feed and tab, and
     * every bidirectional override or isolate, replaced by its <code>&#92;uXXXX</code> escape; carriage
     * returns are dropped before a line feed and escaped elsewhere.
     */
    static String visible(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean crlf = c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
            if (crlf || (c != '\n' && c != '\t' && hidden(c))) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                if (!crlf) {
                    sb.append(String.format("\\u%04X", (int) c));
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * As {@link #visible}, and every unpaired surrogate becomes U+FFFD: the text an XML 1.0
     * document may carry (its {@code Char} production excludes C0 controls but tab, line feed and
     * carriage return, and unpaired surrogates).
     */
    static String xml(String s) {
        String v = visible(s);
        StringBuilder sb = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? !(i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1)))
                    : Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(v.charAt(i - 1)));
            if (lone || c == 0xfffe || c == 0xffff) {
                if (sb == null) {
                    sb = new StringBuilder(v.length()).append(v, 0, i);
                }
                sb.append('\ufffd');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? v : sb.toString();
    }

    /** As {@link #visible}, on one line: line feeds and tabs become spaces. */
    static String oneLine(String s) {
        return visible(s).replace('\n', ' ').replace('\t', ' ');
    }

    private static boolean hidden(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c || c == 0xfeff;
    }

    /** An evidence value as text: lists joined with ", ". */
    static String evidence(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** The outcomes worst first (FAIL, ERROR, WARN, PASS, SKIPPED), by id within a status. */
    static List<CheckOutcome> worstFirst(Report report) {
        return report.results().stream()
                .sorted(Comparator.comparing(CheckOutcome::status, Status.worstFirst()).thenComparing(CheckOutcome::id))
                .toList();
    }

    /** "3 failed, 0 errors, 2 warnings, 9 passed, 1 skipped". */
    static String counts(Map<Status, Integer> counts) {
        return counts.get(Status.FAIL) + " failed, " + counts.get(Status.ERROR) + " errors, "
                + counts.get(Status.WARN) + " warnings, " + counts.get(Status.PASS) + " passed, "
                + counts.get(Status.SKIPPED) + " skipped";
    }

    /** The one-sentence verdict of a report status, for people. */
    static String verdict(Status status) {
        return switch (status) {
            case FAIL -> "Broken: the failures below explain or will cause failing enrollments. Fix them first.";
            case ERROR -> "Incomplete: some checks could not run; their errors say why. No failure was found by the others.";
            case WARN -> "Working, but fragile: the warnings below will break enrollments if left alone.";
            case PASS -> "Healthy: every check that ran passed.";
            case SKIPPED -> "Nothing judged: every check was skipped; their reasons say what to collect.";
        };
    }
}
