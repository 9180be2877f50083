package dev.ndesdiag.windows;

import dev.ndesdiag.api.snapshot.Accounts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The account a service or an application pool's worker process runs as, with the SIDs its token
 * carries as far as the snapshot tells, and whether that is all of them.
 *
 * <p>The token holds the account's own SID, Everyone and Authenticated Users, the groups the
 * bundle lists for the account (AD {@code tokenGroups}), and every local group of
 * {@code security/accounts.json} that holds any of these, nested. For an IIS worker process WAS
 * also injects the pool's own SID ({@code IIS APPPOOL\<pool>}) and IIS_IUSRS, whatever the pool's
 * identity type, so a key granted to {@code IIS APPPOOL\SCEP} stays readable after the pool was
 * switched to a gMSA (IIS "Application Pool Identities",
 * https://learn.microsoft.com/iis/manage/configuring-security/application-pool-identities; IIS
 * "Understanding Built-In User and Group Accounts in IIS", IIS_IUSRS is added to the worker's token
 * at run time, https://learn.microsoft.com/iis/get-started/planning-for-security/understanding-built-in-user-and-group-accounts-in-iis).
 *
 * @param account the account name, such as {@code CONTOSO\svc_ndes} or {@code IIS APPPOOL\SCEP}
 * @param sid the account's SID, when it could be resolved
 * @param tokenSids the SIDs the account's token carries; empty when the SID is unknown
 * @param membershipKnown whether the token SIDs are all its groups: true for local and virtual
 *        accounts and for accounts whose {@code groups} the bundle gives; false for a domain account
 *        without them, whose membership through domain groups is then unknown
 */
public record ServiceIdentity(String account, Optional<String> sid, Set<String> tokenSids, boolean membershipKnown) {

    /** Validates and copies the components. */
    public ServiceIdentity {
        tokenSids = Set.copyOf(tokenSids);
    }

    /**
     * Resolves an account: well-known and virtual accounts by themselves, others by name in
     * {@code accounts.json}.
     *
     * @param account the account name; never null
     * @param accounts the snapshot's accounts, when collected
     * @return the identity; its SID is empty when it could not be resolved
     */
    public static ServiceIdentity resolve(String account, Optional<Accounts> accounts) {
        return resolve(account, List.of(), accounts);
    }

    /**
     * Resolves the identity of an IIS worker process: the pool's account, plus the pool's own SID
     * and IIS_IUSRS, which WAS injects into every worker token.
     *
     * @param account the pool's account; never null
     * @param poolAccount the pool's virtual account, {@code IIS APPPOOL\<pool>}; never null
     * @param accounts the snapshot's accounts, when collected
     * @return the identity
     */
    public static ServiceIdentity workerProcess(String account, String poolAccount, Optional<Accounts> accounts) {
        List<String> injected = new ArrayList<>();
        Sids.wellKnown(poolAccount).ifPresent(injected::add);
        injected.add(Sids.IIS_IUSRS);
        return resolve(account, injected, accounts);
    }

    private static ServiceIdentity resolve(String account, List<String> injected, Optional<Accounts> accounts) {
        Optional<String> wellKnown = Sids.wellKnown(account);
        Optional<Accounts.Account> listed = accounts.flatMap(a -> a.accounts().stream()
                .filter(x -> x.name().equalsIgnoreCase(account.strip())).findFirst());
        Optional<String> sid = wellKnown.or(() -> listed.map(Accounts.Account::sid));
        if (sid.isEmpty()) {
            return new ServiceIdentity(account, sid, Set.of(), false);
        }
        Set<String> token = new LinkedHashSet<>();
        token.add(sid.get().toUpperCase(Locale.ROOT));
        token.add(Sids.EVERYONE);
        token.add(Sids.AUTHENTICATED_USERS);
        injected.forEach(s -> token.add(s.toUpperCase(Locale.ROOT)));
        Optional<List<String>> groups = listed.flatMap(Accounts.Account::groups);
        groups.ifPresent(g -> g.forEach(s -> token.add(s.toUpperCase(Locale.ROOT))));
        if (Sids.isAppPoolAccount(account)) {
            token.add(Sids.IIS_IUSRS);
        }
        if (accounts.isPresent()) {
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Accounts.LocalGroup g : accounts.get().localGroups()) {
                    String gs = g.sid().toUpperCase(Locale.ROOT);
                    if (!token.contains(gs) && g.members().stream().anyMatch(m -> token.contains(m.toUpperCase(Locale.ROOT)))) {
                        token.add(gs);
                        grew = true;
                    }
                }
            }
        }
        // well-known and virtual accounts have no domain groups in their local token; a domain
        // account's come only from the bundle's groups (tokenGroups)
        boolean known = wellKnown.isPresent() || groups.isPresent();
        return new ServiceIdentity(account, sid, token, known);
    }

    /**
     * Tells whether the token carries a trustee (a SID, or an account name as secedit or an ACL
     * writes it).
     *
     * @param trustee an {@code S-1-...} SID, a {@code *S-1-...} secedit entry, or a name
     * @param localGroups the SIDs of the local groups the bundle lists with their members
     * @return true or false when the bundle decides it; empty when it cannot: a domain or local
     *         group ({@code S-1-5-21-...}) the account may belong to without the bundle saying, or a
     *         name that does not resolve
     */
    public Optional<Boolean> carries(String trustee, Set<String> localGroups) {
        String t = trustee.strip();
        if (t.startsWith("*")) {
            t = t.substring(1);
        }
        Optional<String> asSid = t.regionMatches(true, 0, "S-1-", 0, 4)
                ? Optional.of("S" + t.substring(1).toUpperCase(Locale.ROOT))
                : Sids.wellKnown(t).or(() -> Sids.fromSddl(trustee.strip()).filter(x -> trustee.strip().length() == 2));
        if (asSid.isEmpty()) {
            if (t.equalsIgnoreCase(account.strip()) || t.equalsIgnoreCase("IIS_IUSRS") && tokenSids.contains(Sids.IIS_IUSRS)) {
                return Optional.of(true);
            }
            return Optional.empty();
        }
        String s = asSid.get();
        if (tokenSids.contains(s)) {
            return Optional.of(true);
        }
        if (s.startsWith("S-1-5-21-") && !membershipKnown && !localGroups.contains(s)) {
            return Optional.empty();
        }
        return Optional.of(false);
    }

    /** The verdict on a file for this identity. */
    public enum Verdict {
        /** An allow entry for a SID of the token grants read. */
        READABLE,
        /** A deny entry for a SID of the token refuses read. */
        DENIED,
        /** No entry grants read to a SID of the token, and every group that does is known not to hold it. */
        NOT_READABLE,
        /** Only groups whose membership the bundle cannot show grant read. */
        UNKNOWN
    }

    /**
     * The verdict on a file, with the deciding entry, everyone the DACL lets read, and the groups
     * whose membership would decide an unknown verdict.
     *
     * @param verdict the verdict
     * @param decidingAce the entry that decided, when one did
     * @param readers everyone the DACL lets read
     * @param undecided the trustees that grant read whose membership the bundle cannot show
     */
    public record Access(Verdict verdict, Optional<Ace> decidingAce, List<String> readers, List<String> undecided) {

        /** @return whether the identity can read the file */
        public boolean readable() {
            return verdict == Verdict.READABLE;
        }
    }

    /**
     * Decides whether this identity can read a file with the given security descriptor: a deny
     * entry for any of its SIDs that covers reading wins, else any allow entry that covers reading
     * grants. Inherit-only entries do not apply to the file itself. When no entry decides but a
     * group the bundle cannot see into grants read, the verdict is unknown.
     *
     * @param sd the file's descriptor; never null
     * @param localGroups the SIDs of the local groups the bundle lists with their members
     * @return the verdict
     */
    public Access canRead(SecurityDescriptor sd, Set<String> localGroups) {
        return access(sd, localGroups, AccessMask::readsFile);
    }

    /**
     * Decides whether this identity can create files in a folder with the given security
     * descriptor (FILE_ADD_FILE, GENERIC_WRITE or GENERIC_ALL), by the same rules as
     * {@link #canRead(SecurityDescriptor, Set)}.
     *
     * @param sd the folder's descriptor; never null
     * @param localGroups the SIDs of the local groups the bundle lists with their members
     * @return the verdict; {@link Access#readable()} then means "may create files"
     */
    public Access canAddFile(SecurityDescriptor sd, Set<String> localGroups) {
        return access(sd, localGroups, AccessMask::addsFile);
    }

    /**
     * Decides whether this identity can create files in a folder, with no local group listed.
     *
     * @param sd the folder's descriptor; never null
     * @return the verdict
     */
    public Access canAddFile(SecurityDescriptor sd) {
        return canAddFile(sd, Set.of());
    }

    private Access access(SecurityDescriptor sd, Set<String> localGroups, java.util.function.LongPredicate right) {
        List<String> readers = new ArrayList<>();
        for (Ace ace : sd.dacl()) {
            if (ace.type() == Ace.Type.ALLOW && ace.appliesToObject() && right.test(ace.mask())) {
                readers.add(ace.sid().orElse(ace.trustee()));
            }
        }
        if (!sd.daclPresent()) {
            return new Access(Verdict.READABLE, Optional.empty(), List.of(Sids.EVERYONE), List.of());
        }
        for (Ace ace : sd.dacl()) {
            if (ace.type() == Ace.Type.DENY && ace.appliesToObject() && right.test(ace.mask())
                    && ace.sid().filter(tokenSids::contains).isPresent()) {
                return new Access(Verdict.DENIED, Optional.of(ace), readers, List.of());
            }
        }
        List<String> undecided = new ArrayList<>();
        for (Ace ace : sd.dacl()) {
            if (ace.type() == Ace.Type.ALLOW && ace.appliesToObject() && right.test(ace.mask())) {
                Optional<Boolean> carried = carries(ace.sid().orElse(ace.trustee()), localGroups);
                if (carried.orElse(false)) {
                    return new Access(Verdict.READABLE, Optional.of(ace), readers, List.of());
                }
                if (carried.isEmpty()) {
                    undecided.add(ace.sid().orElse(ace.trustee()));
                }
            }
        }
        return new Access(undecided.isEmpty() ? Verdict.NOT_READABLE : Verdict.UNKNOWN, Optional.empty(), readers,
                undecided);
    }

    /**
     * Decides whether this identity can read a file, with no local group listed.
     *
     * @param sd the file's descriptor; never null
     * @return the verdict
     */
    public Access canRead(SecurityDescriptor sd) {
        return canRead(sd, Set.of());
    }

    /**
     * The SIDs of the local groups an accounts file lists with their members.
     *
     * @param accounts the accounts, when collected
     * @return the SIDs, upper-case
     */
    public static Set<String> listedGroups(Optional<Accounts> accounts) {
        Set<String> result = new LinkedHashSet<>();
        accounts.ifPresent(a -> a.localGroups().forEach(g -> result.add(g.sid().toUpperCase(Locale.ROOT))));
        return result;
    }
}
