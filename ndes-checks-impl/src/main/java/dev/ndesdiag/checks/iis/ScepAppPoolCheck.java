package dev.ndesdiag.checks.iis;

import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.api.snapshot.SystemInfo;
import dev.ndesdiag.api.snapshot.UserRights;
import dev.ndesdiag.windows.ServiceIdentity;
import dev.ndesdiag.windows.Sids;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies the SCEP application pool: it exists and is started; its identity is in IIS_IUSRS (by
 * SID, nested groups included; an ApplicationPoolIdentity account gets it at run time); IIS_IUSRS or
 * the identity holds SeImpersonatePrivilege, may log on as a batch job and is not denied it; and
 * a domain account is enabled, not locked out, its password not expired. Each failure is an HTTP
 * 500 or 503 on mscep.dll.
 */
public final class ScepAppPoolCheck extends AbstractCheck {

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ScepAppPoolCheck() {
        super(CheckDescriptor.of("scep-app-pool",
                        "The SCEP application pool exists, runs, and its identity has the rights NDES needs", Category.IIS)
                .withSymptoms("HTTP 503 (pool stopped)", "HTTP 500 (IIS log 500 0 1346)")
                .requires(NdesInputs.IIS).uses(NdesInputs.SYSTEM, NdesInputs.ACCOUNTS, NdesInputs.USER_RIGHTS));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Optional<String> account = ScepPoolIdentity.account(context.get(NdesInputs.IIS));
        if (account.isEmpty()) {
            return CheckResult.of(Finding.fail("SCEP_POOL_MISSING", "applicationHost.config has no application pool named "
                            + ScepPoolIdentity.POOL + ": mscep.dll has no worker process and answers HTTP 503.")
                    .withEvidence("pool", ScepPoolIdentity.POOL)
                    .withRemediation("Re-run the NDES role configuration (Install-AdcsNetworkDeviceEnrollmentService), "
                            + "which recreates the SCEP pool and application."));
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(state(context.find(NdesInputs.SYSTEM)));
        ServiceIdentity identity = ServiceIdentity.resolve(account.get(), context.find(NdesInputs.ACCOUNTS));
        boolean virtual = Sids.isAppPoolAccount(account.get());
        if (identity.sid().isEmpty()) {
            findings.add(Finding.skipped("SCEP_IDENTITY_UNRESOLVED", "The pool runs as " + account.get()
                            + ", whose SID the bundle does not give; group membership and rights were not checked.")
                    .withRemediation("Collect security/accounts.json (see docs/snapshot-format.md)."));
            return CheckResult.of(findings);
        }
        findings.add(membership(identity, virtual, context.find(NdesInputs.ACCOUNTS).isPresent()));
        context.find(NdesInputs.USER_RIGHTS).ifPresentOrElse(r -> findings.addAll(rights(identity, r, virtual)),
                () -> findings.add(Finding.skipped("USER_RIGHTS_NOT_COLLECTED", "security/user-rights.inf is not in the "
                        + "bundle or cannot be read, so SeImpersonatePrivilege and batch logon were not checked.")
                        .withRemediation(SnapshotPart.USER_RIGHTS.collectCommand())));
        context.find(NdesInputs.ACCOUNTS).flatMap(a -> a.accounts().stream()
                        .filter(x -> x.sid().equalsIgnoreCase(identity.sid().get())).findFirst())
                .ifPresent(a -> findings.addAll(accountState(a)));
        return CheckResult.of(findings);
    }

    private static Finding state(Optional<SystemInfo> system) {
        Optional<SystemInfo.AppPool> pool = system.flatMap(s -> s.appPool(ScepPoolIdentity.POOL));
        if (system.isEmpty() || pool.isEmpty()) {
            return Finding.skipped("SCEP_POOL_STATE_UNKNOWN", "The bundle does not say whether the SCEP pool is running "
                    + "(system.json).").withRemediation(SnapshotPart.SYSTEM.collectCommand());
        }
        if (!pool.get().state().equalsIgnoreCase("Started")) {
            return Finding.fail("SCEP_POOL_STOPPED", "The SCEP application pool is " + pool.get().state()
                            + ": mscep.dll answers HTTP 503. IIS stops a pool after repeated worker crashes (WAS events "
                            + "5002, 5009), often from an intermediate CA in Trusted Root or an unreachable CRL.")
                    .withEvidence("state", pool.get().state())
                    .withRemediation("Find why it stopped (System log, WAS events 5002/5009; Application event 1000 for "
                            + "w3wp.exe), fix that, then start it: %windir%\\system32\\inetsrv\\appcmd.exe start apppool /apppool.name:SCEP");
        }
        return Finding.pass("SCEP_POOL_STARTED", "The SCEP application pool is started.");
    }

    private static Finding membership(ServiceIdentity identity, boolean virtual, boolean accountsCollected) {
        if (identity.tokenSids().contains(Sids.IIS_IUSRS)) {
            return Finding.pass("SCEP_IDENTITY_IN_IIS_IUSRS", identity.account() + (virtual
                    ? " is an application pool identity; IIS adds IIS_IUSRS to its token."
                    : " is in IIS_IUSRS (S-1-5-32-568).")).withEvidence("account", identity.account());
        }
        if (!accountsCollected) {
            return Finding.skipped("IIS_IUSRS_NOT_COLLECTED", "security/accounts.json is not in the bundle or cannot be "
                    + "read, so IIS_IUSRS "
                    + "membership of " + identity.account() + " was not checked.");
        }
        return Finding.fail("SCEP_IDENTITY_NOT_IN_IIS_IUSRS", identity.account() + " (" + identity.sid().orElseThrow()
                        + ") is not in IIS_IUSRS (S-1-5-32-568), directly or through a group: the SCEP pool lacks the rights "
                        + "IIS grants that group and mscep.dll answers HTTP 500 or 503.")
                .withEvidence("account", identity.account())
                .withEvidence("accountSid", identity.sid().orElseThrow())
                .withRemediation("net localgroup IIS_IUSRS " + identity.account() + " /add, then iisreset "
                        + "(a reboot refreshes every token).");
    }

    private static List<Finding> rights(ServiceIdentity identity, UserRights rights, boolean virtual) {
        List<Finding> findings = new ArrayList<>();
        boolean impersonate = holds(rights.holders("SeImpersonatePrivilege"), identity);
        findings.add(impersonate
                ? Finding.pass("IMPERSONATE_PRIVILEGE_OK", "IIS_IUSRS or " + identity.account() + " holds SeImpersonatePrivilege.")
                : Finding.fail("IIS_IUSRS_NO_IMPERSONATE", "Neither IIS_IUSRS nor " + identity.account() + " holds "
                                + "\"Impersonate a client after authentication\" (SeImpersonatePrivilege): mscep.dll answers "
                                + "HTTP 500, logged in IIS as \"500 0 1346\".")
                        .withEvidence("holders", rights.holders("SeImpersonatePrivilege"))
                        .withRemediation("Grant SeImpersonatePrivilege to IIS_IUSRS (secpol.msc > Local Policies > User Rights "
                                + "Assignment > Impersonate a client after authentication; or the GPO that sets it), then iisreset."));
        if (holds(rights.holders("SeDenyBatchLogonRight"), identity)) {
            findings.add(Finding.fail("BATCH_LOGON_DENIED", identity.account() + " is denied \"Log on as a batch job\" "
                            + "(SeDenyBatchLogonRight): IIS cannot start the SCEP worker process, so mscep.dll answers HTTP 503.")
                    .withEvidence("holders", rights.holders("SeDenyBatchLogonRight"))
                    .withRemediation("Remove the account (or the group holding it) from \"Deny log on as a batch job\", "
                            + "usually in a GPO; gpupdate /force, then iisreset."));
        } else if (!virtual && !holds(rights.holders("SeBatchLogonRight"), identity)) {
            findings.add(Finding.fail("NO_BATCH_LOGON_RIGHT", identity.account() + " may not \"Log on as a batch job\" "
                            + "(SeBatchLogonRight, normally through IIS_IUSRS): IIS cannot start the SCEP worker process, "
                            + "so mscep.dll answers HTTP 503.")
                    .withEvidence("holders", rights.holders("SeBatchLogonRight"))
                    .withRemediation("Grant \"Log on as a batch job\" to IIS_IUSRS (or the account), then iisreset."));
        }
        return findings;
    }

    private static boolean holds(List<String> holders, ServiceIdentity identity) {
        for (String h : holders) {
            String upper = h.toUpperCase(Locale.ROOT);
            if (identity.tokenSids().contains(upper) || h.equalsIgnoreCase(identity.account())
                    || (upper.equals("IIS_IUSRS") && identity.tokenSids().contains(Sids.IIS_IUSRS))) {
                return true;
            }
        }
        return false;
    }

    private static List<Finding> accountState(Accounts.Account a) {
        List<Finding> findings = new ArrayList<>();
        String fix = "Fix the account in Active Directory, then iisreset (and update the pool's password if it changed: "
                + "appcmd set apppool SCEP /processModel.password:<new>).";
        if (a.enabled().filter(e -> !e).isPresent()) {
            findings.add(Finding.fail("SCEP_ACCOUNT_DISABLED", a.name() + " is disabled: the SCEP pool cannot log on and "
                    + "mscep.dll answers HTTP 503.").withEvidence("account", a.name()).withRemediation(fix));
        }
        if (a.lockedOut().filter(l -> l).isPresent()) {
            findings.add(Finding.fail("SCEP_ACCOUNT_LOCKED_OUT", a.name() + " is locked out: the SCEP pool cannot log on "
                    + "and mscep.dll answers HTTP 500 or 503.").withEvidence("account", a.name()).withRemediation(fix));
        }
        if (a.passwordExpired().filter(p -> p).isPresent()) {
            findings.add(Finding.fail("SCEP_ACCOUNT_PASSWORD_EXPIRED", "The password of " + a.name() + " has expired: the "
                            + "SCEP pool cannot log on and mscep.dll answers HTTP 500.")
                    .withEvidence("account", a.name())
                    .withEvidence("passwordLastSet", a.passwordLastSet().map(Object::toString).orElse("unknown"))
                    .withRemediation(fix));
        }
        return findings;
    }
}
