package dev.ndesdiag.checks.ca;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
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
 * {@code HashAlgorithm\HashAlgorithm} should be SHA-256 or stronger.
 */
public final class MscepCaSettingsCheck extends AbstractCheck {

    static final String EVENT_2 = "https://www.gradenegger.eu/en/the-network-device-enrollment-service-ndes-logs-the-error-message-the-network-device-enrollment-service-cannot-be-started-0x80070002-the-system-cannot-find-the-file-specified/";
    static final Set<String> STRONG = Set.of("sha256", "sha384", "sha512");

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public MscepCaSettingsCheck() {
        super(CheckDescriptor.of("mscep-consistency",
                        "The MSCEP values NDES reads at start are present and consistent (EnforcePassword, HashAlgorithm)",
                        Category.CONFIGURATION)
                .withSymptoms("HTTP 500", "NDES events 2 and 10 with 0x80070002")
                .requires(NdesInputs.MSCEP)
                .withReferences(EVENT_2));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Registry mscep = context.get(NdesInputs.MSCEP);
        List<Finding> findings = new ArrayList<>();
        Optional<RegistryValue> enforce = mscep.value(MscepRegistry.KEY + "\\EnforcePassword", "EnforcePassword")
                .or(() -> mscep.value(MscepRegistry.KEY, "EnforcePassword"));
        if (enforce.isEmpty()) {
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
        Optional<String> hash = MscepRegistry.string(mscep, "HashAlgorithm").map(String::strip).filter(s -> !s.isEmpty());
        if (hash.isPresent() && !STRONG.contains(hash.get().toLowerCase(Locale.ROOT).replace("-", ""))) {
            findings.add(Finding.warn("MSCEP_HASH_WEAK", "MSCEP\\HashAlgorithm is " + hash.get() + "; SHA-256 or stronger is "
                            + "recommended for what NDES signs and requests.")
                    .withEvidence("HashAlgorithm", hash.get())
                    .withRemediation("Set MSCEP\\HashAlgorithm\\HashAlgorithm to SHA256, then iisreset."));
        }
        return CheckResult.of(findings);
    }
}
