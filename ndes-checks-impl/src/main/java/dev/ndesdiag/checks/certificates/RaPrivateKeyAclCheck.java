package dev.ndesdiag.checks.certificates;

import dev.ndesdiag.certificates.RaCertificate;
import dev.ndesdiag.certificates.RaInventory;
import dev.ndesdiag.certificates.RaRole;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.windows.SecurityDescriptor;
import dev.ndesdiag.windows.ServiceIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import dev.ndesdiag.api.snapshot.Accounts;

/**
 * Verifies that the SCEP application pool's identity can read the private key of each RA
 * certificate, from the key file's security descriptor in the bundle. When the pool runs as an
 * account the key was never granted to (typically after the identity was changed, or after a
 * renewal whose new key kept only SYSTEM and Administrators), NDES sees the certificate but cannot
 * use its key: 0x80070057 and HTTP 500.
 *
 * <p>The worker token is WAS's: the pool's own SID ({@code IIS APPPOOL\<pool>}) and IIS_IUSRS are
 * in it whatever the identity type, so a key granted to {@code IIS APPPOOL\SCEP} stays readable
 * after the pool was switched to a gMSA or a domain account. A key readable only through a group
 * whose membership the bundle cannot show is unknown (SKIPPED), and a hand-collected bundle
 * without key sidecars skips the key, never errors.
 */
public final class RaPrivateKeyAclCheck extends AbstractCheck {

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public RaPrivateKeyAclCheck() {
        super(CheckDescriptor.of("ra-private-key-acl",
                        "The SCEP application pool identity can read each RA private key", Category.CERTIFICATES)
                .withSymptoms("HTTP 500", "0x80070057", "NDES events 10 and 2")
                .requires(RaInventory.REQUIRED).requires(NdesInputs.IIS).uses(NdesInputs.CERTIFICATES, NdesInputs.TEMPLATE_CACHE, NdesInputs.MSCEP, NdesInputs.ACCOUNTS));
    }

    @Override
    public CheckResult run(CheckContext context) {
        RaInventory inventory = RaInventory.of(context);
        Optional<ScepPoolIdentity.ScepPool> pool = ScepPoolIdentity.pool(context.get(NdesInputs.IIS));
        if (pool.isEmpty()) {
            return CheckResult.skipped("SCEP_POOL_NOT_FOUND", "applicationHost.config defines no application pool for "
                    + "the mscep application, so there is no identity to check the keys for (scep-app-pool reports it).");
        }
        Optional<Accounts> accounts = context.find(NdesInputs.ACCOUNTS);
        ServiceIdentity identity = ServiceIdentity.workerProcess(pool.get().account(), pool.get().poolAccount(), accounts);
        if (identity.sid().isEmpty()) {
            return CheckResult.of(List.of(Finding.skipped("SCEP_IDENTITY_UNRESOLVED",
                            "The SCEP application pool runs as " + pool.get().account() + ", but the bundle does not say "
                                    + "which SID that account has, so who may read the RA keys cannot be decided.")
                    .withEvidence("account", pool.get().account())
                    .withRemediation("Collect security/accounts.json with the account and its SID "
                            + "(see docs/snapshot-format.md), or run ndes-diag collect.")));
        }
        Set<String> localGroups = ServiceIdentity.listedGroups(accounts);
        List<RaCertificate> ras = inventory.ras();
        List<Finding> findings = new ArrayList<>();
        for (RaRole role : RaRole.values()) {
            List<RaCertificate> ofRole = ras.stream().filter(r -> r.roles().contains(role)).toList();
            if (ofRole.isEmpty()) {
                findings.add(Finding.skipped("RA_CERT_NOT_FOUND", "No " + role.displayName()
                        + " certificate to check (ra-certificates reports it missing).").withEvidence("role", role.displayName()));
                continue;
            }
            findings.add(judge(role, RaCertificate.inUse(ofRole, context.now()), identity, localGroups));
        }
        return CheckResult.of(findings);
    }

    private static Finding judge(RaRole role, RaCertificate ra, ServiceIdentity identity, Set<String> localGroups) {
        String name = "the " + role.displayName() + " certificate " + ra.thumbprint();
        Optional<PrivateKeyInfo> key = ra.stored().privateKey();
        Optional<String> sddl = key.flatMap(PrivateKeyInfo::keyFileSddl).filter(s -> !s.isBlank());
        if (key.isEmpty() || sddl.isEmpty()) {
            return Finding.skipped("RA_KEY_ACL_UNKNOWN", "The bundle does not hold the key file's security descriptor for "
                            + name + ", so whether " + identity.account() + " can read it could not be checked.")
                    .withEvidence("role", role.displayName())
                    .withEvidence("thumbprint", ra.thumbprint())
                    .withRemediation("Collect the key sidecar (certs/My/<thumbprint>.json with keyFileSddl from "
                            + "(Get-Acl <key file>).Sddl), or run ndes-diag collect.");
        }
        SecurityDescriptor sd;
        try {
            sd = SecurityDescriptor.parse(sddl.get());
        } catch (IllegalArgumentException e) {
            return Finding.error("RA_KEY_ACL_UNREADABLE", "The key file's security descriptor of " + name
                            + " is not readable SDDL: " + e.getMessage())
                    .withEvidence("thumbprint", ra.thumbprint())
                    .withEvidence("sddl", sddl.get());
        }
        ServiceIdentity.Access access = identity.canRead(sd, localGroups);
        String keyFile = key.get().keyFile().orElse("the key file");
        Finding f;
        if (access.readable()) {
            f = Finding.pass("RA_KEY_READABLE", identity.account() + " can read the private key of " + name
                    + access.decidingAce().map(a -> " (granted to " + a.trustee() + ")").orElse(" (no DACL)") + ".");
        } else if (access.verdict() == ServiceIdentity.Verdict.UNKNOWN) {
            f = Finding.skipped("RA_KEY_ACL_MEMBERSHIP_UNKNOWN", "The private key of " + name + " is readable by "
                            + String.join(", ", access.undecided()) + ", and the bundle does not say whether "
                            + identity.account() + " is a member (a domain group), so whether it can read the key is unknown.")
                    .withEvidence("undecided", access.undecided())
                    .withRemediation("Collect the account's groups (security/accounts.json \"groups\", from AD tokenGroups; "
                            + "ndes-diag collect does it), or check on the server: whoami /groups as the account.");
        } else if (access.decidingAce().isPresent()) {
            f = Finding.fail("RA_KEY_ACCESS_DENIED", "A deny entry for " + access.decidingAce().get().trustee()
                            + " stops " + identity.account() + " from reading the private key of " + name
                            + ": NDES cannot use the certificate (0x80070057) and mscep.dll answers HTTP 500.")
                    .withRemediation("Remove the deny entry from " + keyFile + " (certlm.msc > the certificate > All Tasks > "
                            + "Manage Private Keys), then iisreset.");
        } else {
            f = Finding.fail("RA_KEY_NOT_READABLE", identity.account() + " cannot read the private key of " + name
                            + ": its key file grants read only to " + String.join(", ", access.readers())
                            + ". NDES cannot use the certificate (0x80070057, events 10 and 2) and mscep.dll answers HTTP 500.")
                    .withRemediation("Grant " + identity.account() + " Read on the key, as administrator on the NDES server: "
                            + "certlm.msc > Personal > the certificate " + ra.thumbprint() + " > All Tasks > Manage Private Keys > "
                            + "Add > " + identity.account() + " > Read; or icacls \"" + keyFile + "\" /grant \""
                            + identity.account() + ":R\". Then iisreset.");
        }
        return f.withEvidence("role", role.displayName())
                .withEvidence("thumbprint", ra.thumbprint())
                .withEvidence("account", identity.account())
                .withEvidence("accountSid", identity.sid().orElseThrow())
                .withEvidence("tokenSids", identity.tokenSids().stream().sorted().toList()) // a set: sorted, the same in every run
                .withEvidence("keyFile", keyFile)
                .withEvidence("sddl", sddl.get());
    }
}
