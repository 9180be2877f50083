package dev.ndesdiag.api.snapshot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * RegistryValue is one named value of a registry key, decoded from its {@code .reg} form.
 *
 * <p>Read it with the accessor that fits its type: {@link #string()} for {@code REG_SZ} and
 * {@code REG_EXPAND_SZ}, {@link #strings()} for {@code REG_MULTI_SZ}, {@link #number()} for
 * {@code REG_DWORD} and {@code REG_QWORD}, {@link #bytes()} for anything. An accessor that does not
 * fit the type returns empty, so a {@code REG_SZ} "65534" is never mistaken for a DWORD.
 *
 * @since 0.1.0
 */
public final class RegistryValue {

    private final String name;
    private final RegistryValueType type;
    private final byte[] data;
    private final List<String> strings;
    private final Long number;

    private RegistryValue(String name, RegistryValueType type, byte[] data, List<String> strings, Long number) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.data = data.clone();
        this.strings = List.copyOf(strings);
        this.number = number;
    }

    /**
     * Creates a {@code REG_SZ} or {@code REG_EXPAND_SZ} value.
     *
     * @param name the value name, {@code ""} for the default value; never null
     * @param type {@code REG_SZ} or {@code REG_EXPAND_SZ}; never null
     * @param text the string; never null
     * @param raw the bytes as stored (UTF-16LE for hex forms, may be empty); never null
     * @return the value; never null
     */
    public static RegistryValue ofString(String name, RegistryValueType type, String text, byte[] raw) {
        if (type != RegistryValueType.REG_SZ && type != RegistryValueType.REG_EXPAND_SZ) {
            throw new IllegalArgumentException("not a string type: " + type);
        }
        return new RegistryValue(name, type, raw, List.of(text), null);
    }

    /**
     * Creates a {@code REG_MULTI_SZ} value.
     *
     * @param name the value name; never null
     * @param strings the strings, possibly none; never null
     * @param raw the bytes as stored; never null
     * @return the value; never null
     */
    public static RegistryValue ofStrings(String name, List<String> strings, byte[] raw) {
        return new RegistryValue(name, RegistryValueType.REG_MULTI_SZ, raw, strings, null);
    }

    /**
     * Creates a {@code REG_DWORD} or {@code REG_QWORD} value.
     *
     * @param name the value name; never null
     * @param type {@code REG_DWORD} or {@code REG_QWORD}; never null
     * @param number the unsigned number
     * @param raw the bytes as stored; never null
     * @return the value; never null
     */
    public static RegistryValue ofNumber(String name, RegistryValueType type, long number, byte[] raw) {
        if (type != RegistryValueType.REG_DWORD && type != RegistryValueType.REG_QWORD) {
            throw new IllegalArgumentException("not a number type: " + type);
        }
        return new RegistryValue(name, type, raw, List.of(), number);
    }

    /**
     * Creates a value kept as bytes: {@code REG_BINARY}, {@code REG_NONE} or {@code OTHER}.
     *
     * @param name the value name; never null
     * @param type the type; never null
     * @param raw the bytes; never null
     * @return the value; never null
     */
    public static RegistryValue ofBytes(String name, RegistryValueType type, byte[] raw) {
        return new RegistryValue(name, type, raw, List.of(), null);
    }

    /**
     * Returns the value's name as written in the export; {@code ""} is the key's default value.
     *
     * @return the name; never null
     */
    public String name() {
        return name;
    }

    /**
     * Returns the value's type.
     *
     * @return the type; never null
     */
    public RegistryValueType type() {
        return type;
    }

    /**
     * Returns the string of a {@code REG_SZ} or {@code REG_EXPAND_SZ} value (unexpanded).
     *
     * @return the string, or empty for other types
     */
    public Optional<String> string() {
        return (type == RegistryValueType.REG_SZ || type == RegistryValueType.REG_EXPAND_SZ)
                ? Optional.of(strings.get(0)) : Optional.empty();
    }

    /**
     * Returns the strings of a {@code REG_MULTI_SZ} value, or the one string of a string value.
     *
     * @return the strings; never null, empty for non-string types
     */
    public List<String> strings() {
        return strings;
    }

    /**
     * Returns the number of a {@code REG_DWORD} or {@code REG_QWORD} value (unsigned).
     *
     * @return the number, or empty for other types
     */
    public OptionalLong number() {
        return number == null ? OptionalLong.empty() : OptionalLong.of(number);
    }

    /**
     * Returns the raw bytes of the value as stored (a copy).
     *
     * @return the bytes; never null
     */
    public byte[] bytes() {
        return data.clone();
    }

    /**
     * Returns the bytes as upper-case hex without separators, as Windows shows thumbprints.
     *
     * @return the hex text; never null
     */
    public String hex() {
        StringBuilder sb = new StringBuilder(data.length * 2);
        for (byte b : data) {
            sb.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
        return sb.toString();
    }

    /**
     * Returns the value as a person would read it in regedit.
     *
     * @return the display text; never null
     */
    public String display() {
        return switch (type) {
            case REG_SZ, REG_EXPAND_SZ -> strings.get(0);
            case REG_MULTI_SZ -> String.join(", ", strings);
            case REG_DWORD, REG_QWORD -> number + " (0x" + Long.toHexString(number) + ")";
            default -> hex();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryValue v && name.equals(v.name) && type == v.type
                && java.util.Arrays.equals(data, v.data) && strings.equals(v.strings) && Objects.equals(number, v.number);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, java.util.Arrays.hashCode(data), strings, number);
    }

    @Override
    public String toString() {
        return name + " (" + type + ") = " + display();
    }
}
