package dev.ndesdiag.certificates;

import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.iis.ScepPoolIdentity;
import java.util.Optional;

/**
 * The remedies for RA certificates, written out with this server's own thumbprint, CA and SCEP
 * identity, so a support engineer can run them as they stand (seeds 000 and 001).
 */
public final class RaRenewal {

    public static final String CA_INFO = "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo";

    private RaRenewal() {
    }

    /** The CA config string NDES submits to ({@code MSCEP\CAInfo\Configuration}), or a placeholder. */
    public static String caConfig(CheckContext context) {
        return context.find(NdesInputs.MSCEP)
                .flatMap(r -> r.value(CA_INFO, "Configuration").or(() -> r.value(CA_INFO, "")))
                .flatMap(v -> v.string()).filter(s -> !s.isBlank())
                .orElse("<CA host FQDN>\\<CA name>");
    }

    /** The SCEP pool's account, or a description of it. */
    public static String scepIdentity(CheckContext context) {
        return context.find(NdesInputs.IIS).flatMap(ScepPoolIdentity::account)
                .orElse("the SCEP application pool's identity (IIS APPPOOL\\SCEP or its service account)");
    }

    /** Renewing a still-valid RA certificate with its own key: the five-line RenewalCert INF. */
    public static String renew(RaCertificate ra, CheckContext context) {
        String tp = ra.thumbprint();
        return "Renew it with its own key, as administrator on the NDES server (works while it is still valid):\n"
                + "  1. Save renewal.inf:\n"
                + "       [Version]\n"
                + "       Signature=\"$Windows NT$\"\n"
                + "       [NewRequest]\n"
                + "       RenewalCert=\"" + tp + "\"\n"
                + "       MachineKeySet=TRUE\n"
                + "  2. certreq -new renewal.inf renewal.req\n"
                + "     certreq -submit -config \"" + caConfig(context) + "\" renewal.req renewal.cer\n"
                + "     certreq -accept -machine renewal.cer\n"
                + afterIssue(context)
                + (ra.roles().contains(RaRole.SIGNING)
                        ? "\nDo not renew it from certlm.msc: the Exchange Enrollment Agent (Offline request) template's "
                                + "subject type is User, so the wizard shows it as unavailable (\"can be issued only to a user\")."
                        : "");
    }

    /** Replacing an expired RA certificate: a new request, since an expired key cannot sign a renewal. */
    public static String replace(RaRole role, Optional<RaCertificate> old, CheckContext context) {
        String subject = old.map(r -> r.stored().subject()).orElse("CN=<NDES host>-MSCEP-RA");
        String request = role == RaRole.SIGNING
                ? "  1. Save request.inf (subject copied from the old certificate):\n"
                        + "       [Version]\n"
                        + "       Signature=\"$Windows NT$\"\n"
                        + "       [NewRequest]\n"
                        + "       Subject=\"" + subject + "\"\n"
                        + "       Exportable=TRUE\n"
                        + "       KeyLength=2048\n"
                        + "       KeySpec=2\n"
                        + "       KeyUsage=0x80\n"
                        + "       MachineKeySet=TRUE\n"
                        + "       ProviderName=\"Microsoft Enhanced Cryptographic Provider v1.0\"\n"
                        + "       ProviderType=1\n"
                        + "       [EnhancedKeyUsageExtension]\n"
                        + "       OID=1.3.6.1.4.1.311.20.2.1\n"
                        + "       [RequestAttributes]\n"
                        + "       CertificateTemplate=EnrollmentAgentOffline\n"
                        + "  2. certreq -f -new request.inf request.req\n"
                        + "     certreq -submit -config \"" + caConfig(context) + "\" request.req request.cer\n"
                        + "     certreq -accept -machine request.cer\n"
                        + "     (you need Read and Enroll on the Exchange Enrollment Agent (Offline request) template)\n"
                : "  1. In certlm.msc (Local Computer) > Personal > Certificates > All Tasks > Request New Certificate,\n"
                        + "     enrol from the CEP Encryption template (the NDES computer needs Read and Enroll on it).\n";
        return "An expired certificate cannot sign its own renewal: request a new " + role.displayName()
                + " certificate, as administrator on the NDES server:\n" + request + afterIssue(context);
    }

    private static String afterIssue(CheckContext context) {
        return "  3. Grant " + scepIdentity(context) + " Read on the new private key (certlm.msc > the new "
                + "certificate > All Tasks > Manage Private Keys).\n"
                + "  4. Delete the old certificate: two valid RA certificates of one role stop NDES "
                + "(events 10 and 2, 0x80070057).\n"
                + "  5. iisreset";
    }
}
