package dev.ndesdiag.ca;

import dev.ndesdiag.windows.Ace;
import dev.ndesdiag.windows.SecurityDescriptor;
import dev.ndesdiag.windows.ServiceIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides from the CA's own security descriptor (SDDL, with SIDs) whether an identity may request
 * certificates: the Enroll bit {@code 0x200} of [MS-CSRA] 3.1.1.7 ("Request Certificates" on the CA's
 * Security tab). A deny entry for one of the identity's SIDs wins; an allow entry for one of them
 * grants; an entry for a group the bundle cannot place the identity in leaves the answer unknown.
 *
 * <p>When the bundle lists the account's AD groups ({@code tokenGroups}, read from a domain controller
 * of its own domain, which expands global, universal and that domain's domain-local groups), a SID of
 * the account's own domain that is not among them is no group of the account. SIDs of another domain,
 * of the CA computer's local groups ({@code S-1-5-21-<CA computer>-...}) and BUILTIN aliases
 * ({@code S-1-5-32-...}, the CA computer's own groups) stay unknown.
 */
public final class CaAccess {

    /** CA_ACCESS_ENROLL, [MS-CSRA] 3.1.1.7. */
    public static final long ENROLL = 0x200L;

    /** How an identity stands with Request Certificates. */
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
     * The answer.
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

    private CaAccess() {
    }

    /**
     * Decides whether the identity may request certificates.
     *
     * @param sd the CA's security descriptor; never null
     * @param identity the identity with its token SIDs; never null
     * @return the answer; never null
     */
    public static Answer enroll(SecurityDescriptor sd, ServiceIdentity identity) {
        for (Ace ace : sd.dacl()) {
            if (ace.type() == Ace.Type.DENY && ace.appliesToObject() && (ace.mask() & ENROLL) != 0 && held(ace, identity)) {
                return new Answer(Verdict.DENIED, Optional.of(ace), List.of());
            }
        }
        List<String> groups = new ArrayList<>();
        for (Ace ace : sd.dacl()) {
            if (ace.type() != Ace.Type.ALLOW || !ace.appliesToObject() || (ace.mask() & ENROLL) == 0) {
                continue;
            }
            if (held(ace, identity)) {
                return new Answer(Verdict.GRANTED, Optional.of(ace), List.of());
            }
            if (couldBeGroup(ace, identity)) {
                groups.add(ace.sid().orElse(ace.trustee()));
            }
        }
        return groups.isEmpty() ? new Answer(Verdict.NOT_GRANTED, Optional.empty(), List.of())
                : new Answer(Verdict.UNKNOWN, Optional.empty(), groups);
    }

    private static boolean held(Ace ace, ServiceIdentity identity) {
        return ace.sid().map(s -> s.toUpperCase(Locale.ROOT)).filter(identity.tokenSids()::contains).isPresent();
    }

    private static boolean couldBeGroup(Ace ace, ServiceIdentity identity) {
        Optional<String> sid = ace.sid().map(s -> s.toUpperCase(Locale.ROOT));
        if (sid.isEmpty()) {
            return true;
        }
        String s = sid.get();
        if (s.startsWith("S-1-5-32-")) {
            return true;
        }
        if (!s.startsWith("S-1-5-21-")) {
            return false;
        }
        Optional<String> ownDomain = identity.sid().map(CaAccess::domainOf);
        boolean sameDomain = ownDomain.filter(d -> d.equals(domainOf(s))).isPresent();
        return !(identity.membershipKnown() && sameDomain);
    }

    /** The domain part of a domain SID: everything before its last sub-authority (the RID). */
    static String domainOf(String sid) {
        String upper = sid.toUpperCase(Locale.ROOT);
        int last = upper.lastIndexOf('-');
        return last > 0 ? upper.substring(0, last) : upper;
    }
}
