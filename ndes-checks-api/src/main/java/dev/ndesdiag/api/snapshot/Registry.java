package dev.ndesdiag.api.snapshot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Registry is the merged content of every {@code .reg} export in a snapshot: keys by path,
 * case-insensitive, with the usual abbreviations ({@code HKLM}, {@code HKCU}, …) accepted.
 *
 * @since 0.1.0
 */
public final class Registry {

    private static final Pattern BACKSLASHES = Pattern.compile("\\\\+");

    /** The keys by {@link #normalize normalised} path, sorted: a key and everything below it are adjacent. */
    private final NavigableMap<String, RegistryKey> keys;

    /**
     * Creates a registry from its keys.
     *
     * @param keys every key; a later key with the same path replaces an earlier one; never null
     */
    public Registry(Collection<RegistryKey> keys) {
        NavigableMap<String, RegistryKey> map = new TreeMap<>();
        for (RegistryKey k : keys) {
            map.put(normalize(k.path()), k);
        }
        this.keys = Collections.unmodifiableNavigableMap(map);
    }

    /**
     * Returns a key by path, ignoring case; {@code HKLM\SOFTWARE\...} and
     * {@code HKEY_LOCAL_MACHINE\SOFTWARE\...} are the same key.
     *
     * @param path the key path; never null
     * @return the key, or empty when the snapshot does not hold it
     */
    public Optional<RegistryKey> key(String path) {
        return Optional.ofNullable(keys.get(normalize(path)));
    }

    /**
     * Returns a value of a key.
     *
     * @param path the key path; never null
     * @param name the value name; never null
     * @return the value, or empty when the key or the value is missing
     */
    public Optional<RegistryValue> value(String path, String name) {
        return key(path).flatMap(k -> k.value(name));
    }

    /**
     * Returns the direct sub-keys of a key, in path order.
     *
     * @param path the parent key path; never null
     * @return the sub-keys; never null, may be empty
     */
    public List<RegistryKey> subkeys(String path) {
        String prefix = normalize(path) + "\\";
        List<RegistryKey> result = new ArrayList<>();
        for (Map.Entry<String, RegistryKey> e : keys.tailMap(prefix, true).entrySet()) {
            String p = e.getKey();
            if (!p.startsWith(prefix)) {
                break;
            }
            if (p.indexOf('\\', prefix.length()) < 0) {
                result.add(e.getValue());
            }
        }
        return result;
    }

    /**
     * Tells whether the registry holds a key or any key below it, as a {@code reg export} of that
     * key would: looked up in the sorted index, not by walking every key.
     *
     * @param path the key path; never null
     * @return true when the key or one of its descendants is present
     * @since 0.2.0
     */
    public boolean holdsTree(String path) {
        String root = normalize(path);
        if (keys.containsKey(root)) {
            return true;
        }
        String prefix = root + "\\";
        String below = keys.ceilingKey(prefix); // the first key at or after the tree's start
        return below != null && below.startsWith(prefix);
    }

    /**
     * Returns every key, in path order.
     *
     * @return the keys; never null
     */
    public Collection<RegistryKey> keys() {
        return keys.values();
    }

    /**
     * Returns the canonical form of a key path used for lookups: upper-case long root name,
     * lower-case rest, single backslashes, no leading or trailing backslash.
     *
     * @param path a key path; never null
     * @return the canonical path; never null
     */
    public static String normalize(String path) {
        return isCanonical(path) ? path : canonical(path);
    }

    /**
     * Tells, without building anything, whether a path is already in its canonical form (as most
     * paths a check asks for are): a long ASCII root name ({@code HKEY_...}) in upper case, an ASCII rest without upper
     * case, single backslashes inside only, nothing to trim.
     */
    static boolean isCanonical(String path) {
        int n = path.length();
        if (n == 0 || !path.startsWith("HKEY_") || path.charAt(n - 1) <= ' ' || path.charAt(n - 1) == '\\') {
            return false;
        }
        boolean inRoot = true;
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = path.charAt(i);
            if (c >= 0x80 || c == '/' || (c == '\\' && previous == '\\')) {
                return false;
            }
            if (c == '\\') {
                inRoot = false;
            } else if (inRoot ? c >= 'a' && c <= 'z' : c >= 'A' && c <= 'Z') {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /**
     * The canonical form of a path that is not already canonical: in one pass for an ASCII path (as
     * the paths checks ask for are, such as {@code HKLM\SOFTWARE\Microsoft\Cryptography\MSCEP}),
     * else {@link #canonicalStepByStep step by step}, whose case mapping of other letters it keeps.
     */
    static String canonical(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) <= ' ') { // as trim() does
            from++;
        }
        while (to > from && path.charAt(to - 1) <= ' ') {
            to--;
        }
        StringBuilder out = new StringBuilder(to - from + 16);
        int cut = -1;
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c >= 0x80) {
                return canonicalStepByStep(path);
            }
            if (c == '\\' || c == '/') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\\') { // no leading or doubled backslash
                    cut = cut < 0 ? out.length() : cut;
                    out.append('\\');
                }
            } else if (cut < 0) {
                out.append(c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c);
            } else {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) == '\\') {
            out.setLength(out.length() - 1);
            cut = out.indexOf("\\");
        }
        String root = cut < 0 ? out.toString() : out.substring(0, cut);
        String rest = cut < 0 ? "" : out.substring(cut);
        return longRoot(root) + rest;
    }

    private static String longRoot(String root) {
        return switch (root) {
            case "HKLM" -> "HKEY_LOCAL_MACHINE";
            case "HKCU" -> "HKEY_CURRENT_USER";
            case "HKCR" -> "HKEY_CLASSES_ROOT";
            case "HKU" -> "HKEY_USERS";
            case "HKCC" -> "HKEY_CURRENT_CONFIG";
            default -> root;
        };
    }

    /** The canonical form built step by step: trimmed, backslashes made single, root upper-cased, the rest lower-cased. */
    static String canonicalStepByStep(String path) {
        String p = path.trim().replace('/', '\\');
        if (p.contains("\\\\")) {
            p = BACKSLASHES.matcher(p).replaceAll("\\\\");
        }
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        while (p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        int cut = p.indexOf('\\');
        String root = (cut < 0 ? p : p.substring(0, cut)).toUpperCase(Locale.ROOT);
        String rest = cut < 0 ? "" : p.substring(cut).toLowerCase(Locale.ROOT);
        return longRoot(root) + rest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registry r && keys.equals(r.keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }
}
