package dev.ndesdiag.checks.ca;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.AccountKind;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.ca.CaAccessEntry;
import dev.ndesdiag.ca.CaAccessEntry.Right;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.inputs.AuthorityInputs;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.windows.Sids;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The CA's own security must let the NDES service account request certificates ("Request
 * Certificates", which {@code certutil -getreg CA\Security} prints as Enroll); otherwise the CA
 * refuses NDES's requests with access denied ({@code 0x80070005}) and mscep.dll answers HTTP 500.
 * The CA's security descriptor in SDDL ({@code commands/ca-security-sddl.txt}, read through
 * ICertAdmin2::GetConfigEntry) decides by SID, with the account's AD groups from accounts.json; without
 * it, certutil's text decides by principal name. An entry for a group the bundle cannot place the
 * account in leaves the answer unknown (SKIPPED), never a pass or a failure.
 */
public final class CaRequestPermissionCheck extends AbstractCheck {

    static final String CA_SECURITY = "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2012-R2-and-2012/hh831498(v=ws.11)";
    /** [MS-CSRA] 3.1.1.7 Permissions: the CA's rights as access mask bits (Enroll 0x200). */
    static final String CA_PERMISSIONS = "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-csra/509360cf-9797-491e-9dd1-795f63cb1538";
    /** The names certutil prints for the groups every domain account is in (English Windows). */
    static final Set<String> EVERY_ACCOUNT = Set.of("nt authority\\authenticated users", "everyone");

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public CaRequestPermissionCheck() {
        super(CheckDescriptor.of("ca-request-permission",
                        "The CA's security lets the NDES service account request certificates", Category.CONFIGURATION)
                .withSymptoms("HTTP 500", "0x80070005 from the CA", "NDES events 2 and 10")
                .requires(AuthorityInputs.CA_SECURITY)
                .uses(NdesInputs.IIS, NdesInputs.ACCOUNTS, AuthorityInputs.CA_SECURITY_SDDL)
                .withReferences(CA_SECURITY, CA_PERMISSIONS));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Optional<CheckResult> bySid = CaSecurityBySid.judge(context);
        if (bySid.isPresent()) {
            return bySid.get();
        }
        CaGetreg.Read read = CaGetreg.read(context.get(AuthorityInputs.CA_SECURITY), "CA\\Security");
        if (read.value().isEmpty()) {
            return CheckResult.of(read.why().orElseThrow());
        }
        CaAccessEntry.Parsed parsed = CaAccessEntry.parse(read.value().get());
        Optional<String> account = networkAccount(context);
        List<String> names = new ArrayList<>(EVERY_ACCOUNT);
        account.ifPresent(a -> names.add(a.toLowerCase(Locale.ROOT)));
        Optional<CaAccessEntry> deny = parsed.entries().stream()
                .filter(e -> !e.allow() && e.rights().contains(Right.ENROLL) && names.contains(e.principal().toLowerCase(Locale.ROOT)))
                .findFirst();
        String who = account.orElse("the NDES service account");
        if (deny.isPresent()) {
            return CheckResult.of(fail("CA_REQUEST_DENIED", "The CA's security denies Request Certificates to " + deny.get().principal()
                    + ", which includes " + who + ".", who).withEvidence("denyEntry", deny.get().principal()));
        }
        Optional<CaAccessEntry> grant = parsed.entries().stream()
                .filter(e -> e.allow() && e.rights().contains(Right.ENROLL) && names.contains(e.principal().toLowerCase(Locale.ROOT)))
                .findFirst();
        if (grant.isPresent()) {
            return CheckResult.of(Finding.pass("CA_REQUEST_ALLOWED", grant.get().principal() + " may request certificates from the CA"
                    + (account.isPresent() ? ", which includes " + who : "") + ".").withEvidence("entry", grant.get().principal()));
        }
        List<String> others = parsed.entries().stream().filter(e -> e.allow() && e.rights().contains(Right.ENROLL))
                .map(CaAccessEntry::principal).toList();
        if (account.isEmpty() || !others.isEmpty() || !parsed.unread().isEmpty()) {
            return CheckResult.of(Finding.skipped("CA_REQUEST_BY_GROUP", "Request Certificates is granted only to "
                            + (others.isEmpty() ? "entries this reader could not read" : String.join(", ", others))
                            + ", and the bundle cannot show whether " + who + " is in them.")
                    .withEvidence("grantedTo", String.join(", ", others))
                    .withEvidence("unreadLines", String.join(" | ", parsed.unread()))
                    .withRemediation("Check that " + who + " is in one of these groups, or grant it Request Certificates on "
                            + "the CA's Security tab."));
        }
        return CheckResult.of(fail("CA_REQUEST_NOT_GRANTED", "The CA's security grants Request Certificates to no one "
                + who + " can be.", who).withEvidence("entries", parsed.entries().size()));
    }

    static Finding fail(String code, String what, String who) {
        return Finding.fail(code, what + " The CA refuses NDES's requests with access denied (0x80070005): NDES logs events "
                        + "2 and 10 and mscep.dll answers HTTP 500.")
                .withEvidence("account", who)
                .withRemediation("In the Certification Authority console, CA Properties > Security, allow " + who
                        + " Read and Request Certificates (and remove the deny), then iisreset on the NDES server.")
                .withReference(CA_SECURITY);
    }

    /** The name NDES reaches the CA as: the pool's domain account, or the computer account for built-in identities. */
    static Optional<String> networkAccount(CheckContext context) {
        Optional<String> pool = context.find(NdesInputs.IIS).flatMap(ScepPoolIdentity::account);
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        boolean local = Sids.wellKnown(pool.get()).isPresent() || Sids.isAppPoolAccount(pool.get());
        if (!local) {
            return pool;
        }
        return context.find(NdesInputs.ACCOUNTS).flatMap(a -> a.accounts().stream()
                .filter(x -> x.kind().filter(k -> k == AccountKind.COMPUTER).isPresent()).map(Accounts.Account::name).findFirst());
    }
}
