package dev.ndesdiag.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finding is one observation of a check: a status, a stable code, a sentence for people, the
 * evidence it rests on, the fix and references.
 *
 * <p>Create one with the factory named for its status ({@link #fail}, {@link #warn}, {@link #pass},
 * {@link #error}, {@link #skipped}) and add detail with the {@code with} methods, which return
 * new values. Evidence keeps insertion order; its values are strings, numbers, booleans or lists
 * of them, as report format 1 requires. Nothing in a finding may be secret.
 *
 * @param status the status of this observation; never null
 * @param code stable UPPER_SNAKE identifier, such as {@code RA_CERT_EXPIRED}; never null
 * @param message the symptom, cause and object in one or two sentences; never null or blank
 * @param evidence facts the message rests on, in insertion order; never null, may be empty
 * @param remediation what to do about it, if anything
 * @param references documentation URLs; never null, may be empty
 * @since 0.1.0
 */
public record Finding(
        Status status,
        String code,
        String message,
        Map<String, Object> evidence,
        Optional<String> remediation,
        List<String> references) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when the code is not UPPER_SNAKE, the message is blank, or an
     *     evidence value is not a string, number, boolean or list of them
     */
    public Finding {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remediation, "remediation");
        if (!isValidCode(code)) {
            throw new IllegalArgumentException("finding code '" + code + "' is not UPPER_SNAKE (like 'RA_CERT_EXPIRED')");
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("finding '" + code + "' has a blank message");
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : evidence.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "evidence key");
            copy.put(key, checkEvidenceValue(code, key, e.getValue()));
        }
        evidence = Collections.unmodifiableMap(copy);
        references = List.copyOf(references);
    }

    /**
     * Creates a finding of the given status with no evidence, remediation or references.
     *
     * @param status the status; never null
     * @param code UPPER_SNAKE code; never null
     * @param message the sentence for people; never null
     * @return the finding; never null
     */
    public static Finding of(Status status, String code, String message) {
        return new Finding(status, code, message, Map.of(), Optional.empty(), List.of());
    }

    /**
     * Creates a {@link Status#FAIL} finding: broken, explains or will cause failing enrollments.
     *
     * @param code UPPER_SNAKE code; never null
     * @param message the sentence for people; never null
     * @return the finding; never null
     */
    public static Finding fail(String code, String message) {
        return of(Status.FAIL, code, message);
    }

    /**
     * Creates a {@link Status#WARN} finding: works now, will break or is fragile.
     *
     * @param code UPPER_SNAKE code; never null
     * @param message the sentence for people; never null
     * @return the finding; never null
     */
    public static Finding warn(String code, String message) {
        return of(Status.WARN, code, message);
    }

    /**
     * Creates a {@link Status#PASS} finding: an informational, healthy observation.
     *
     * @param code UPPER_SNAKE code; never null
     * @param message the sentence for people; never null
     * @return the finding; never null
     */
    public static Finding pass(String code, String message) {
        return of(Status.PASS, code, message);
    }

    /**
     * Creates an {@link Status#ERROR} finding: something could not be judged (unreadable input, a bug).
     *
     * @param code UPPER_SNAKE code; never null
     * @param message what could not be done, naming the file where there is one; never null
     * @return the finding; never null
     */
    public static Finding error(String code, String message) {
        return of(Status.ERROR, code, message);
    }

    /**
     * Creates a {@link Status#SKIPPED} finding: the reason a check did not judge.
     *
     * @param code UPPER_SNAKE code; never null
     * @param message why nothing was judged; never null
     * @return the finding; never null
     */
    public static Finding skipped(String code, String message) {
        return of(Status.SKIPPED, code, message);
    }

    /**
     * Returns a copy with one more evidence entry (replacing an entry of the same key).
     *
     * @param key the evidence name, such as {@code thumbprint}; never null
     * @param value a string, number, boolean, or a list of them; never null
     * @return a new finding; never null
     */
    public Finding withEvidence(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(evidence);
        copy.put(key, value);
        return new Finding(status, code, message, copy, remediation, references);
    }

    /**
     * Returns a copy with this remediation.
     *
     * @param text what a person should do, commands included; never null
     * @return a new finding; never null
     */
    public Finding withRemediation(String text) {
        return new Finding(status, code, message, evidence, Optional.of(text), references);
    }

    /**
     * Returns a copy with one more reference.
     *
     * @param url a documentation URL; never null
     * @return a new finding; never null
     */
    public Finding withReference(String url) {
        List<String> copy = new ArrayList<>(references);
        copy.add(Objects.requireNonNull(url, "url"));
        return new Finding(status, code, message, evidence, remediation, copy);
    }

    /**
     * Tells whether a text is a valid finding code.
     *
     * @param code the candidate; may be null
     * @return true when it is UPPER_SNAKE
     */
    public static boolean isValidCode(String code) {
        // [A-Z][A-Z0-9]*(_[A-Z0-9]+)*, tested without a regular expression: every finding is checked
        if (code == null || code.isEmpty() || code.charAt(0) < 'A' || code.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '_') {
                if (code.charAt(i - 1) == '_' || i == code.length() - 1) {
                    return false;
                }
            } else if ((c < 'A' || c > 'Z') && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static Object checkEvidenceValue(String code, String key, Object value) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                checkScalar(code, key, element);
            }
            return List.copyOf(list);
        }
        checkScalar(code, key, value);
        return value;
    }

    private static void checkScalar(String code, String key, Object value) {
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException("evidence '" + key + "' of finding '" + code
                    + "' must be a string, number, boolean or a list of them, not "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }
}
