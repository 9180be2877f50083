package dev.ndesdiag.checks.certificates;

import dev.ndesdiag.certificates.ExpiryHorizon;
import dev.ndesdiag.certificates.RaCertificate;
import dev.ndesdiag.certificates.RaInventory;
import dev.ndesdiag.certificates.RaRole;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Verifies that LocalMachine\My holds at most one time-valid certificate per RA role. NDES cannot
 * choose between two valid certificates of one role (typically after a renewal that left the old
 * one behind): it logs event 10 then event 2 with 0x80070057 and does not start, so mscep.dll
 * answers HTTP 500. Expired leftovers are harmless and noted for clean-up, and so are archived
 * certificates: renewal archives the certificate it replaces, and NDES never sees archived
 * certificates (CryptoAPI skips them when it enumerates the store), so a renewed RA certificate
 * beside its archived predecessor is healthy.
 */
public final class RaDuplicatesCheck extends AbstractCheck {

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public RaDuplicatesCheck() {
        super(CheckDescriptor.of("ra-duplicates",
                        "At most one time-valid certificate per NDES RA role", Category.CERTIFICATES)
                .withSymptoms("HTTP 500", "NDES events 10 and 2 with 0x80070057")
                .requires(RaInventory.REQUIRED).uses(RaInventory.USED)
                .withReferences("https://learn.microsoft.com/windows/win32/api/certenroll/nn-certenroll-icertpropertyarchived"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        RaInventory inventory = RaInventory.of(context);
        List<RaCertificate> ras = inventory.ras();
        Instant now = context.now();
        List<Finding> findings = new ArrayList<>();
        for (RaRole role : RaRole.values()) {
            List<RaCertificate> ofRole = ras.stream().filter(r -> r.roles().contains(role))
                    .sorted(Comparator.comparing((RaCertificate r) -> r.certificate().getNotAfter()).reversed())
                    .toList();
            List<RaCertificate> valid = ofRole.stream()
                    .filter(r -> ExpiryHorizon.of(r.certificate(), now).isTimeValid()).toList();
            List<RaCertificate> stale = ofRole.stream().filter(r -> !valid.contains(r)).toList();
            if (valid.size() > 1) {
                findings.add(duplicate(role, valid));
            } else if (valid.size() == 1) {
                findings.add(Finding.pass("RA_CERT_UNIQUE", "One time-valid " + role.displayName() + " certificate ("
                                + valid.get(0).thumbprint() + ").")
                        .withEvidence("role", role.displayName())
                        .withEvidence("thumbprint", valid.get(0).thumbprint()));
            } else {
                findings.add(Finding.pass("RA_CERT_NONE_VALID", "No time-valid " + role.displayName()
                                + " certificate, so none can clash (ra-certificates reports the missing one).")
                        .withEvidence("role", role.displayName()));
            }
            if (!stale.isEmpty()) {
                findings.add(Finding.pass("RA_CERT_STALE", stale.size() + " expired or not yet valid "
                                + role.displayName() + " certificate(s) remain in LocalMachine\\My; NDES ignores them, "
                                + "but removing them avoids confusion at the next renewal.")
                        .withEvidence("role", role.displayName())
                        .withEvidence("thumbprints", stale.stream().map(RaCertificate::thumbprint).toList())
                        .withRemediation(deleteCommands(stale)));
            }
        }
        if (!inventory.archived().isEmpty()) {
            findings.add(Finding.pass("RA_CERT_ARCHIVED", inventory.archived().size() + " archived RA certificate(s) "
                            + "remain in LocalMachine\\My from earlier renewals; NDES does not see archived certificates, so "
                            + "they cannot clash. Remove them when convenient.")
                    .withEvidence("thumbprints", inventory.archived().stream().map(RaCertificate::thumbprint).toList())
                    .withRemediation("To see them: certlm.msc > Personal > View > Options > Archived certificates. "
                            + "To remove one:\n"
                            + deleteCommands(inventory.archived())));
        }
        return CheckResult.of(findings);
    }

    private static Finding duplicate(RaRole role, List<RaCertificate> valid) {
        RaCertificate keep = valid.get(0);
        List<RaCertificate> extra = valid.subList(1, valid.size());
        return Finding.fail("RA_CERT_DUPLICATE", valid.size() + " time-valid " + role.displayName()
                        + " certificates are in LocalMachine\\My. NDES cannot choose between them: it logs event 10 then "
                        + "event 2 with 0x80070057 (E_INVALIDARG), does not start, and mscep.dll answers HTTP 500.")
                .withEvidence("role", role.displayName())
                .withEvidence("thumbprints", valid.stream().map(RaCertificate::thumbprint).toList())
                .withEvidence("newest", keep.thumbprint())
                .withRemediation("Keep the newest (" + keep.thumbprint() + ", valid until "
                        + keep.certificate().getNotAfter().toInstant().toString().substring(0, 10) + ") and remove the "
                        + "others, as administrator on the NDES server:\n" + deleteCommands(extra) + "\niisreset");
    }

    private static String deleteCommands(List<RaCertificate> certs) {
        StringBuilder sb = new StringBuilder();
        for (RaCertificate r : certs) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            // the record kept is the public certificate only: no private key is written to disk
            sb.append("certutil -store My ").append(r.thumbprint()).append(" ").append(r.thumbprint())
                    .append(".cer  (keeps a copy of the certificate, without its key)\ncertutil -delstore My ")
                    .append(r.thumbprint());
        }
        return sb.toString();
    }
}
