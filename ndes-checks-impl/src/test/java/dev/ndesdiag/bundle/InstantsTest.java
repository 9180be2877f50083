package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The times of bundle files parse exactly as {@link Instant#parse} parses them, valid or not:
 * event {@code SystemTime} with Windows' seven fraction digits, the collector's whole seconds, and
 * every shape the fast path leaves to the JDK.
 */
class InstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-20T09:08:00Z", "2026-11-20T09:08:00.1234567Z", "2026-11-20T09:08:00.1Z", "2026-11-20T09:08:00.123456789Z",
        "2024-02-29T23:59:59Z", "2000-01-01T00:00:00.000Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "2026-12-31T23:59:60Z", "2026-11-20T09:08:00+01:00",
        "+12026-11-20T09:08:00Z", "-2026-11-20T09:08:00Z",
        // what ISO_INSTANT accepts beyond the plain shape: the end of a day, an empty fraction, a lower-case z
        "2026-11-20T24:00:00Z", "2026-11-20T09:08:00.Z", "2026-11-20T09:08:00z"})
    void aValidTimeGivesWhatInstantParseGives(String text) {
        assertThat(Instants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z",
        "2026-11-20T09:60:00Z", "2026-11-20T09:08:61Z",
        "2026-11-20T09:08:00.1234567890Z", "2026-11-20T09:08:00", "2026-11-20 09:08:00Z", "2026-11-2OT09:08:00Z",
        "", "not a time", "2026-11-20T09:08:00.12345a7Z"})
    void anInvalidTimeFailsAsInstantParseFails(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Instants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void randomTimesOfEveryFieldWidthAgreeWithInstantParse() {
        Random random = new Random(20261203);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextBoolean() ? "" : "." + Long.toString(Math.abs(random.nextLong())).substring(0, 1 + random.nextInt(10)));
            Instant expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> Instants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(Instants.parse(text)).as(text).isEqualTo(expected);
        }
    }
}
