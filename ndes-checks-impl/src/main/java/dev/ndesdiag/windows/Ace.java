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
 * @param objectType the object type GUID of an object ACE ({@code OA}/{@code OD}), such as an extended
 *        right of a directory object; empty for other ACEs and for object ACEs that name none
 */
public record Ace(Type type, Set<String> flags, long mask, String trustee, Optional<String> sid, Optional<String> objectType) {

    /** The kinds of ACE that decide access to a file. */
    public enum Type {
        /** {@code A}: access allowed. */
        ALLOW,
        /** {@code D}: access denied. */
        DENY,
        /** Any other type (callback, audit, label); never grants. */
        OTHER,
        /** {@code OA}: object access allowed (directory objects: a property set or extended right). */
        OBJECT_ALLOW,
        /** {@code OD}: object access denied. */
        OBJECT_DENY
    }

    /** Validates and copies the components. */
    public Ace {
        flags = Set.copyOf(flags);
        java.util.Objects.requireNonNull(objectType, "objectType");
    }

    /**
     * Creates an ACE that names no object type.
     *
     * @param type allow or deny
     * @param flags the SDDL ACE flags
     * @param mask the access mask
     * @param trustee the trustee as written
     * @param sid the trustee's SID, when known
     */
    public Ace(Type type, Set<String> flags, long mask, String trustee, Optional<String> sid) {
        this(type, flags, mask, trustee, sid, Optional.empty());
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
