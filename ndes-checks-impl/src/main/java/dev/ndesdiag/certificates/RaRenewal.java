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

    /** Microsoft's procedure for replacing expired MSCEP-RA certificates ("500 - Internal server error", cause 2). */
    public static final String REPLACE_REFERENCE = "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/"
            + "troubleshoot-scep-certificate-device-to-ndes#internal-server-error";

    /**
     * Replacing an RA certificate that cannot be renewed with its own key (expired, missing, or a key
     * NDES cannot use), as Microsoft documents it. The Exchange Enrollment Agent (Offline request)
     * template's subject type is User, so it is enrolled in the user context with an exportable key,
     * exported with a password and imported into LocalMachine\My; a machine-context request from it
     * fails with 0x8007000d ("machine context template conflicts with user context", seed 001). No
     * step writes a private key to disk without a password.
     */
    public static String replace(RaRole role, Optional<RaCertificate> old, CheckContext context) {
        String subject = old.map(r -> r.stored().subject()).orElse("CN=<NDES host>-MSCEP-RA, as on the old certificate");
        String prerequisite = "  0. On the CA (certtmpl.msc), give you and the NDES computer Read and Enroll on the "
                + role.displayName() + " template.\n";
        String request = role == RaRole.SIGNING
                ? "  1. certmgr.msc (My user account) > Personal > Certificates > All Tasks > Request New Certificate >\n"
                        + "     Exchange Enrollment Agent (Offline request) > \"More information is required\": Subject name\n"
                        + "     " + subject + "; Private Key tab: Make private key exportable. Enroll.\n"
                        + "     (It must be the user context: the template's subject type is User. A machine-context\n"
                        + "     certreq INF with this template fails with 0x8007000d.)\n"
                        + "  2. Export it with its private key to a password-protected PFX (Certificate Export Wizard:\n"
                        + "     Yes, export the private key; set a password), import the PFX into the computer store\n"
                        + "     (certlm.msc > Personal > Import, or certutil -importPFX My ndes-ra.pfx), then delete the PFX\n"
                        + "     file and remove the certificate from your user store.\n"
                : "  1. certlm.msc (Computer account) > Personal > Certificates > All Tasks > Request New Certificate >\n"
                        + "     CEP Encryption > \"More information is required\": Subject name " + subject + ". Enroll.\n";
        return "Request a new " + role.displayName() + " certificate, as administrator on the NDES server (Microsoft's "
                + "procedure, " + REPLACE_REFERENCE + "):\n" + prerequisite + request + afterIssue(context)
                + "\nAlternatively, re-run the NDES role configuration, which enrols both RA certificates anew.";
    }

    private static String afterIssue(CheckContext context) {
        return "  3. Grant " + scepIdentity(context) + " Read on the new private key (certlm.msc > the new "
                + "certificate > All Tasks > Manage Private Keys).\n"
                + "  4. Delete the old certificate: two valid RA certificates of one role stop NDES "
                + "(events 10 and 2, 0x80070057).\n"
                + "  5. iisreset";
    }
}
