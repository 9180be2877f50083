package dev.ndesdiag.api.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A thumbprint pasted from the certificate console (spaces, colons, the invisible left-to-right mark
 * U+200E that certmgr puts before it, lower case) normalises to 40 upper-case hexadecimal digits.
 */
class ThumbprintNormalisationTest {

    @Test
    void aThumbprintCopiedFromTheCertificateConsoleKeepsOnlyItsDigitsInUpperCase() {
        assertThat(Settings.normaliseThumbprint("\u200e3b 2a:ff\t0c")).isEqualTo("3B2AFF0C");
    }

    @Test
    void everyTextNormalisesAsTheRegularExpressionDidBefore() {
        Random random = new Random(11);
        String alphabet = "09afAFgG: \t\r\n\u200e\u00e9x";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(16); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            assertThat(Settings.normaliseThumbprint(t)).isEqualTo(t.replaceAll("[^0-9A-Fa-f]", "").toUpperCase(Locale.ROOT));
        }
    }
}
