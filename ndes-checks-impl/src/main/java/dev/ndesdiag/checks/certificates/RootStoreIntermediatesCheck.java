package dev.ndesdiag.checks.certificates;

import dev.ndesdiag.certificates.Signatures;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import dev.ndesdiag.history.LogCitation;
import dev.ndesdiag.history.TimeFrame;

/**
 * Verifies that LocalMachine\Root holds only self-signed root certificates.
 *
 * <p>An intermediate CA certificate in Trusted Root (often pushed by a GPO, or imported by hand
 * with the whole chain) makes Windows distrust client certificates: the NDES policy module's call
 * to the Intune Certificate Registration Point fails with 403.16 (0x800B0109) and the SCEP
 * application pool crashes into HTTP 503. A cross-signed copy of a root whose self-signed twin
 * (same subject, same key) is also in Root is normal and excepted.
 */
public final class RootStoreIntermediatesCheck extends AbstractCheck {

    static final String ROOT = "Root";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public RootStoreIntermediatesCheck() {
        super(CheckDescriptor.of("root-store-intermediates",
                        "LocalMachine\\Root holds only self-signed root certificates", Category.CERTIFICATES)
                .withSymptoms("HTTP 503", "HTTP 403.16 on /CertificateRegistrationSvc", "0x800B0109")
                .requires(NdesInputs.ROOT).uses(NdesInputs.CERTIFICATES)
                // the registration point's 403.16 answers in the IIS log, cited beside the verdict (optional)
                .uses(NdesInputs.IIS_LOGS)
                .withReferences("https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        CertificateStores stores = context.find(NdesInputs.CERTIFICATES).orElseThrow();
        List<Finding> findings = new ArrayList<>();
        context.problems(NdesInputs.ROOT).stream().map(InputProblem::toFinding).forEach(findings::add);
        List<StoredCertificate> certs = context.get(NdesInputs.ROOT);
        if (certs.isEmpty() && findings.isEmpty()) {
            return CheckResult.skipped("ROOT_STORE_EMPTY", "certs/Root/ holds no certificate. A real LocalMachine\\Root "
                    + "always holds Microsoft's roots, so the export most likely failed; collect it again.");
        }
        List<StoredCertificate> selfSigned = certs.stream().filter(c -> Signatures.selfSigned(c.certificate())).toList();
        int excepted = 0;
        for (StoredCertificate c : certs) {
            if (Signatures.selfSigned(c.certificate())) {
                continue;
            }
            Optional<StoredCertificate> twin = selfSigned.stream().filter(r -> isTwin(r, c)).findFirst();
            if (twin.isPresent()) {
                excepted++;
                findings.add(Finding.pass("CROSS_SIGNED_ROOT", "The cross-signed certificate " + c.subject()
                                + " (issued by " + c.issuer() + ") is the twin of the self-signed root "
                                + twin.get().thumbprint() + " in the same store; this is normal.")
                        .withEvidence("thumbprint", c.thumbprint())
                        .withEvidence("twinThumbprint", twin.get().thumbprint()));
                continue;
            }
            findings.add(intermediate(c));
        }
        Optional<LogCitation> refused = findings.stream().anyMatch(f -> f.code().equals("ROOT_STORE_INTERMEDIATE"))
                ? LogCitation.of(context.snapshot(), context.find(NdesInputs.IIS_LOGS), TimeFrame.of(context.manifest()), Set.of("403.16"))
                : Optional.empty();
        if (refused.isPresent()) {
            findings.replaceAll(f -> f.code().equals("ROOT_STORE_INTERMEDIATE") ? refused.get().cite(f) : f);
        }
        if (findings.stream().noneMatch(f -> f.status() != Status.PASS)) {
            findings.add(0, Finding.pass("ROOT_STORE_CLEAN", "All " + certs.size()
                            + " certificates in LocalMachine\\Root are self-signed roots"
                            + (excepted > 0 ? " or cross-signed twins of them." : "."))
                    .withEvidence("certificates", certs.size()));
        }
        return CheckResult.of(findings);
    }

    private static Finding intermediate(StoredCertificate c) {
        X509Certificate x = c.certificate();
        boolean ca = x.getBasicConstraints() >= 0;
        return Finding.fail("ROOT_STORE_INTERMEDIATE", "LocalMachine\\Root holds " + (ca ? "the intermediate CA" : "the non-CA")
                        + " certificate " + c.subject() + ", issued by " + c.issuer() + ". Windows then fails to "
                        + "build trusted chains for client certificates: the policy module's calls to the Intune "
                        + "Certificate Registration Point get 403.16 (0x800B0109) and the SCEP application pool "
                        + "stops, so devices get HTTP 503.")
                .withEvidence("thumbprint", c.thumbprint())
                .withEvidence("subject", c.subject())
                .withEvidence("issuer", c.issuer())
                .withEvidence("notAfter", x.getNotAfter().toInstant().toString())
                .withEvidence("file", c.file())
                .withRemediation("Move it to the Intermediate Certification Authorities store: in PowerShell as "
                        + "administrator, Move-Item Cert:\\LocalMachine\\Root\\" + c.thumbprint()
                        + " Cert:\\LocalMachine\\CA. If a Group Policy (Public Key Policies > Trusted Root "
                        + "Certification Authorities) deploys it, exclude the NDES server from that policy, or it returns "
                        + "at the next refresh; if it was published to Active Directory's root container "
                        + "(certutil -viewstore \"ldap:///CN=Certification Authorities,CN=Public Key Services,CN=Services,"
                        + "CN=Configuration,<forest DN>\" shows it), remove it there (certutil -viewdelstore on that "
                        + "store), or autoenrollment brings it back. Then restart the NDES server, as Microsoft's "
                        + "procedure says (iisreset is not enough), and check again: Get-ChildItem "
                        + "Cert:\\LocalMachine\\Root | Where-Object { $_.Issuer -ne $_.Subject }.")
                .withReference("https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module")
                .withReference("https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/"
                        + "troubleshoot-scep-certificate-device-to-ndes#common-causes-for-an-application-pool-crash");
    }

    private static boolean isTwin(StoredCertificate root, StoredCertificate candidate) {
        return root.certificate().getSubjectX500Principal().equals(candidate.certificate().getSubjectX500Principal())
                && root.certificate().getPublicKey().equals(candidate.certificate().getPublicKey());
    }
}
