package dev.ndesdiag.templates;

import dev.ndesdiag.api.snapshot.AccountKind;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.windows.AccessMask;
import dev.ndesdiag.windows.Ace;
import dev.ndesdiag.windows.SecurityDescriptor;
import dev.ndesdiag.windows.ServiceIdentity;
import dev.ndesdiag.windows.Sids;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Decides what a certificate template's security descriptor lets an identity do: Read (read
 * property) and Enroll (the Certificate-Enrollment extended right,
 * {@code 0e10c968-78fb-11d2-90d4-00c04f79dc55}, [MS-CRTD] 4.2 and [MS-WCCE] 3.2.2.6.2.1.4.5.8).
 * Deny entries for the identity's SIDs win over allow entries; an entry for a group the bundle
 * cannot place the identity in leaves the answer unknown, never a yes or a no.
 */
public final class DirectoryAccess {

    /** The Certificate-Enrollment extended right. */
    public static final String ENROLL = "0e10c968-78fb-11d2-90d4-00c04f79dc55";
    /** ADS_RIGHT_DS_CONTROL_ACCESS: extended rights. */
    static final long CONTROL_ACCESS = 0x100L;
    /** ADS_RIGHT_DS_READ_PROP. */
    static final long READ_PROPERTY = 0x10L;

    /** How an identity stands with one right. */
    public enum Verdict {
        /** An allow entry for one of its SIDs grants it and no deny entry takes it away. */
        GRANTED,
        /** A deny entry for one of its SIDs takes it away. */
        DENIED,
        /** Only entries for groups the bundle cannot place the identity in could grant it. */
        UNKNOWN,
        /** No entry grants it to anyone the identity could be. */
        NOT_GRANTED
    }

    /**
     * The answer for one right.
     *
     * @param verdict the verdict
     * @param deciding the entry that decided it, for GRANTED and DENIED
     * @param groups the trustees of the entries that might grant it, for UNKNOWN
     */
    public record Answer(Verdict verdict, Optional<Ace> deciding, List<String> groups) {

        /** Copies the components. */
        public Answer {
            groups = List.copyOf(groups);
        }
    }

    private DirectoryAccess() {
    }

    /**
     * Decides whether the identity may enroll.
     *
     * @param sd the template's descriptor; never null
     * @param identity the identity, with its token SIDs; never null
     * @return the answer; never null
     */
    public static Answer enroll(SecurityDescriptor sd, ServiceIdentity identity) {
        return decide(sd, identity, ace -> covers(ace, m -> (m & (CONTROL_ACCESS | AccessMask.GENERIC_ALL)) != 0, true));
    }

    /**
     * Decides whether the identity may read the template.
     *
     * @param sd the template's descriptor; never null
     * @param identity the identity; never null
     * @return the answer; never null
     */
    public static Answer read(SecurityDescriptor sd, ServiceIdentity identity) {
        return decide(sd, identity, ace -> covers(ace,
                m -> (m & (READ_PROPERTY | AccessMask.GENERIC_READ | AccessMask.GENERIC_ALL)) != 0, false));
    }

    /**
     * The identity NDES enrolls as on the network: the SCEP pool's domain account, or the computer
     * account ({@code <computer>$} in accounts.json) when the pool runs as a built-in or virtual
     * account, which reach the CA and AD as the computer.
     *
     * @param poolAccount the pool's account; never null
     * @param accounts the snapshot's accounts, when collected
     * @return the identity; its SID is empty when the bundle cannot resolve it
     */
    public static ServiceIdentity networkIdentity(String poolAccount, Optional<Accounts> accounts) {
        boolean local = Sids.wellKnown(poolAccount).isPresent() || Sids.isAppPoolAccount(poolAccount);
        if (!local) {
            return ServiceIdentity.resolve(poolAccount, accounts);
        }
        Optional<Accounts.Account> computer = accounts.flatMap(a -> a.accounts().stream()
                .filter(x -> x.kind().filter(k -> k == AccountKind.COMPUTER).isPresent()).findFirst());
        return computer.map(c -> ServiceIdentity.resolve(c.name(), accounts))
                .orElseGet(() -> new ServiceIdentity("the computer account of the NDES server", Optional.empty(), java.util.Set.of(), false));
    }

    private interface Covers {
        boolean test(Ace ace);
    }

    private static boolean covers(Ace ace, LongPredicate mask, boolean extendedRight) {
        if (!mask.test(ace.mask())) {
            return false;
        }
        boolean object = ace.type() == Ace.Type.OBJECT_ALLOW || ace.type() == Ace.Type.OBJECT_DENY;
        if (!object) {
            return ace.type() == Ace.Type.ALLOW || ace.type() == Ace.Type.DENY;
        }
        // an object entry grants the right only for its object type: Enroll's GUID, or none (all)
        return ace.objectType().isEmpty() || (extendedRight && ace.objectType().get().equals(ENROLL));
    }

    private static Answer decide(SecurityDescriptor sd, ServiceIdentity identity, Covers covers) {
        if (!sd.daclPresent()) {
            return new Answer(Verdict.GRANTED, Optional.empty(), List.of());
        }
        for (Ace ace : sd.dacl()) {
            if (isDeny(ace) && ace.appliesToObject() && covers.test(ace) && held(ace, identity)) {
                return new Answer(Verdict.DENIED, Optional.of(ace), List.of());
            }
        }
        List<String> groups = new ArrayList<>();
        for (Ace ace : sd.dacl()) {
            if (!isDeny(ace) && ace.appliesToObject() && covers.test(ace)) {
                if (held(ace, identity)) {
                    return new Answer(Verdict.GRANTED, Optional.of(ace), List.of());
                }
                if (couldBeGroup(ace)) {
                    groups.add(ace.sid().orElse(ace.trustee()));
                }
            }
        }
        return groups.isEmpty() ? new Answer(Verdict.NOT_GRANTED, Optional.empty(), List.of())
                : new Answer(Verdict.UNKNOWN, Optional.empty(), groups);
    }

    private static boolean isDeny(Ace ace) {
        return ace.type() == Ace.Type.DENY || ace.type() == Ace.Type.OBJECT_DENY;
    }

    private static boolean held(Ace ace, ServiceIdentity identity) {
        return ace.sid().map(s -> s.toUpperCase(Locale.ROOT)).filter(identity.tokenSids()::contains).isPresent();
    }

    /**
     * Whether a trustee may be a group the identity belongs to without the bundle saying so: a
     * domain SID or a domain alias (DA, DU, EA, ...) the SDDL reader cannot resolve. The well-known
     * accounts (SYSTEM, LOCAL SERVICE, ...) are no groups.
     */
    private static boolean couldBeGroup(Ace ace) {
        Optional<String> sid = ace.sid();
        if (sid.isEmpty()) {
            return true;
        }
        String s = sid.get();
        return s.startsWith("S-1-5-21-") || s.startsWith("S-1-5-32-");
    }
}
