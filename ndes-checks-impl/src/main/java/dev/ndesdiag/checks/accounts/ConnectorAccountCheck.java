package dev.ndesdiag.checks.accounts;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.SystemInfo;
import dev.ndesdiag.api.snapshot.UserRights;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.windows.ServiceIdentity;
import dev.ndesdiag.windows.Sids;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The account the Certificate Connector's services run as: LocalSystem is fine; a domain account
 * needs "Log on as a service" ({@code SeServiceLogonRight}) and membership of the local
 * Administrators group, as Microsoft's connector installation documentation requires. The SCEP
 * pool's identity being a local administrator is a warning (a web worker should not be one), unless
 * it is also the connector's account, a documented setup with one service account for both.
 */
public final class ConnectorAccountCheck extends AbstractCheck {

    /** The new connector's services (the legacy NDESConnectorSvc is judged by the connector checks). */
    static final List<String> CONNECTOR_SERVICES = List.of("PFXCertificateConnectorSvc", "PkiCreateConnectorSvc",
            "PfxCreateLegacyConnectorSvc", "PkiRevokeConnectorSvc", "PKICertificateConnectorSvc");
    static final String DOC = "https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-prerequisites";
    static final String INSTALL_DOC = "https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-install";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ConnectorAccountCheck() {
        super(CheckDescriptor.of("connector-account",
                        "The connector runs as LocalSystem or a domain account with Log on as a service and local admin rights",
                        Category.ACCOUNTS)
                .withSymptoms("connector services do not start", "certificates not issued, connector events 1001/1002",
                        "SCEP pool runs with administrator rights")
                .requires(NdesInputs.SYSTEM)
                .uses(NdesInputs.USER_RIGHTS, NdesInputs.ACCOUNTS, NdesInputs.IIS)
                .withReferences(DOC, INSTALL_DOC));
    }

    @Override
    public CheckResult run(CheckContext context) {
        SystemInfo system = context.get(NdesInputs.SYSTEM);
        Optional<Accounts> accounts = context.find(NdesInputs.ACCOUNTS);
        Optional<UserRights> rights = context.find(NdesInputs.USER_RIGHTS);
        Set<String> names = new LinkedHashSet<>();
        for (String service : CONNECTOR_SERVICES) {
            system.service(service).flatMap(SystemInfo.Service::account).filter(a -> !a.isBlank()).ifPresent(names::add);
        }
        List<Finding> findings = new ArrayList<>();
        List<ServiceIdentity> connector = new ArrayList<>();
        if (names.isEmpty()) {
            findings.add(Finding.skipped("CONNECTOR_NOT_INSTALLED", "system.json lists no Certificate Connector service with "
                    + "an account, so there is no connector account to check."));
        }
        for (String name : names) {
            ServiceIdentity id = ServiceIdentity.resolve(name, accounts);
            connector.add(id);
            findings.addAll(judgeConnector(id, rights, accounts));
        }
        context.find(NdesInputs.IIS).flatMap(ScepPoolIdentity::account)
                .ifPresent(pool -> findings.add(scepPoolAdmin(ServiceIdentity.resolve(pool, accounts), connector, accounts)));
        return CheckResult.of(findings);
    }

    private static boolean isSystem(ServiceIdentity id) {
        return id.sid().filter(Sids.LOCAL_SYSTEM::equals).isPresent();
    }

    private static List<Finding> judgeConnector(ServiceIdentity id, Optional<UserRights> rights, Optional<Accounts> accounts) {
        if (isSystem(id)) {
            return List.of(Finding.pass("CONNECTOR_RUNS_AS_SYSTEM", "The connector runs as LocalSystem, which has every right "
                    + "it needs.").withEvidence("account", id.account()));
        }
        if (id.account().toUpperCase(Locale.ROOT).startsWith("NT AUTHORITY\\") || id.account().equalsIgnoreCase("NetworkService")
                || id.account().equalsIgnoreCase("LocalService")) {
            return List.of(Finding.warn("CONNECTOR_BUILTIN_ACCOUNT", "The connector runs as " + id.account() + ", which is "
                            + "neither LocalSystem nor a domain account, the two identities Microsoft documents for it.")
                    .withEvidence("account", id.account())
                    .withRemediation("Reconfigure the connector (its configuration wizard) to use SYSTEM or a domain service account.")
                    .withReference(DOC));
        }
        if (id.sid().isEmpty()) {
            return List.of(Finding.skipped("CONNECTOR_ACCOUNT_NOT_RESOLVED", "The connector's account " + id.account()
                    + " is not in accounts.json, so its rights and group membership are unknown.")
                    .withRemediation("Collect security/accounts.json (ndes-diag collect)."));
        }
        List<Finding> findings = new ArrayList<>();
        if (rights.isEmpty()) {
            findings.add(Finding.skipped("USER_RIGHTS_NOT_COLLECTED", "The user rights were not collected, so whether "
                    + id.account() + " may log on as a service is unknown.")
                    .withRemediation("secedit /export /areas USER_RIGHTS /cfg security\\user-rights.inf"));
        } else {
            List<String> holders = rights.get().holders("SeServiceLogonRight");
            boolean holds = holders.stream().anyMatch(h -> id.tokenSids().contains(h.toUpperCase(Locale.ROOT))
                    || h.equalsIgnoreCase(id.account()));
            findings.add(holds
                    ? Finding.pass("CONNECTOR_SERVICE_LOGON_RIGHT", id.account() + " holds Log on as a service.")
                    : Finding.fail("CONNECTOR_NO_SERVICE_LOGON_RIGHT", "The connector's account " + id.account() + " does not "
                                    + "hold Log on as a service (SeServiceLogonRight): its services cannot start (error 1069), "
                                    + "so Intune's certificate requests are not processed.")
                            .withEvidence("account", id.account()).withEvidence("sid", id.sid().get())
                            .withEvidence("holders", String.join(", ", holders))
                            .withRemediation("Grant " + id.account() + " \"Log on as a service\" (secpol.msc > Local Policies > "
                                    + "User Rights Assignment, or the GPO that sets it), then start the connector services.")
                            .withReference(DOC));
        }
        if (id.tokenSids().contains(Sids.ADMINISTRATORS)) {
            findings.add(Finding.pass("CONNECTOR_LOCAL_ADMIN", id.account() + " is a member of the local Administrators group."));
        } else if (accounts.flatMap(a -> account(a, id)).flatMap(Accounts.Account::groups).isEmpty()) {
            findings.add(Finding.skipped("CONNECTOR_ADMIN_UNKNOWN", id.account() + " is not directly in the local "
                    + "Administrators group, and its domain groups were not collected, so membership through a domain "
                    + "group is unknown.").withRemediation("Collect security/accounts.json again (ndes-diag collect, as a domain user)."));
        } else {
            findings.add(Finding.fail("CONNECTOR_NOT_LOCAL_ADMIN", "The connector's account " + id.account() + " is not a "
                            + "member of the local Administrators group, directly or through a group, as the connector "
                            + "requires for a domain account.")
                    .withEvidence("account", id.account()).withEvidence("sid", id.sid().get())
                    .withRemediation("Add " + id.account() + " to the local Administrators group, then restart the connector services.")
                    .withReference(INSTALL_DOC));
        }
        return findings;
    }

    private static Optional<Accounts.Account> account(Accounts a, ServiceIdentity id) {
        return a.accounts().stream().filter(x -> id.sid().filter(s -> s.equalsIgnoreCase(x.sid())).isPresent()).findFirst();
    }

    private static Finding scepPoolAdmin(ServiceIdentity pool, List<ServiceIdentity> connector, Optional<Accounts> accounts) {
        if (pool.sid().isEmpty() || accounts.isEmpty()) {
            return Finding.skipped("SCEP_POOL_ADMIN_UNKNOWN", "Whether the SCEP pool's account " + pool.account()
                    + " is a local administrator is unknown (it is not in accounts.json).")
                    .withRemediation("Collect security/accounts.json (ndes-diag collect).");
        }
        if (!pool.tokenSids().contains(Sids.ADMINISTRATORS)) {
            return Finding.pass("SCEP_POOL_NOT_ADMIN", "The SCEP pool's account " + pool.account()
                    + " is not a local administrator.");
        }
        boolean shared = connector.stream().anyMatch(c -> c.sid().equals(pool.sid()));
        if (shared) {
            return Finding.pass("SCEP_POOL_ADMIN_AS_CONNECTOR", "The SCEP pool's account " + pool.account() + " is a local "
                    + "administrator because it is also the connector's account, a documented setup with one service account.")
                    .withEvidence("account", pool.account());
        }
        return Finding.warn("SCEP_POOL_IS_ADMIN", "The SCEP pool's account " + pool.account() + " is a local administrator "
                        + "although it is not the connector's account: a compromised SCEP worker then owns the server.")
                .withEvidence("account", pool.account()).withEvidence("sid", pool.sid().get())
                .withRemediation("Remove " + pool.account() + " from the local Administrators group (it needs IIS_IUSRS and "
                        + "Read/Enroll on the templates), then recycle the SCEP pool.")
                .withReference(DOC);
    }
}
