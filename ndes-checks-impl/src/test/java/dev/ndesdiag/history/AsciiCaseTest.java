package dev.ndesdiag.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.value.AsciiCase;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * IIS log fields are matched against the SCEP paths and the probe's User-Agent with ASCII case
 * folded, as the lower-cased comparison did: a long s or a Turkish i in a logged path is not an s
 * or an i (which String.regionMatches(true, ...) would have taken it for).
 */
class AsciiCaseTest {

    private static final List<String> WORDS = List.of("/certsrv/mscep/mscep.dll", "/certificateregistrationsvc/",
            "/verifyrequest", "/notify", OwnProbe.USER_AGENT_PREFIX);

    @Test
    void aLongSOrATurkishIInALoggedPathOrUserAgentMatchesNothing() {
        assertThat(AsciiCase.startsWith("/certſrv/mscep/mscep.dll", "/certsrv/mscep/mscep.dll")).isFalse();
        assertThat(AsciiCase.endsWith("/CertificateRegistrationSvc/x/Notİfy", "/notify")).isFalse();
        assertThat(OwnProbe.isOwn(Optional.of("ndeſ-diag/0.1.0"))).isFalse();
        assertThat(OwnProbe.isOwn(Optional.of("  NDES-DIAG/0.1.0"))).isTrue();
        assertThat(AsciiCase.startsWith("/CERTSRV/MSCEP/MSCEP.DLL?operation=GetCACaps", "/certsrv/mscep/mscep.dll")).isTrue();
    }

    @Test
    void everyCharacterInEveryPlaceOfTheWordsMatchesAsTheLowerCasedTextDid() {
        for (String word : WORDS) {
            for (int at = 0; at < word.length(); at++) {
                for (int c = 0; c <= Character.MAX_VALUE; c++) {
                    String text = word.substring(0, at) + (char) c + word.substring(at + 1);
                    String lower = text.toLowerCase(Locale.ROOT);
                    assertThat(AsciiCase.startsWith(text, word)).as(text).isEqualTo(lower.startsWith(word));
                    assertThat(AsciiCase.endsWith("x" + text, word)).as(text).isEqualTo(("x" + lower).endsWith(word));
                }
            }
        }
    }
}
