package dev.ndesdiag.api.value;

import dev.ndesdiag.api.InputProblem;
import java.util.Objects;

/**
 * Setting is one configuration value as Windows reads it, in one of four states a check must tell
 * apart: {@link Absent} (not set: the documented default applies, and the evidence says "default"),
 * {@link Valid} (set, and Windows reads it as this value), {@link Rejected} (set, readable, but
 * Windows rejects or ignores it: IIS answers 500.19 for {@code maxQueryString="65,534"}, HTTP.sys
 * ignores a {@code REG_SZ} MaxFieldLength) and {@link Unreadable} (bytes our reader could not
 * decode: a broken {@code .reg} line). No state stands for a made-up default.
 *
 * @param <T> the value's type
 * @since 0.2.0
 */
public sealed interface Setting<T> permits Setting.Absent, Setting.Valid, Setting.Rejected, Setting.Unreadable {

    /**
     * The value is not set; the documented default applies.
     *
     * @param <T> the value's type
     */
    record Absent<T>() implements Setting<T> {
    }

    /**
     * The value is set and Windows reads it as {@code value}.
     *
     * @param <T> the value's type
     * @param value the value; never null
     * @param raw the text as configured; never null
     */
    record Valid<T>(T value, String raw) implements Setting<T> {
        /** Validates the components. */
        public Valid {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(raw, "raw");
        }
    }

    /**
     * The value is set and readable, but Windows rejects or ignores it.
     *
     * @param <T> the value's type
     * @param raw the text as configured; never null
     * @param reason how Windows treats it, in words for the finding, such as
     *     {@code "is not a whole number, so IIS cannot read the section (HTTP 500.19)"}; never null
     */
    record Rejected<T>(String raw, String reason) implements Setting<T> {
        /** Validates the components. */
        public Rejected {
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The bytes that hold the value could not be decoded.
     *
     * @param <T> the value's type
     * @param problem the problem, naming the file, the value and the raw text; never null
     */
    record Unreadable<T>(InputProblem problem) implements Setting<T> {
        /** Validates the components. */
        public Unreadable {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
