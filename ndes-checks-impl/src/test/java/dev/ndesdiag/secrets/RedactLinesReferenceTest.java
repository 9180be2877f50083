package dev.ndesdiag.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link SecretValues#redactLines} tests each line quickly before it runs its pattern; on any output
 * it must redact exactly what the plain pattern over the whole text redacts, so that the quick test
 * never lets a secret through.
 */
class RedactLinesReferenceTest {

    private static final Pattern LINE = Pattern.compile(
            "(?im)^([ \\t]*\"?([\\w .\\-]*" + SecretValues.SECRET_WORDS + "[\\w .\\-]*)\"?[ \\t]*[:=][ \\t]*)(\\S[^\\r\\n]*)$");

    private static final String[] PIECES = {"password", "PassWord", "Pwd", "secret", "token", "challenge", "privatekey",
        "private_key", "KeyMaterial", "EnforcePassword", "UseSinglePassword", "Template", "Flags", "name", ": ", "=", " = ",
        ":", "\"", " ", "\t", "-", ".", "0x20", "abc123", "[redacted]", "\r\n", "\n", "\r", "(", "/", "é", "\u212a"};

    /** The pattern over the whole text, as redactLines did before it tested lines first. */
    private static String reference(String text) {
        Matcher m = LINE.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (!SecretValues.isSecretName(m.group(2)) || m.group(3).strip().equals(SecretValues.REDACTED)) {
                continue;
            }
            sb.append(text, last, m.start(3)).append(SecretValues.REDACTED);
            last = m.end(3);
        }
        return sb.append(text, last, text.length()).toString();
    }

    @Test
    void commandOutputIsRedactedExactlyAsTheLinePatternOverTheWholeTextRedactsIt() {
        Random random = new Random(20261202L);
        int redacted = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(14);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String t = text.toString();
            String expected = reference(t);
            assertThat(SecretValues.redactLines(t)).as("redactLines of %s", t.replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(expected);
            if (!expected.equals(t)) {
                redacted++;
            }
        }
        assertThat(redacted).as("texts with a secret among the random ones").isGreaterThan(1_000);
    }
}
