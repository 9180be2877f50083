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
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.history.ScepPoolEvents;
import dev.ndesdiag.api.snapshot.SystemInfo;
import dev.ndesdiag.api.snapshot.UserRights;
import dev.ndesdiag.windows.ServiceIdentity;
import dev.ndesdiag.iis.IisSites;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * Verifies the application pool that serves mscep.dll (the one the {@code /CertSrv/mscep}
 * application names, whatever it is called): it exists and is started; its worker token holds
 * SeImpersonatePrivilege and, for a configured account, the batch logon right, and is not denied
 * it. Each failure is an HTTP 500 or 503 on mscep.dll. The account's state in AD (enabled, locked
 * out, password) is judged by {@code scep-account-state}.
 *
 * <p>The worker token model is WAS's: the pool's own SID and IIS_IUSRS are injected into every
 * worker process whatever the identity type, so the identity needs no IIS_IUSRS membership of its
 * own; NetworkService, LocalSystem and LocalService pools run with the service account's token and
 * need no logon right. Rights granted to a group whose membership the bundle cannot show (a domain
 * group, without the account's {@code groups}) are unknown: a SKIPPED finding, never a FAIL.
 */
public final class ScepAppPoolCheck extends AbstractCheck {

    private static final String IDENTITIES =
            "https://learn.microsoft.com/iis/manage/configuring-security/application-pool-identities";
    private static final String STATUS_500 = "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/"
            + "troubleshoot-scep-certificate-device-to-ndes#troubleshoot-status-code-500";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ScepAppPoolCheck() {
        super(CheckDescriptor.of("scep-app-pool",
                        "The SCEP application pool exists, runs, and its identity has the rights NDES needs", Category.IIS)
                .withSymptoms("HTTP 503 (pool stopped)", "HTTP 500 (IIS log 500 0 1346)")
                .requires(NdesInputs.IIS).uses(NdesInputs.SYSTEM, NdesInputs.ACCOUNTS, NdesInputs.USER_RIGHTS)
                // the server's own record of why the pool stopped, cited beside the verdict (optional)
                .uses(NdesInputs.WAS_EVENTS)
                .withReferences(IDENTITIES, STATUS_500));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Optional<ScepPoolIdentity.ScepPool> found = ScepPoolIdentity.pool(context.get(NdesInputs.IIS));
        if (found.isEmpty()) {
            return CheckResult.of(Finding.fail("SCEP_POOL_MISSING", "applicationHost.config defines no application pool "
                            + "for " + IisSites.SCEP_APPLICATION + " (and none named " + ScepPoolIdentity.POOL
                            + "): mscep.dll has no worker process and answers HTTP 503.")
                    .withEvidence("pool", ScepPoolIdentity.POOL)
                    .withRemediation("Re-run the NDES role configuration (Install-AdcsNetworkDeviceEnrollmentService), "
                            + "which recreates the SCEP pool and application."));
        }
        ScepPoolIdentity.ScepPool pool = found.get();
        List<Finding> findings = new ArrayList<>();
        findings.add(state(pool, context.find(NdesInputs.SYSTEM), context.find(NdesInputs.WAS_EVENTS)));
        Optional<Accounts> accounts = context.find(NdesInputs.ACCOUNTS);
        ServiceIdentity identity = ServiceIdentity.workerProcess(pool.account(), pool.poolAccount(), accounts);
        if (identity.sid().isEmpty()) {
            findings.add(Finding.skipped("SCEP_IDENTITY_UNRESOLVED", "The pool " + pool.name() + " runs as "
                            + pool.account() + ", whose SID the bundle does not give; its rights were not checked.")
                    .withRemediation("Collect security/accounts.json (see docs/snapshot-format.md)."));
            return CheckResult.of(findings);
        }
        findings.add(membership(pool, identity));
        context.find(NdesInputs.USER_RIGHTS).ifPresentOrElse(
                r -> findings.addAll(rights(pool, identity, r, ServiceIdentity.listedGroups(accounts))),
                () -> findings.add(Finding.skipped("USER_RIGHTS_NOT_COLLECTED", "security/user-rights.inf is not in the "
                        + "bundle or cannot be read, so SeImpersonatePrivilege and batch logon were not checked.")
                        .withRemediation(SnapshotPart.USER_RIGHTS.collectCommand())));
        // the account's state in AD (enabled, locked out, password) is scep-account-state's, judged once
        return CheckResult.of(findings);
    }

    /** The newest WAS event that stopped or crashed this pool, for the evidence (scep-pool-events judges them). */
    private static Optional<EventRecord> whyStopped(ScepPoolIdentity.ScepPool pool, Optional<List<EventRecord>> was) {
        return was.orElse(List.of()).stream()
                .filter(e -> ScepPoolEvents.DISABLING.contains(e.eventId()) || ScepPoolEvents.CRASHES.contains(e.eventId()))
                .filter(e -> e.timeCreated().isPresent())
                .filter(e -> e.data().stream().anyMatch(pool.name()::equalsIgnoreCase)
                        || e.namedData().values().stream().anyMatch(pool.name()::equalsIgnoreCase)
                        || e.message().filter(m -> m.contains("'" + pool.name() + "'")).isPresent())
                .max(java.util.Comparator.comparing(e -> e.timeCreated().get()));
    }

    private static Finding state(ScepPoolIdentity.ScepPool pool, Optional<SystemInfo> system,
            Optional<List<EventRecord>> was) {
        Optional<SystemInfo.AppPool> state = system.flatMap(s -> s.appPool(pool.name()));
        if (system.isEmpty() || state.isEmpty()) {
            return Finding.skipped("SCEP_POOL_STATE_UNKNOWN", "The bundle does not say whether the pool " + pool.name()
                    + " is running (system.json).").withRemediation(SnapshotPart.SYSTEM.collectCommand());
        }
        if (!state.get().state().equalsIgnoreCase("Started")) {
            Optional<EventRecord> why = whyStopped(pool, was);
            Finding stopped = Finding.fail("SCEP_POOL_STOPPED", "The application pool " + pool.name() + " that serves mscep.dll is "
                            + state.get().state() + ": mscep.dll answers HTTP 503. IIS stops a pool after repeated worker "
                            + "crashes (WAS event 5002 after 5009/5011) or when its identity cannot log on (5021, 5057, "
                            + "5059), often from an intermediate CA in Trusted Root, an unreachable CRL or a changed password.")
                    .withEvidence("pool", pool.name())
                    .withEvidence("state", state.get().state())
                    .withRemediation("Find why it stopped (System log, WAS events 5002/5009/5011/5021/5057/5059; "
                            + "Application event 1000 for w3wp.exe), fix that, then start it: "
                            + "%windir%\\system32\\inetsrv\\appcmd.exe start apppool /apppool.name:\"" + pool.name() + "\"");
            if (why.isEmpty()) {
                return stopped;
            }
            EventRecord e = why.get();
            return stopped.withEvidence("wasEvent", e.eventId() + " at " + e.timeCreated().get()
                            + " (System log; decoded by " + ScepPoolEvents.CHECK_ID + ")")
                    .withEvidence("wasEventMessage", e.message().orElse(String.join(" ", e.data())));
        }
        return Finding.pass("SCEP_POOL_STARTED", "The application pool " + pool.name() + " that serves mscep.dll is started.")
                .withEvidence("pool", pool.name())
                .withEvidence("foundBy", pool.foundBy());
    }

    private static Finding membership(ScepPoolIdentity.ScepPool pool, ServiceIdentity identity) {
        return Finding.pass("SCEP_IDENTITY_IN_IIS_IUSRS", "The pool " + pool.name() + " runs as " + identity.account()
                        + "; WAS adds IIS_IUSRS and " + pool.poolAccount() + " to every worker process's token, whatever "
                        + "the identity type.")
                .withEvidence("account", identity.account())
                .withEvidence("identityType", pool.identityType().name())
                .withReference(IDENTITIES);
    }

    /** The verdict on one right: held, not held, or granted only to groups the bundle cannot see into. */
    private record Holding(Optional<Boolean> held, List<String> undecided) {
    }

    private static Holding holding(List<String> holders, ServiceIdentity identity, Set<String> localGroups) {
        List<String> undecided = new ArrayList<>();
        for (String h : holders) {
            Optional<Boolean> carried = identity.carries(h, localGroups);
            if (carried.orElse(false)) {
                return new Holding(Optional.of(true), List.of());
            }
            if (carried.isEmpty()) {
                undecided.add(h);
            }
        }
        return new Holding(undecided.isEmpty() ? Optional.of(false) : Optional.empty(), undecided);
    }

    private static Finding unknownRight(String code, String right, ServiceIdentity identity, Holding holding) {
        return Finding.skipped(code, right + " is granted to " + String.join(", ", holding.undecided())
                        + ", and the bundle does not say whether " + identity.account() + " is a member (a domain group, "
                        + "or a group granted by GPO); whether the worker holds it is unknown.")
                .withEvidence("account", identity.account())
                .withEvidence("undecidedHolders", holding.undecided())
                .withRemediation("Collect the account's groups (security/accounts.json \"groups\", from AD tokenGroups; "
                        + "ndes-diag collect does it), or check on the server: whoami /groups as the account.");
    }

    private static List<Finding> rights(ScepPoolIdentity.ScepPool pool, ServiceIdentity identity, UserRights rights,
            Set<String> localGroups) {
        List<Finding> findings = new ArrayList<>();
        Holding impersonate = holding(rights.holders("SeImpersonatePrivilege"), identity, localGroups);
        if (impersonate.held().isEmpty()) {
            findings.add(unknownRight("IMPERSONATE_PRIVILEGE_UNKNOWN", "SeImpersonatePrivilege", identity, impersonate));
        } else {
            findings.add(impersonate.held().get()
                    ? Finding.pass("IMPERSONATE_PRIVILEGE_OK", "The worker token of " + pool.name() + " (IIS_IUSRS or "
                            + identity.account() + ") holds SeImpersonatePrivilege.")
                    : Finding.fail("IIS_IUSRS_NO_IMPERSONATE", "Neither IIS_IUSRS nor " + identity.account() + " holds "
                                    + "\"Impersonate a client after authentication\" (SeImpersonatePrivilege): mscep.dll answers "
                                    + "HTTP 500, logged in IIS as \"500 0 1346\".")
                            .withEvidence("holders", rights.holders("SeImpersonatePrivilege"))
                            .withRemediation("Grant SeImpersonatePrivilege to IIS_IUSRS (secpol.msc > Local Policies > User "
                                    + "Rights Assignment > Impersonate a client after authentication; or the GPO that sets "
                                    + "it), then restart the server, as Microsoft's procedure says (iisreset is not enough: "
                                    + "the right is read when the token is made at logon).")
                            .withReference(STATUS_500));
        }
        Holding denied = holding(rights.holders("SeDenyBatchLogonRight"), identity, localGroups);
        if (pool.identityType().serviceAccount()) {
            findings.add(Finding.pass("BATCH_LOGON_NOT_NEEDED", "The pool " + pool.name() + " runs as "
                    + identity.account() + ", a service account WAS starts the worker with; it needs no logon right.")
                    .withEvidence("identityType", pool.identityType().name()));
        } else if (denied.held().orElse(false)) {
            findings.add(Finding.fail("BATCH_LOGON_DENIED", identity.account() + " is denied \"Log on as a batch job\" "
                            + "(SeDenyBatchLogonRight): IIS cannot start the worker process of " + pool.name()
                            + ", so mscep.dll answers HTTP 503 (WAS events 5021/5057/5059).")
                    .withEvidence("holders", rights.holders("SeDenyBatchLogonRight"))
                    .withRemediation("Remove the account (or the group holding it) from \"Deny log on as a batch job\", "
                            + "usually in a GPO; gpupdate /force, then restart the server."));
        } else {
            Holding batch = holding(rights.holders("SeBatchLogonRight"), identity, localGroups);
            if (batch.held().isEmpty()) {
                findings.add(unknownRight("BATCH_LOGON_UNKNOWN", "SeBatchLogonRight", identity, batch));
            } else if (!batch.held().get()) {
                findings.add(Finding.fail("NO_BATCH_LOGON_RIGHT", identity.account() + " may not \"Log on as a batch "
                                + "job\" (SeBatchLogonRight, normally through IIS_IUSRS): IIS cannot start the worker "
                                + "process of " + pool.name() + ", so mscep.dll answers HTTP 503 (WAS events 5021/5057/5059).")
                        .withEvidence("holders", rights.holders("SeBatchLogonRight"))
                        .withRemediation("Grant \"Log on as a batch job\" to IIS_IUSRS (or the account), then restart the "
                                + "server."));
            }
            if (denied.held().isEmpty()) {
                findings.add(unknownRight("BATCH_LOGON_DENY_UNKNOWN", "SeDenyBatchLogonRight", identity, denied));
            }
        }
        return findings;
    }
}
