package dev.ndesdiag.api.value;

/**
 * Compares a region of untrusted text (a logged URL, a User-Agent) with a lower-case ASCII word,
 * folding the case of ASCII letters only: what {@code text.toLowerCase(Locale.ROOT).startsWith(word)}
 * answers for such a word, without a lower-cased copy of every log line's field.
 * {@code String.regionMatches(true, ...)} would not do: it also takes the Turkish dotted and dotless
 * i and the long s for i and s.
 *
 * @since 0.2.0
 */
public final class AsciiCase {

    private AsciiCase() {
    }

    /**
     * Tells whether a text holds a word at a position, the case of ASCII letters ignored.
     *
     * @param text the text; never null
     * @param from where the word must start; a position outside the text matches nothing
     * @param word the word, in lower-case ASCII; never null
     * @return true when the word is there
     */
    public static boolean matchesAt(String text, int from, String word) {
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

    /**
     * Tells whether a text starts with a word, the case of ASCII letters ignored.
     *
     * @param text the text; never null
     * @param word the word, in lower-case ASCII; never null
     * @return true when the text starts with it
     */
    public static boolean startsWith(String text, String word) {
        return matchesAt(text, 0, word);
    }

    /**
     * Tells whether a text ends with a word, the case of ASCII letters ignored.
     *
     * @param text the text; never null
     * @param word the word, in lower-case ASCII; never null
     * @return true when the text ends with it
     */
    public static boolean endsWith(String text, String word) {
        return matchesAt(text, text.length() - word.length(), word);
    }
}
