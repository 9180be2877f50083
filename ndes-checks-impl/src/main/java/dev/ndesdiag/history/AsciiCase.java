package dev.ndesdiag.history;

/**
 * Compares a region of logged text with a lower-case ASCII word, folding the case of ASCII letters
 * only: what {@code text.toLowerCase(Locale.ROOT).startsWith(word)} answers for such a word, without
 * a lower-cased copy of every log line's field. {@code String.regionMatches(true, ...)} would not do:
 * it also takes the Turkish dotted and dotless i and the long s for i and s.
 */
final class AsciiCase {

    private AsciiCase() {
    }

    /** Whether {@code text} holds {@code word} (lower-case ASCII) at {@code from}, ASCII case ignored. */
    static boolean matchesAt(String text, int from, String word) {
        if (from < 0 || from + word.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = text.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(String text, String word) {
        return matchesAt(text, 0, word);
    }

    static boolean endsWith(String text, String word) {
        return matchesAt(text, text.length() - word.length(), word);
    }
}
