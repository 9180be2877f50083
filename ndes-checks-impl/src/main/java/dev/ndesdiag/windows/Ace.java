package dev.ndesdiag.windows;

import java.util.Optional;
import java.util.Set;

/**
 * One access control entry of a DACL: allow or deny, its inheritance flags, the access mask and
 * the trustee's SID.
 *
 * @param type allow or deny (other ACE types are kept as {@code OTHER} and never grant)
 * @param flags the SDDL ACE flags, such as {@code OI}, {@code CI}, {@code IO}, {@code ID}
 * @param mask the access mask, generic and specific bits as written
 * @param trustee the trustee as written (alias or SID)
 * @param sid the trustee's SID, when the alias is known
 */
public record Ace(Type type, Set<String> flags, long mask, String trustee, Optional<String> sid) {

    /** The kinds of ACE that decide access to a file. */
    public enum Type {
        /** {@code A}: access allowed. */
        ALLOW,
        /** {@code D}: access denied. */
        DENY,
        /** Any other type (object, callback, audit, label); never grants. */
        OTHER
    }

    /** Validates and copies the components. */
    public Ace {
        flags = Set.copyOf(flags);
    }

    /**
     * Tells whether this ACE applies to the object itself (not inherit-only).
     *
     * @return false for an {@code IO} ACE
     */
    public boolean appliesToObject() {
        return !flags.contains("IO");
    }
}
