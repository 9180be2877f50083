package dev.ndesdiag.api.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Accounts holds the identities that matter to NDES and the local groups that matter, by SID
 * (group names are localized; SIDs are not).
 *
 * @param accounts the identities; never null
 * @param localGroups the local groups with their members' SIDs; never null
 * @since 0.1.0
 */
public record Accounts(List<Account> accounts, List<LocalGroup> localGroups) {

    /** Copies the components. */
    public Accounts {
        accounts = List.copyOf(accounts);
        localGroups = List.copyOf(localGroups);
    }

    /**
     * Finds a local group by SID, such as {@code S-1-5-32-568} for IIS_IUSRS.
     *
     * @param sid the group's SID; never null
     * @return the group, or empty
     */
    public Optional<LocalGroup> group(String sid) {
        return localGroups.stream().filter(g -> g.sid().equalsIgnoreCase(sid)).findFirst();
    }

    /**
     * One identity, resolved to its SID.
     *
     * @param name such as {@code CONTOSO\svc_ndes}; never null
     * @param sid its SID; never null
     * @param kind what sort of identity it is, when the file says and names a kind of the format
     * @param enabled whether the account is enabled, when known
     * @param lockedOut whether it is locked out, when known
     * @param passwordExpired whether its password has expired, when known
     * @param passwordLastSet when its password was last set, when known
     * @param passwordNeverExpires whether the account is set so that its password never expires
     *     ({@code userAccountControl} DONT_EXPIRE_PASSWORD), when known
     * @param passwordExpiresAt when its password expires as AD computes it
     *     ({@code msDS-UserPasswordExpiryTimeComputed}), when known and finite
     * @param groups the SIDs of the domain and local groups it is a member of, transitively (AD
     *     {@code tokenGroups}); empty when not collected, so membership through a domain group is unknown
     * @param passwordRetrievers for a gMSA, the SIDs that may retrieve its managed password (the allow
     *     entries of {@code msDS-GroupMSAMembership}); empty when not collected
     */
    public record Account(
            String name,
            String sid,
            Optional<AccountKind> kind,
            Optional<Boolean> enabled,
            Optional<Boolean> lockedOut,
            Optional<Boolean> passwordExpired,
            Optional<Instant> passwordLastSet,
            Optional<Boolean> passwordNeverExpires,
            Optional<Instant> passwordExpiresAt,
            Optional<List<String>> groups,
            Optional<List<String>> passwordRetrievers) {

        /** Validates and copies the components. */
        public Account {
            Objects.requireNonNull(passwordNeverExpires, "passwordNeverExpires");
            Objects.requireNonNull(passwordExpiresAt, "passwordExpiresAt");
            groups = Objects.requireNonNull(groups, "groups").map(List::copyOf);
            passwordRetrievers = Objects.requireNonNull(passwordRetrievers, "passwordRetrievers").map(List::copyOf);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sid, "sid");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(enabled, "enabled");
            Objects.requireNonNull(lockedOut, "lockedOut");
            Objects.requireNonNull(passwordExpired, "passwordExpired");
            Objects.requireNonNull(passwordLastSet, "passwordLastSet");
        }

        /**
         * Creates an account without the directory facts of format 1's later fields (the constructor of 0.1.0).
         *
         * @param name the account name
         * @param sid its SID
         * @param kind its kind, when known
         * @param enabled whether it is enabled, when known
         * @param lockedOut whether it is locked out, when known
         * @param passwordExpired whether its password has expired, when known
         * @param passwordLastSet when its password was last set, when known
         */
        public Account(String name, String sid, Optional<AccountKind> kind, Optional<Boolean> enabled,
                Optional<Boolean> lockedOut, Optional<Boolean> passwordExpired, Optional<Instant> passwordLastSet) {
            this(name, sid, kind, enabled, lockedOut, passwordExpired, passwordLastSet, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    /**
     * One local group.
     *
     * @param sid the group's SID; never null
     * @param name its (localized) name; never null
     * @param members the SIDs of its members; never null
     */
    public record LocalGroup(String sid, String name, List<String> members) {

        /** Validates and copies the components. */
        public LocalGroup {
            Objects.requireNonNull(sid, "sid");
            Objects.requireNonNull(name, "name");
            members = List.copyOf(members);
        }
    }
}
