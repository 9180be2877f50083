package dev.ndesdiag.checks.iis;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.XmlElement;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.windows.AccessMask;
import dev.ndesdiag.windows.Ace;
import dev.ndesdiag.windows.SecurityDescriptor;
import dev.ndesdiag.windows.ServiceIdentity;
import dev.ndesdiag.windows.Sids;
import java.util.Optional;

/**
 * The Certificate Registration Point ({@code CertificateRegistrationSvc}, the connector's policy
 * module endpoint) compiles into {@code %windir%\Temp}: when its pool's identity cannot create files
 * there, the CRP fails (ASP.NET event 1310, event code 3007 "A compilation error has occurred"), the
 * SCEP pool's worker terminates (WAS 5009) and NDES answers HTTP 500. Judged from the folder's SDDL
 * ({@code (Get-Acl $env:windir\Temp).Sddl}) against the pool identity's token: a deny entry wins,
 * else an allow entry with FILE_ADD_FILE, GENERIC_WRITE or GENERIC_ALL that applies to the folder
 * itself. By default {@code BUILTIN\Users} may add files there ({@code (CI)(S,WD,AD,X)}), which every
 * pool identity is through Authenticated Users.
 */
public final class CrpTempAccessCheck extends AbstractCheck {

    static final Input<CommandCapture> TEMP_ACL = Inputs.commandOutput("windows-temp-acl", "(Get-Acl $env:windir\\Temp).Sddl");
    static final String APPLICATION = "/CertificateRegistrationSvc";
    static final String DOC = "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public CrpTempAccessCheck() {
        super(CheckDescriptor.of("crp-temp-access",
                        "The Certificate Registration Point's pool identity can write to %windir%\\Temp", Category.IIS)
                .withSymptoms("HTTP 500", "WAS event 5009", "ASP.NET event 1310 (3007 compilation error)",
                        "VerifyRequest 500 in the IIS log")
                .requires(NdesInputs.IIS, TEMP_ACL)
                .uses(NdesInputs.ACCOUNTS)
                .withReferences(DOC));
    }

    @Override
    public CheckResult run(CheckContext context) {
        IisConfiguration iis = context.get(NdesInputs.IIS);
        Optional<String> poolName = crpPool(iis);
        if (poolName.isEmpty()) {
            return CheckResult.skipped("CRP_NOT_INSTALLED", "No site has the CertificateRegistrationSvc application: the "
                    + "connector's policy module is not installed here, so there is nothing to check.");
        }
        Optional<String> account = ScepPoolIdentity.account(iis, poolName.get());
        if (account.isEmpty()) {
            return CheckResult.skipped("CRP_POOL_MISSING", "CertificateRegistrationSvc runs in the pool " + poolName.get()
                    + ", which applicationHost.config does not define.");
        }
        CommandCapture capture = context.get(TEMP_ACL);
        String sddl = capture.output().strip();
        SecurityDescriptor sd;
        try {
            if (capture.exitCode().isPresent() && capture.exitCode().getAsInt() != 0) {
                throw new IllegalArgumentException("the command failed with exit code " + capture.exitCode().getAsInt());
            }
            sd = SecurityDescriptor.parse(sddl);
        } catch (IllegalArgumentException e) {
            return CheckResult.error("TEMP_ACL_UNREADABLE", "commands/windows-temp-acl.txt is not the SDDL of %windir%\\Temp ("
                    + e.getMessage() + "): \"" + (sddl.length() > 200 ? sddl.substring(0, 200) + "..." : sddl) + "\"");
        }
        Optional<Accounts> accounts = context.find(NdesInputs.ACCOUNTS);
        ServiceIdentity id = ServiceIdentity.resolve(account.get(), accounts);
        if (id.sid().isEmpty()) {
            return CheckResult.skipped("CRP_IDENTITY_NOT_RESOLVED", "The CRP pool's account " + account.get()
                    + " is not in accounts.json, so its access to %windir%\\Temp is unknown.");
        }
        ServiceIdentity.Access access = id.canAddFile(sd);
        if (access.readable()) {
            return CheckResult.of(Finding.pass("CRP_CAN_WRITE_TEMP", account.get() + " (pool " + poolName.get()
                            + ") can create files in %windir%\\Temp" + access.decidingAce().map(a -> " through " + a.trustee()).orElse("")
                            + ".")
                    .withEvidence("account", account.get()).withEvidence("pool", poolName.get()));
        }
        boolean usersUnknown = accounts.flatMap(a -> a.group(Sids.USERS)).isEmpty() && access.decidingAce().isEmpty()
                && sd.dacl().stream().anyMatch(a -> a.type() == Ace.Type.ALLOW && a.appliesToObject()
                        && AccessMask.addsFile(a.mask()) && a.sid().filter(Sids.USERS::equals).isPresent());
        if (usersUnknown) {
            return CheckResult.of(Finding.skipped("CRP_TEMP_ACCESS_UNKNOWN", "%windir%\\Temp lets BUILTIN\\Users create files; "
                            + "whether " + account.get() + " is in Users (by default through Authenticated Users) was not collected.")
                    .withRemediation("Collect security/accounts.json with the Users group (ndes-diag collect)."));
        }
        return CheckResult.of(Finding.fail("CRP_CANNOT_WRITE_TEMP", account.get() + ", the identity of the pool " + poolName.get()
                        + " that runs CertificateRegistrationSvc, cannot create files in %windir%\\Temp"
                        + access.decidingAce().map(a -> " (denied by an entry for " + a.trustee() + ")").orElse("")
                        + ": the CRP cannot compile (ASP.NET 1310, code 3007), the worker terminates (WAS 5009) and NDES "
                        + "answers HTTP 500.")
                .withEvidence("account", account.get()).withEvidence("pool", poolName.get())
                .withEvidence("sddl", sddl).withEvidence("writers", String.join(", ", access.readers()))
                .withRemediation("icacls %windir%\\Temp /grant \"" + account.get() + ":(OI)(CI)(M)\" (or restore BUILTIN\\Users' "
                        + "default (CI)(S,WD,AD,X)), then recycle the pool " + poolName.get() + ".")
                .withReference(DOC));
    }

    /** The pool of the CertificateRegistrationSvc application (applicationDefaults, else DefaultAppPool). */
    static Optional<String> crpPool(IisConfiguration iis) {
        Optional<XmlElement> sites = iis.applicationHost().flatMap(r -> r.find("system.applicationHost/sites"));
        String dflt = sites.flatMap(s -> s.find("applicationDefaults")).flatMap(a -> a.attribute("applicationPool"))
                .orElse("DefaultAppPool");
        for (XmlElement site : sites.map(s -> s.children("site")).orElse(java.util.List.of())) {
            String siteDefault = site.child("applicationDefaults").flatMap(a -> a.attribute("applicationPool")).orElse(dflt);
            for (XmlElement app : site.children("application")) {
                if (app.attribute("path").filter(APPLICATION::equalsIgnoreCase).isPresent()) {
                    return Optional.of(app.attribute("applicationPool").orElse(siteDefault));
                }
            }
        }
        return Optional.empty();
    }
}
