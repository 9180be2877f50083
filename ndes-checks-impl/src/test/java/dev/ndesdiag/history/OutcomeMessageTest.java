package dev.ndesdiag.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An outcome's message is one line with runs of whitespace collapsed, as it was with the regular
 * expression {@code \s{2,}} the hand-written loop replaced (every log line's outcome passes here).
 */
class OutcomeMessageTest {

    private static final char[] ALPHABET = {'a', 'Z', '0', ' ', ' ', '\t', '\n', '\r', '\f', 0x0B, '\u00A0', '\u2026', '\u3000', '-'};

    @Test
    void collapsingWhitespaceRunsAgreesWithTheRegularExpressionOnRandomTexts() {
        Random r = new Random(13);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(40);
            for (int i = 0; i < len; i++) {
                b.append(ALPHABET[r.nextInt(ALPHABET.length)]);
            }
            String s = b.toString();
            assertThat(Outcome.collapseSpaces(s)).as("%s", s.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(s.replaceAll("\\s{2,}", " "));
        }
    }

    @Test
    void aSingleTabOrNoBreakSpaceStaysAndARunBecomesOneSpace() {
        assertThat(Outcome.collapseSpaces("GET\t/certsrv  answered\u00A0\u00A0500 \t\f 0")).isEqualTo("GET\t/certsrv answered\u00A0\u00A0500 0");
        String plain = "nothing to collapse";
        assertThat(Outcome.collapseSpaces(plain)).isSameAs(plain);
    }
}
