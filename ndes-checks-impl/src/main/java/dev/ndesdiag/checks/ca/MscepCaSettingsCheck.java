package dev.ndesdiag.checks.ca;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.mscep.MscepRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The MSCEP values NDES reads at start must be consistent: {@code EnforcePassword\EnforcePassword}
 * must exist (without it NDES does not start: events 2 and 10 with {@code 0x80070002}, and mscep.dll
 * answers HTTP 500, gradenegger.eu on NDES event 2), and a hash algorithm set in
 * {@code HashAlgorithm\HashAlgorithm} should be SHA-256 or stronger. The values NDES setup writes
 * beside it (each under a sub-key of its own name; a Server 2019 setup's export, Sleepw4lker's
 * NDESmanualInstallation {@code MSCEP.reg}) must agree with the server and the CA:
 * {@code CertsInMYStore} 1 (NDES keeps its RA certificates in the computer's My store,
 * IMSCEPSetup::IsMSCEPStoreEmpty), {@code CAType} 1 for the enterprise CA NDES submits to (compared
 * with the CA's own CAType when the bundle has it), and {@code UseSinglePassword} 1 (the one static
 * password of KB 959193) only with {@code EnforcePassword} 1. A value that is absent is not judged.
 */
public final class MscepCaSettingsCheck extends AbstractCheck {

    static final String EVENT_2 = "https://www.gradenegger.eu/en/the-network-device-enrollment-service-ndes-logs-the-error-message-the-network-device-enrollment-service-cannot-be-started-0x80070002-the-system-cannot-find-the-file-specified/";
    static final Set<String> STRONG = Set.of("sha256", "sha384", "sha512");
    static final String SETUP_DEFAULTS = "https://github.com/Sleepw4lker/NDESmanualInstallation/blob/master/MSCEP.reg";
    static final String MY_STORE = "https://learn.microsoft.com/en-us/windows/win32/api/casetup/nf-casetup-imscepsetup-ismscepstoreempty";
    static final String SINGLE_PASSWORD = "https://support.microsoft.com/kb/959193";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public MscepCaSettingsCheck() {
        super(CheckDescriptor.of("mscep-consistency",
                        "The MSCEP values NDES reads at start are present and consistent (EnforcePassword, HashAlgorithm)",
                        Category.CONFIGURATION)
                .withSymptoms("HTTP 500", "NDES events 2 and 10 with 0x80070002")
                .requires(NdesInputs.MSCEP)
                // the CA's own CAType, to compare NDES's copy with (optional)
                .uses(dev.ndesdiag.inputs.AuthorityInputs.CA_TYPE)
                .withReferences(EVENT_2, SETUP_DEFAULTS));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Registry mscep = context.get(NdesInputs.MSCEP);
        List<Finding> findings = new ArrayList<>();
        List<InputProblem> problems = context.problems(NdesInputs.MSCEP);
        Optional<InputProblem> brokenEnforce = MscepRegistry.unreadable(mscep, "EnforcePassword", problems);
        Optional<RegistryValue> enforce = mscep.value(MscepRegistry.KEY + "\\EnforcePassword", "EnforcePassword")
                .or(() -> mscep.value(MscepRegistry.KEY, "EnforcePassword"));
        if (brokenEnforce.isPresent()) {
            findings.add(brokenEnforce.get().toFinding());
        } else if (enforce.isEmpty()) {
            findings.add(Finding.fail("MSCEP_ENFORCEPASSWORD_MISSING", "MSCEP\\EnforcePassword\\EnforcePassword does not exist. "
                            + "NDES reads it at start and, without it, does not start: events 2 and 10 with 0x80070002 (the "
                            + "system cannot find the file specified), and mscep.dll answers HTTP 500.")
                    .withEvidence("key", MscepRegistry.KEY + "\\EnforcePassword")
                    .withRemediation("Create it as a REG_DWORD under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\EnforcePassword "
                            + "(1: NDES requires its one-time passwords, the default; 0: it does not), with the value your "
                            + "configuration had, then iisreset.")
                    .withReference(EVENT_2));
        } else {
            findings.add(Finding.pass("MSCEP_ENFORCEPASSWORD_PRESENT", "MSCEP\\EnforcePassword is set (" + enforce.get().display() + ").")
                    .withEvidence("EnforcePassword", enforce.get().display()));
        }
        // the other values' absence is no verdict, but a line of them the reader could not decode is not "consistent"
        for (String name : List.of("HashAlgorithm", "CertsInMYStore", "UseSinglePassword", "CAType")) {
            MscepRegistry.unreadable(mscep, name, problems).ifPresent(p -> findings.add(p.toFinding()));
        }
        Optional<String> hash = MscepRegistry.string(mscep, "HashAlgorithm").map(String::strip).filter(s -> !s.isEmpty());
        if (hash.isPresent() && !STRONG.contains(hash.get().toLowerCase(Locale.ROOT).replace("-", ""))) {
            findings.add(Finding.warn("MSCEP_HASH_WEAK", "MSCEP\\HashAlgorithm is " + hash.get() + "; SHA-256 or stronger is "
                            + "recommended for what NDES signs and requests.")
                    .withEvidence("HashAlgorithm", hash.get())
                    .withRemediation("Set MSCEP\\HashAlgorithm\\HashAlgorithm to SHA256, then iisreset."));
        }
        dword(mscep, "CertsInMYStore").filter(v -> v != 1).ifPresent(v -> findings.add(Finding.warn("MSCEP_CERTS_NOT_IN_MY",
                        "MSCEP\\CertsInMYStore is " + v + ", not the 1 NDES setup writes: NDES keeps its RA certificates in the "
                        + "computer's Personal (My) store, where the RA checks read them. A hand-edited value here is not a "
                        + "layout Microsoft documents.")
                .withEvidence("key", MscepRegistry.KEY + "\\CertsInMYStore").withEvidence("CertsInMYStore", v)
                .withRemediation("Set HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CertsInMYStore\\CertsInMYStore to 1 "
                        + "(REG_DWORD), keep the RA certificates in LocalMachine\\My, then iisreset.")
                .withReference(MY_STORE)));
        Optional<Long> single = dword(mscep, "UseSinglePassword");
        Optional<Long> enforced = enforce.flatMap(v -> v.number().isPresent() ? Optional.of(v.number().getAsLong()) : Optional.empty());
        if (single.filter(v -> v == 1).isPresent() && enforced.filter(v -> v == 0).isPresent()) {
            findings.add(Finding.warn("MSCEP_SINGLE_PASSWORD_NOT_ENFORCED", "MSCEP\\UseSinglePassword is 1 (one static challenge "
                            + "password for every device, KB 959193) while EnforcePassword is 0 (no password is asked for): the two "
                            + "disagree, and the static password protects nothing. With the Intune connector the policy module "
                            + "checks each request's challenge instead; single-password mode is a leftover.")
                    .withEvidence("UseSinglePassword", 1L).withEvidence("EnforcePassword", 0L)
                    .withRemediation("Set MSCEP\\UseSinglePassword\\UseSinglePassword to 0 (the setup default), or, without "
                            + "Intune, EnforcePassword to 1; then iisreset.")
                    .withReference(SINGLE_PASSWORD));
        }
        context.find(dev.ndesdiag.inputs.AuthorityInputs.CA_TYPE).ifPresent(capture -> caType(mscep, capture).ifPresent(findings::add));
        return CheckResult.of(findings);
    }

    /** NDES's copy of the CA's type against the CA's own, when both are known. */
    private static Optional<Finding> caType(Registry mscep, dev.ndesdiag.api.snapshot.CommandCapture capture) {
        Optional<Long> copy = dword(mscep, "CAType");
        Optional<dev.ndesdiag.ca.CaType> ca = CaGetreg.read(capture, "CA\\CAType").value()
                .flatMap(v -> v.dword().isPresent() ? dev.ndesdiag.ca.CaType.of(v.dword().getAsLong()) : Optional.empty());
        if (copy.isEmpty() || ca.isEmpty()) {
            return Optional.empty();
        }
        boolean saysEnterprise = copy.get() == 1;
        if (saysEnterprise == ca.get().enterprise()) {
            return Optional.of(Finding.pass("MSCEP_CATYPE_AGREES", "MSCEP\\CAType (" + copy.get() + ") agrees with the CA, "
                    + article(ca.get()) + ".").withEvidence("mscepCaType", copy.get()).withEvidence("caType", ca.get().value()));
        }
        return Optional.of(Finding.warn("MSCEP_CATYPE_DISAGREES", "MSCEP\\CAType is " + copy.get() + " but the CA NDES submits to "
                        + "is " + article(ca.get()) + " (CAType " + ca.get().value() + "); NDES setup writes 1 for an enterprise CA. "
                        + "NDES was configured against another CA, or the value was edited by hand.")
                .withEvidence("mscepCaType", copy.get()).withEvidence("caType", ca.get().value())
                .withRemediation("Reconfigure NDES against this CA (Uninstall-AdcsNetworkDeviceEnrollmentService, then "
                        + "Install-AdcsNetworkDeviceEnrollmentService -CAConfig \"<CA host>\\<CA name>\"), which writes MSCEP\\CAInfo "
                        + "and CAType together.")
                .withReference(SETUP_DEFAULTS));
    }

    private static String article(dev.ndesdiag.ca.CaType t) {
        return (t.enterprise() ? "an " : "a ") + t.words();
    }

    /** A DWORD of MSCEP, under its own sub-key as setup writes it or directly under MSCEP. */
    private static Optional<Long> dword(Registry mscep, String name) {
        return mscep.value(MscepRegistry.KEY + "\\" + name, name).or(() -> mscep.value(MscepRegistry.KEY, name))
                .flatMap(v -> v.number().isPresent() ? Optional.of(v.number().getAsLong()) : Optional.empty());
    }
}
