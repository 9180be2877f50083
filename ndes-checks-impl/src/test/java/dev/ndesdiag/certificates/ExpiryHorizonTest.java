package dev.ndesdiag.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.TestPki;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 60 / 30 / 14 day horizons support teams monitor, at N-1, N and N+1 days, and the edges of the
 * validity period, which RFC 5280 section 4.1.2.5 defines as "from notBefore through notAfter,
 * inclusive" (https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.5).
 */
class ExpiryHorizonTest {

    private static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");
    private static final X509Certificate CERT = TestPki.root("CN=NDES01-MSCEP-RA", NOT_BEFORE, NOT_AFTER).certificate();

    @ParameterizedTest(name = "{0} days and {1} hours before notAfter: {2}")
    @CsvSource({
        "61, 0, VALID", "60, 23, WITHIN_60_DAYS", "60, 0, WITHIN_60_DAYS", "59, 0, WITHIN_60_DAYS",
        "31, 0, WITHIN_60_DAYS", "30, 23, WITHIN_30_DAYS", "30, 0, WITHIN_30_DAYS", "29, 0, WITHIN_30_DAYS",
        "15, 0, WITHIN_30_DAYS", "14, 23, WITHIN_14_DAYS", "14, 0, WITHIN_14_DAYS", "13, 0, WITHIN_14_DAYS",
        "0, 1, WITHIN_14_DAYS"})
    void theHorizonCountsWholeDaysLeft(long days, long hours, ExpiryHorizon expected) {
        Instant now = NOT_AFTER.minus(Duration.ofDays(days).plusHours(hours));
        assertThat(ExpiryHorizon.of(CERT, now)).isEqualTo(expected);
        assertThat(ExpiryHorizon.daysLeft(CERT, now)).isEqualTo(days);
        assertThat(expected.isTimeValid()).isTrue();
    }

    @Test
    void theLastSecondOfTheValidityPeriodIsStillValidAndTheNextIsExpired() {
        assertThat(ExpiryHorizon.of(CERT, NOT_AFTER)).isEqualTo(ExpiryHorizon.WITHIN_14_DAYS);
        assertThat(ExpiryHorizon.of(CERT, NOT_AFTER.plusSeconds(1))).isEqualTo(ExpiryHorizon.EXPIRED);
        assertThat(ExpiryHorizon.daysLeft(CERT, NOT_AFTER.plus(Duration.ofDays(3)))).isEqualTo(-3);
        assertThat(ExpiryHorizon.EXPIRED.isTimeValid()).isFalse();
    }

    @Test
    void aCertificateIsValidFromItsNotBeforeSecondAndNotYetValidBefore() {
        assertThat(ExpiryHorizon.of(CERT, NOT_BEFORE)).isEqualTo(ExpiryHorizon.VALID);
        assertThat(ExpiryHorizon.of(CERT, NOT_BEFORE.minusSeconds(1))).isEqualTo(ExpiryHorizon.NOT_YET_VALID);
        assertThat(ExpiryHorizon.NOT_YET_VALID.isTimeValid()).isFalse();
        assertThat(ExpiryHorizon.VALID.isTimeValid()).isTrue();
    }
}
