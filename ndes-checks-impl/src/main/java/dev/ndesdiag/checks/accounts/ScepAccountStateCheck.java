package dev.ndesdiag.checks.accounts;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.AccountKind;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.inputs.NdesInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The state in AD of the account the SCEP application pool runs as, from {@code security/accounts.json}
 * (read by the collector through ADSI): enabled and not locked out for every directory account; for a
 * user account also a password that has not expired and does not expire within 14 days ("never
 * expires" noted). AD manages the passwords of MSAs, gMSAs and computer accounts; for a gMSA this
 * server must be allowed to retrieve the password (PrincipalsAllowedToRetrieveManagedPassword).
 * An account IIS cannot log on with stops the pool: WAS events 5021/5057/5059 and HTTP 503.
 */
public final class ScepAccountStateCheck extends AbstractCheck {

    static final Duration HORIZON = Duration.ofDays(14);
    static final String DOC = "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes";
    static final String GMSA_DOC = "https://learn.microsoft.com/en-us/windows-server/security/group-managed-service-accounts/getting-started-with-group-managed-service-accounts";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ScepAccountStateCheck() {
        super(CheckDescriptor.of("scep-account-state",
                        "The SCEP pool's account is enabled, not locked out, and its password valid (or managed by AD)",
                        Category.ACCOUNTS)
                .withSymptoms("HTTP 503", "HTTP 500", "WAS event 5021 / 5057 / 5059", "SCEP application pool stops")
                .requires(NdesInputs.IIS, NdesInputs.ACCOUNTS)
                .withReferences(DOC, GMSA_DOC));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Optional<String> name = ScepPoolIdentity.account(context.get(NdesInputs.IIS));
        if (name.isEmpty()) {
            return CheckResult.skipped("NO_SCEP_POOL", "applicationHost.config has no SCEP application pool, so there is no "
                    + "account to check (scep-app-pool reports the missing pool).");
        }
        Accounts accounts = context.get(NdesInputs.ACCOUNTS);
        AccountKind guessed = AccountKind.fromName(name.get());
        if (guessed == AccountKind.VIRTUAL || guessed == AccountKind.BUILTIN || guessed == AccountKind.SERVICE) {
            return CheckResult.of(Finding.pass("LOCAL_IDENTITY", "The SCEP pool runs as " + name.get() + ", a local identity "
                    + "with no password to expire or lock out.").withEvidence("account", name.get()));
        }
        Optional<Accounts.Account> account = accounts.accounts().stream()
                .filter(a -> a.name().equalsIgnoreCase(name.get().strip())).findFirst();
        if (account.isEmpty()) {
            return CheckResult.skipped("ACCOUNT_NOT_RESOLVED", "accounts.json does not hold " + name.get() + ": the collector "
                    + "could not resolve it to a SID (a deleted or mistyped account makes the pool fail to start).");
        }
        Accounts.Account a = account.get();
        AccountKind kind = a.kind().orElse(guessed);
        List<Finding> findings = new ArrayList<>();
        String who = a.name() + " (" + kind.wireName() + ")";
        String effect = "IIS cannot log on as it, the SCEP pool stops (WAS 5021/5057/5059) and devices get HTTP 503.";
        if (a.enabled().isEmpty() || a.lockedOut().isEmpty()) {
            findings.add(Finding.skipped("ACCOUNT_STATE_UNKNOWN", "accounts.json does not say whether " + who
                    + " is enabled and unlocked (the collector could not read it from AD).")
                    .withRemediation("Run ndes-diag collect as a domain user, or check the account in AD Users and Computers."));
        } else {
            if (!a.enabled().get()) {
                findings.add(Finding.fail("ACCOUNT_DISABLED", "The SCEP pool's account " + who + " is disabled in AD: " + effect)
                        .withEvidence("account", a.name()).withEvidence("sid", a.sid())
                        .withRemediation("Enable the account in AD, then start the SCEP application pool (or iisreset).")
                        .withReference(DOC));
            }
            if (a.lockedOut().get()) {
                findings.add(Finding.fail("ACCOUNT_LOCKED_OUT", "The SCEP pool's account " + who + " is locked out: " + effect)
                        .withEvidence("account", a.name()).withEvidence("sid", a.sid())
                        .withRemediation("Unlock the account; find what keeps using an old password (another pool, a "
                                + "service or a scheduled task) before it locks it again.")
                        .withReference(DOC));
            }
            if (a.enabled().get() && !a.lockedOut().get()) {
                findings.add(Finding.pass("ACCOUNT_ENABLED", who + " is enabled and not locked out."));
            }
        }
        findings.add(kind == AccountKind.USER ? password(a, context.now())
                : kind == AccountKind.GMSA ? gmsa(a, accounts, context)
                : Finding.pass("PASSWORD_MANAGED_BY_AD", "AD manages the password of " + who + "; it does not expire."));
        return CheckResult.of(findings);
    }

    private static Finding password(Accounts.Account a, Instant now) {
        if (a.passwordExpired().filter(Boolean::booleanValue).isPresent()) {
            return Finding.fail("PASSWORD_EXPIRED", "The password of " + a.name() + ", the SCEP pool's account, has expired: "
                            + "IIS cannot log on as it, the pool stops and devices get HTTP 503 (HTTP 500 while a worker "
                            + "still runs).")
                    .withEvidence("account", a.name())
                    .withEvidence("passwordLastSet", a.passwordLastSet().map(Object::toString).orElse("unknown"))
                    .withRemediation("Set a new password in AD, then the same password on the SCEP application pool "
                            + "(IIS Manager > Application Pools > SCEP > Advanced Settings > Identity) and restart it.")
                    .withReference(DOC);
        }
        if (a.passwordNeverExpires().filter(Boolean::booleanValue).isPresent()) {
            return Finding.pass("PASSWORD_NEVER_EXPIRES", "The password of " + a.name() + " is set never to expire.")
                    .withEvidence("passwordNeverExpires", true);
        }
        if (a.passwordExpiresAt().isPresent()) {
            Instant at = a.passwordExpiresAt().get();
            if (!at.isAfter(now.plus(HORIZON))) {
                return Finding.warn("PASSWORD_EXPIRES_SOON", "The password of " + a.name() + ", the SCEP pool's account, expires "
                                + "at " + at + " (within " + HORIZON.toDays() + " days): then the pool stops and devices get HTTP 503.")
                        .withEvidence("account", a.name()).withEvidence("passwordExpiresAt", at.toString())
                        .withRemediation("Change the password before it expires and set it on the SCEP application pool too, "
                                + "or move the pool to a gMSA, whose password AD rotates.")
                        .withReference(DOC);
            }
            return Finding.pass("PASSWORD_VALID", "The password of " + a.name() + " expires at " + at + ".")
                    .withEvidence("passwordExpiresAt", at.toString());
        }
        if (a.passwordExpired().isPresent()) {
            return Finding.pass("PASSWORD_NOT_EXPIRED", "The password of " + a.name() + " has not expired (its expiry date "
                    + "was not collected).");
        }
        return Finding.skipped("PASSWORD_STATE_UNKNOWN", "accounts.json does not say whether the password of " + a.name()
                + " has expired.").withRemediation("Collect security/accounts.json again (ndes-diag collect) as a domain user.");
    }

    private static Finding gmsa(Accounts.Account a, Accounts accounts, CheckContext context) {
        if (a.passwordRetrievers().isEmpty()) {
            return Finding.skipped("GMSA_RETRIEVERS_UNKNOWN", "AD manages the password of the gMSA " + a.name() + ", but who "
                            + "may retrieve it (msDS-GroupMSAMembership) was not collected.")
                    .withRemediation("Test-ADServiceAccount " + a.name().replaceAll("^.*\\\\", "") + " on this server should say True.");
        }
        Optional<Accounts.Account> computer = accounts.accounts().stream()
                .filter(x -> x.kind().filter(k -> k == AccountKind.COMPUTER).isPresent())
                .filter(x -> context.manifest().host().computerName()
                        .map(n -> x.name().toUpperCase(Locale.ROOT).replaceAll("^.*\\\\", "").equals(n.toUpperCase(Locale.ROOT) + "$"))
                        .orElse(true))
                .findFirst();
        if (computer.isEmpty()) {
            return Finding.skipped("COMPUTER_ACCOUNT_UNKNOWN", "AD manages the password of the gMSA " + a.name() + "; this "
                            + "server's computer account was not collected, so whether it may retrieve the password is unknown.")
                    .withRemediation("Test-ADServiceAccount " + a.name().replaceAll("^.*\\\\", "") + " on this server should say True.");
        }
        List<String> mine = new ArrayList<>();
        mine.add(computer.get().sid());
        computer.get().groups().ifPresent(mine::addAll);
        boolean allowed = a.passwordRetrievers().get().stream().anyMatch(r -> mine.stream().anyMatch(r::equalsIgnoreCase));
        if (!allowed) {
            return Finding.fail("GMSA_NOT_RETRIEVABLE", "This server (" + computer.get().name() + ") may not retrieve the "
                            + "password of the gMSA " + a.name() + ": neither it nor a group it is in is among the principals "
                            + "allowed to retrieve the managed password, so the SCEP pool cannot start (HTTP 503).")
                    .withEvidence("account", a.name())
                    .withEvidence("retrievers", String.join(", ", a.passwordRetrievers().get()))
                    .withEvidence("computer", computer.get().sid())
                    .withRemediation("Set-ADServiceAccount " + a.name().replaceAll("^.*\\\\", "").replace("$", "")
                            + " -PrincipalsAllowedToRetrieveManagedPassword <this server or its group>; a new group "
                            + "membership takes effect after the server restarts.")
                    .withReference(GMSA_DOC);
        }
        return Finding.pass("GMSA_RETRIEVABLE", "AD manages the password of the gMSA " + a.name() + " and this server may "
                + "retrieve it.");
    }
}
