package dev.ndesdiag.ca;

import java.util.Optional;

/**
 * The CA types of {@code CA\CAType} (certsrv.h ENUM_CATYPES). NDES works with enterprise CAs only:
 * it submits with a certificate template, which a standalone CA does not use.
 */
public enum CaType {
    /** ENUM_ENTERPRISE_ROOTCA. */
    ENTERPRISE_ROOT(0, "enterprise root CA", true),
    /** ENUM_ENTERPRISE_SUBCA. */
    ENTERPRISE_SUBORDINATE(1, "enterprise subordinate CA", true),
    /** ENUM_STANDALONE_ROOTCA. */
    STANDALONE_ROOT(3, "standalone root CA", false),
    /** ENUM_STANDALONE_SUBCA. */
    STANDALONE_SUBORDINATE(4, "standalone subordinate CA", false);

    private final int value;
    private final String words;
    private final boolean enterprise;

    CaType(int value, String words, boolean enterprise) {
        this.value = value;
        this.words = words;
        this.enterprise = enterprise;
    }

    /** @return the registry value */
    public int value() {
        return value;
    }

    /** @return the type in words */
    public String words() {
        return words;
    }

    /** @return true for an enterprise (AD-integrated) CA */
    public boolean enterprise() {
        return enterprise;
    }

    /**
     * Maps a registry value.
     *
     * @param value the value of {@code CAType}
     * @return the type; empty for a value certsrv.h does not define
     */
    public static Optional<CaType> of(long value) {
        for (CaType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
