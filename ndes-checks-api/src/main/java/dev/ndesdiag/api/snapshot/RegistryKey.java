package dev.ndesdiag.api.snapshot;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * RegistryKey is one key of the registry with its values; value names are case-insensitive, as in Windows.
 *
 * @since 0.1.0
 */
public final class RegistryKey {

    private final String path;
    private final Map<String, RegistryValue> values;

    /**
     * Creates a key.
     *
     * @param path the key's full path as exported, such as {@code HKEY_LOCAL_MACHINE\SYSTEM\...}; never null
     * @param values the values in export order; names differing only in case must not both be present; never null
     */
    public RegistryKey(String path, Collection<RegistryValue> values) {
        this.path = Objects.requireNonNull(path, "path");
        Map<String, RegistryValue> map = new LinkedHashMap<>();
        for (RegistryValue v : values) {
            map.put(v.name().toLowerCase(Locale.ROOT), v);
        }
        this.values = Collections.unmodifiableMap(map);
    }

    /**
     * Returns the key's path as it was written in the export.
     *
     * @return the path; never null
     */
    public String path() {
        return path;
    }

    /**
     * Returns a value by name, ignoring case; {@code ""} or {@code "@"} names the default value.
     *
     * @param name the value name; never null
     * @return the value, or empty when the key has no such value
     */
    public Optional<RegistryValue> value(String name) {
        String key = "@".equals(name) ? "" : name.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(values.get(key));
    }

    /**
     * Returns every value of the key in export order.
     *
     * @return the values; never null
     */
    public Collection<RegistryValue> values() {
        return values.values();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryKey k && path.equalsIgnoreCase(k.path) && values.equals(k.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path.toLowerCase(Locale.ROOT), values);
    }

    @Override
    public String toString() {
        return path + " " + values.values();
    }
}
