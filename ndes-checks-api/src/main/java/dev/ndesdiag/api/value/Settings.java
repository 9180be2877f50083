package dev.ndesdiag.api.value;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.snapshot.RegistryValueType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings reads configuration values the way their Windows consumer does, into a {@link Setting}.
 *
 * @since 0.2.0
 */
public final class Settings {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");
    private static final Pattern HEX40 = Pattern.compile("[0-9A-F]{40}");
    private static final long UINT_MAX = 0xFFFF_FFFFL;

    private Settings() {
    }

    /**
     * Reads a DWORD value of a registry key as a consumer that reads only {@code REG_DWORD} does
     * (HTTP.sys, NDES): another type is {@link Setting.Rejected}.
     *
     * @param key the key, or empty when the key itself is not in the snapshot; never null
     * @param name the value's name; never null
     * @param problems the problems of the key (lines the reader could not decode); never null
     * @return the setting; never null
     */
    public static Setting<Long> registryDword(Optional<RegistryKey> key, String name, List<InputProblem> problems) {
        Optional<RegistryValue> value = key.flatMap(k -> k.value(name));
        if (value.isEmpty()) {
            return unreadable(key, name, problems).<Setting<Long>>map(Setting.Unreadable::new).orElseGet(Setting.Absent::new);
        }
        RegistryValue v = value.get();
        if (v.type() != RegistryValueType.REG_DWORD) {
            return new Setting.Rejected<>(v.display(), "is a " + v.type() + ", not a REG_DWORD");
        }
        return new Setting.Valid<>(v.number().orElseThrow(), v.display());
    }

    /**
     * Finds why a registry value the key does not hold could not be read: the line of the key's
     * export that the reader could not decode for that value. A check asks this before it calls
     * an absent value unset, so that broken bytes are an {@code ERROR} naming the file, the value
     * and its raw text ({@link InputProblem#toFinding}) and never a default.
     *
     * @param key the key, or empty when the key itself is not in the snapshot; never null
     * @param name the value's name, ignoring case as Windows does; never null
     * @param problems the problems of the input that holds the key; never null
     * @return the problem, or empty when nothing about that value was unreadable
     * @since 0.2.0
     */
    public static Optional<InputProblem> unreadable(Optional<RegistryKey> key, String name, List<InputProblem> problems) {
        return key.flatMap(k -> problems.stream()
                .filter(p -> p.subject().isPresent()
                        && Registry.normalize(p.subject().get().element()).equals(Registry.normalize(k.path()))
                        && p.subject().get().name().map(n -> n.equalsIgnoreCase(name)).orElse(false))
                .findFirst());
    }

    /**
     * Reads an IIS {@code uint} attribute as IIS's configuration system does: decimal digits only,
     * at most 4294967295. Anything else ({@code 65,534}, {@code 64k}, a negative number) makes IIS
     * refuse the whole section with HTTP 500.19.
     *
     * @param raw the attribute's effective text, or empty when nothing set it; never null
     * @return the setting; never null
     */
    public static Setting<Long> iisUnsignedInt(Optional<String> raw) {
        if (raw.isEmpty()) {
            return new Setting.Absent<>();
        }
        String t = raw.get().strip();
        if (!DIGITS.matcher(t).matches() || Long.parseLong(t) > UINT_MAX) {
            return new Setting.Rejected<>(raw.get(), "is not a whole number from 0 to 4294967295, so IIS cannot read "
                    + "the configuration section and answers HTTP 500.19 for the path");
        }
        return new Setting.Valid<>(Long.parseLong(t), raw.get());
    }

    /**
     * Reads an IIS {@code bool} attribute as IIS does: {@code true} or {@code false}, in any case.
     * Anything else ({@code yes}, {@code 1}) makes IIS refuse the section with HTTP 500.19.
     *
     * @param raw the attribute's effective text, or empty when nothing set it; never null
     * @return the setting; never null
     */
    public static Setting<Boolean> iisBoolean(Optional<String> raw) {
        if (raw.isEmpty()) {
            return new Setting.Absent<>();
        }
        String t = raw.get().strip().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            return new Setting.Rejected<>(raw.get(), "is not true or false, so IIS cannot read the configuration "
                    + "section and answers HTTP 500.19 for the path");
        }
        return new Setting.Valid<>(t.equals("true"), raw.get());
    }

    /**
     * Reads a certificate thumbprint however it was pasted: everything but hexadecimal digits (spaces,
     * colons, the invisible U+200E mark the certificate dialog copies) is dropped, case is ignored. What remains
     * must be 40 hexadecimal digits (a SHA-1 thumbprint); anything else names no certificate, and the
     * consumer (NDES, the policy module, HTTP.sys) finds none.
     *
     * @param raw the configured text, or empty when the value is not set; never null
     * @return the setting, valid as the upper-case thumbprint; never null
     */
    public static Setting<String> thumbprint(Optional<String> raw) {
        if (raw.isEmpty() || raw.get().isBlank()) {
            return new Setting.Absent<>();
        }
        String t = normaliseThumbprint(raw.get());
        if (!HEX40.matcher(t).matches()) {
            return new Setting.Rejected<>(raw.get(), "is not a SHA-1 thumbprint (40 hexadecimal digits), so it names no "
                    + "certificate");
        }
        return new Setting.Valid<>(t, raw.get());
    }

    /**
     * Keeps only the hexadecimal digits of a pasted thumbprint, upper-cased.
     *
     * @param raw the text; never null
     * @return the digits; never null
     */
    public static String normaliseThumbprint(String raw) {
        StringBuilder hex = new StringBuilder(raw.length()); // as replaceAll("[^0-9A-Fa-f]", "") and upper case
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')) {
                hex.append(c);
            } else if (c >= 'a' && c <= 'f') {
                hex.append((char) (c - ('a' - 'A')));
            }
        }
        return hex.toString();
    }
}
