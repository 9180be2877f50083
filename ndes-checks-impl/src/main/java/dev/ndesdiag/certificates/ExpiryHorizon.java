package dev.ndesdiag.certificates;

import java.time.Duration;
import java.time.Instant;
import java.security.cert.X509Certificate;

/**
 * Where a certificate stands against the 60 / 30 / 14 day horizon support teams monitor:
 * not yet valid, expired, within 14 days, within 30, within 60, or further. The validity period
 * includes both notBefore and notAfter (RFC 5280 section 4.1.2.5).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.5">RFC 5280 4.1.2.5 Validity</a>
 */
public enum ExpiryHorizon {
    /** notBefore is after the evaluation time. */
    NOT_YET_VALID,
    /** The evaluation time is after notAfter. */
    EXPIRED,
    /** Expires within 14 days: renew now. */
    WITHIN_14_DAYS,
    /** Expires within 30 days. */
    WITHIN_30_DAYS,
    /** Expires within 60 days: plan the renewal. */
    WITHIN_60_DAYS,
    /** More than 60 days left. */
    VALID;

    public static ExpiryHorizon of(X509Certificate cert, Instant now) {
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            return NOT_YET_VALID;
        }
        // RFC 5280 4.1.2.5: valid "from notBefore through notAfter, inclusive" (as X509Certificate.checkValidity)
        if (now.isAfter(notAfter)) {
            return EXPIRED;
        }
        long days = daysLeft(cert, now);
        if (days <= 14) {
            return WITHIN_14_DAYS;
        }
        if (days <= 30) {
            return WITHIN_30_DAYS;
        }
        return days <= 60 ? WITHIN_60_DAYS : VALID;
    }

    /** Whole days from the evaluation time to notAfter (negative once expired). */
    public static long daysLeft(X509Certificate cert, Instant now) {
        return Duration.between(now, cert.getNotAfter().toInstant()).toDays();
    }

    public boolean isTimeValid() {
        return this != NOT_YET_VALID && this != EXPIRED;
    }
}
