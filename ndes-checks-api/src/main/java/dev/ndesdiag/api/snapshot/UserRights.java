package dev.ndesdiag.api.snapshot;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * UserRights is the {@code [Privilege Rights]} section of a secedit export: for each right, such
 * as {@code SeImpersonatePrivilege}, the principals that hold it. Principals are SIDs without the
 * leading {@code *} ({@code S-1-5-32-568}), or names where Windows could not resolve a SID.
 *
 * @param rights principals by right name (case-insensitive); never null
 * @since 0.1.0
 */
public record UserRights(Map<String, List<String>> rights) {

    /** Copies the components. */
    public UserRights {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        rights.forEach((k, v) -> map.put(k, List.copyOf(v)));
        rights = Collections.unmodifiableMap(map);
    }

    /**
     * Returns the principals holding a right; a right written with nothing after {@code =}, or
     * not written at all, has none.
     *
     * @param right such as {@code SeBatchLogonRight}; never null
     * @return the principals; never null
     */
    public List<String> holders(String right) {
        return rights.getOrDefault(right, List.of());
    }
}
