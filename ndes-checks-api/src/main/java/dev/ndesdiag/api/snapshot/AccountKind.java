package dev.ndesdiag.api.snapshot;

import java.util.Locale;
import java.util.Optional;

/**
 * AccountKind is what sort of identity an account of {@code security/accounts.json} is, as the
 * bundle format lists them. The kind decides who manages the password and which rights apply.
 *
 * @since 0.2.0
 */
public enum AccountKind {
    /** A domain or local user account; its password expires unless set not to. */
    USER("user"),
    /** A computer account ({@code DOMAIN\HOST$}); AD manages its password. */
    COMPUTER("computer"),
    /** A standalone managed service account; AD manages its password. */
    MSA("msa"),
    /** A group managed service account; AD manages its password. */
    GMSA("gmsa"),
    /** A virtual account such as {@code IIS APPPOOL\SCEP}. */
    VIRTUAL("virtual"),
    /** A service SID such as {@code NT SERVICE\W3SVC}. */
    SERVICE("service"),
    /** LocalSystem, NetworkService, LocalService and well-known groups. */
    BUILTIN("builtin");

    private final String wireName;

    AccountKind(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the name the bundle format writes, such as {@code gmsa}.
     *
     * @return the name; never null
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the kind of a name as the bundle format writes it, ignoring case.
     *
     * @param wireName such as {@code user}; never null
     * @return the kind, or empty for a name the format does not define
     */
    public static Optional<AccountKind> of(String wireName) {
        for (AccountKind k : values()) {
            if (k.wireName.equals(wireName.toLowerCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * Guesses the kind from an account name's shape, as the collector must before it asks AD:
     * {@code IIS APPPOOL\} is virtual, {@code NT SERVICE\} a service SID, {@code NT AUTHORITY\} and
     * {@code BUILTIN\} built-in, a name ending in {@code $} a group managed service account (the
     * common case for a {@code $} pool identity), anything else a user.
     *
     * @param account the account name; never null
     * @return the kind; never null
     */
    public static AccountKind fromName(String account) {
        String upper = account.toUpperCase(Locale.ROOT);
        if (upper.startsWith("IIS APPPOOL\\")) {
            return VIRTUAL;
        }
        if (upper.startsWith("NT SERVICE\\")) {
            return SERVICE;
        }
        if (upper.startsWith("NT AUTHORITY\\") || upper.startsWith("BUILTIN\\")) {
            return BUILTIN;
        }
        return account.endsWith("$") ? GMSA : USER;
    }
}
