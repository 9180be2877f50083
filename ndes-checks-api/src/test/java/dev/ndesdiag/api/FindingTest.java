package dev.ndesdiag.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void refusesACodeThatIsNotUpperSnake() {
        assertThatThrownBy(() -> Finding.fail("ra-cert-expired", "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ra-cert-expired");
    }

    @Test
    void codesAreUpperSnakeAsTheReportFormatDefinesThem() {
        assertThat(List.of("X", "RA_CERT_EXPIRED", "HTTP_500", "A1_B2", "TLS12_ONLY"))
                .allMatch(Finding::isValidCode);
        assertThat(java.util.Arrays.asList(null, "", "_X", "X_", "X__Y", "1X", "Ra_CERT", "RA-CERT", "RA CERT", "RA_\u00c9"))
                .noneMatch(Finding::isValidCode);
    }

    @Test
    void refusesEvidenceThatTheReportFormatCannotCarry() {
        assertThatThrownBy(() -> Finding.warn("X", "m").withEvidence("nested", Map.of("a", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested");
        assertThatThrownBy(() -> Finding.warn("X", "m").withEvidence("list", List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsEvidenceInInsertionOrderAndWithersDoNotChangeTheOriginal() {
        Finding base = Finding.fail("RA_CERT_EXPIRED", "expired");
        Finding detailed = base.withEvidence("thumbprint", "47D3").withEvidence("days", 49)
                .withEvidence("names", List.of("a", "b")).withRemediation("renew").withReference("https://x");
        assertThat(base.evidence()).isEmpty();
        assertThat(base.remediation()).isEmpty();
        assertThat(detailed.evidence().keySet()).containsExactly("thumbprint", "days", "names");
        assertThat(detailed.remediation()).contains("renew");
        assertThat(detailed.references()).containsExactly("https://x");
    }

    @Test
    void equalityCoversEveryField() {
        Finding a = Finding.fail("X", "m").withEvidence("k", 1);
        assertThat(a).isEqualTo(Finding.fail("X", "m").withEvidence("k", 1));
        assertThat(a).isNotEqualTo(Finding.fail("X", "m").withEvidence("k", 2));
        assertThat(a).isNotEqualTo(a.withRemediation("r"));
    }
}
