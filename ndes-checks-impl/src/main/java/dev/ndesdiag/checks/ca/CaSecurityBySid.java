package dev.ndesdiag.checks.ca;

import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.ca.CaAccess;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.inputs.AuthorityInputs;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.templates.DirectoryAccess;
import dev.ndesdiag.windows.Ace;
import dev.ndesdiag.windows.SecurityDescriptor;
import dev.ndesdiag.windows.ServiceIdentity;
import java.util.Optional;

/**
 * ca-request-permission's judgement from the CA's security descriptor in SDDL
 * ({@code commands/ca-security-sddl.txt}), whose entries carry SIDs: the NDES account's own SID and
 * its groups from accounts.json decide, where certutil's names could only be matched by name.
 */
final class CaSecurityBySid {

    static final String FILE = "commands/ca-security-sddl.txt";

    private CaSecurityBySid() {
    }

    /**
     * Judges by SID when the bundle allows it.
     *
     * @param context the check's context
     * @return the result; empty when the SDDL was not collected, its command failed, or the NDES
     *         account has no SID in the bundle, so that the check judges certutil's names instead
     */
    static Optional<CheckResult> judge(CheckContext context) {
        Optional<CommandCapture> capture = context.find(AuthorityInputs.CA_SECURITY_SDDL);
        if (capture.isEmpty() || (capture.get().exitCode().isPresent() && capture.get().exitCode().getAsInt() != 0)) {
            return Optional.empty();
        }
        String text = capture.get().output().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<ServiceIdentity> identity = context.find(NdesInputs.IIS).flatMap(ScepPoolIdentity::account)
                .map(a -> DirectoryAccess.networkIdentity(a, context.find(NdesInputs.ACCOUNTS)));
        if (identity.isEmpty() || identity.get().sid().isEmpty()) {
            return Optional.empty();
        }
        SecurityDescriptor sd;
        try {
            sd = SecurityDescriptor.parse(text);
        } catch (IllegalArgumentException e) {
            return Optional.of(CheckResult.of(Finding.error("CA_SECURITY_SDDL_UNREADABLE", FILE + " is not SDDL this reader "
                            + "understands: " + e.getMessage())
                    .withEvidence("file", FILE).withEvidence("raw", cut(text))));
        }
        ServiceIdentity id = identity.get();
        CaAccess.Answer answer = CaAccess.enroll(sd, id);
        String who = id.account() + " (" + id.sid().orElseThrow() + ")";
        switch (answer.verdict()) {
            case DENIED -> {
                Ace deny = answer.deciding().orElseThrow();
                return Optional.of(CheckResult.of(CaRequestPermissionCheck.fail("CA_REQUEST_DENIED", "The CA's security denies "
                                + "Request Certificates to " + label(deny) + ", which " + who + " holds.", id.account())
                        .withEvidence("denyEntry", deny.sid().orElse(deny.trustee())).withEvidence("file", FILE)
                        .withEvidence("sid", id.sid().orElseThrow())));
            }
            case GRANTED -> {
                Ace grant = answer.deciding().orElseThrow();
                return Optional.of(CheckResult.of(Finding.pass("CA_REQUEST_ALLOWED", label(grant) + " may request "
                                + "certificates from the CA, and " + who + " holds it.")
                        .withEvidence("entry", grant.sid().orElse(grant.trustee())).withEvidence("file", FILE)));
            }
            case UNKNOWN -> {
                return Optional.of(CheckResult.of(Finding.skipped("CA_REQUEST_BY_GROUP", "Request Certificates is granted only "
                                + "to " + String.join(", ", answer.groups()) + ", and the bundle cannot show whether " + who
                                + " is in them (a group of another domain, a local group of the CA computer, or an account "
                                + "whose AD groups were not read).")
                        .withEvidence("grantedTo", String.join(", ", answer.groups())).withEvidence("file", FILE)
                        .withRemediation("Check that " + id.account() + " is in one of these groups, or grant it Request "
                                + "Certificates on the CA's Security tab.")));
            }
            default -> {
                return Optional.of(CheckResult.of(CaRequestPermissionCheck.fail("CA_REQUEST_NOT_GRANTED", "The CA's security "
                                + "grants Request Certificates to no SID " + who + " holds.", id.account())
                        .withEvidence("entries", sd.dacl().size()).withEvidence("file", FILE)
                        .withEvidence("groupsKnown", id.membershipKnown())));
            }
        }
    }

    private static String cut(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    /** The trustee as a support engineer reads it: {@code NT AUTHORITY\Authenticated Users (AU)}, or the SDDL text. */
    private static String label(Ace ace) {
        return ace.sid().flatMap(dev.ndesdiag.windows.Sids::displayName).map(n -> n + " (" + ace.trustee() + ")").orElse(ace.trustee());
    }
}
