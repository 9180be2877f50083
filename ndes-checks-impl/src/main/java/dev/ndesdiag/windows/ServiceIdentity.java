package dev.ndesdiag.windows;

import dev.ndesdiag.api.snapshot.Accounts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The account a service or application pool runs as, with the SIDs its token carries as far as
 * the snapshot tells: its own SID, Everyone and Authenticated Users, IIS_IUSRS for an application
 * pool virtual account (IIS adds it when the worker process starts), and every local group that
 * holds any of these, nested, from {@code security/accounts.json}.
 *
 * @param account the account name, such as {@code CONTOSO\svc_ndes} or {@code IIS APPPOOL\SCEP}
 * @param sid the account's SID, when it could be resolved
 * @param tokenSids the SIDs the account's token carries; empty when the SID is unknown
 */
public record ServiceIdentity(String account, Optional<String> sid, Set<String> tokenSids) {

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
        Optional<String> sid = Sids.wellKnown(account).or(() -> accounts.flatMap(a -> a.accounts().stream()
                .filter(x -> x.name().equalsIgnoreCase(account.strip())).map(Accounts.Account::sid).findFirst()));
        if (sid.isEmpty()) {
            return new ServiceIdentity(account, sid, Set.of());
        }
        Set<String> token = new LinkedHashSet<>();
        token.add(sid.get().toUpperCase(Locale.ROOT));
        token.add(Sids.EVERYONE);
        token.add(Sids.AUTHENTICATED_USERS);
        if (Sids.isAppPoolAccount(account)) {
            token.add(Sids.IIS_IUSRS);
        }
        // the domain and local groups AD's tokenGroups lists for the account (accounts.json "groups")
        accounts.flatMap(a -> a.accounts().stream().filter(x -> x.sid().equalsIgnoreCase(sid.get())).findFirst())
                .flatMap(Accounts.Account::groups)
                .ifPresent(groups -> groups.forEach(g -> token.add(g.toUpperCase(Locale.ROOT))));
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
        return new ServiceIdentity(account, sid, token);
    }

    /** The verdict on a file for this identity. */
    public record Access(boolean readable, Optional<Ace> decidingAce, List<String> readers) {
    }

    /**
     * Decides whether this identity can read a file with the given security descriptor: a deny
     * entry for any of its SIDs that covers reading wins, else any allow entry that covers reading
     * grants. Inherit-only entries do not apply to the file itself.
     *
     * @param sd the file's descriptor; never null
     * @return the verdict, with the deciding entry and everyone the DACL lets read
     */
    public Access canRead(SecurityDescriptor sd) {
        return access(sd, AccessMask::readsFile);
    }

    /**
     * Decides whether this identity can create files in a folder with the given security
     * descriptor (FILE_ADD_FILE, GENERIC_WRITE or GENERIC_ALL), by the same rules as {@link #canRead}.
     *
     * @param sd the folder's descriptor; never null
     * @return the verdict, with the deciding entry and everyone the DACL lets create files
     */
    public Access canAddFile(SecurityDescriptor sd) {
        return access(sd, AccessMask::addsFile);
    }

    private Access access(SecurityDescriptor sd, java.util.function.LongPredicate right) {
        List<String> readers = new ArrayList<>();
        for (Ace ace : sd.dacl()) {
            if (ace.type() == Ace.Type.ALLOW && ace.appliesToObject() && right.test(ace.mask())) {
                readers.add(ace.sid().orElse(ace.trustee()));
            }
        }
        if (!sd.daclPresent()) {
            return new Access(true, Optional.empty(), List.of(Sids.EVERYONE));
        }
        for (Ace ace : sd.dacl()) {
            if (ace.type() == Ace.Type.DENY && ace.appliesToObject() && right.test(ace.mask())
                    && ace.sid().filter(tokenSids::contains).isPresent()) {
                return new Access(false, Optional.of(ace), readers);
            }
        }
        for (Ace ace : sd.dacl()) {
            if (ace.type() == Ace.Type.ALLOW && ace.appliesToObject() && right.test(ace.mask())
                    && ace.sid().filter(tokenSids::contains).isPresent()) {
                return new Access(true, Optional.of(ace), readers);
            }
        }
        return new Access(false, Optional.empty(), readers);
    }
}
