package dev.ndesdiag.checks.host;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.host.HostState;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A restart Windows is waiting for: Component Based Servicing ({@code ...\Component Based Servicing\RebootPending}
 * exists), Windows Update ({@code ...\WindowsUpdate\Auto Update\RebootRequired} exists) or files to
 * replace at start ({@code Session Manager\PendingFileRenameOperations}). Until the restart, updated
 * binaries (IIS, HTTP.sys, .NET, NDES itself) and roles just added are not in effect. Changes to
 * the HTTP.sys limits since the last boot are judged by {@code http-sys-limits}.
 */
public final class PendingRebootCheck extends AbstractCheck {

    static final String CBS = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending";
    static final String WU = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired";
    static final String PFRO = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\PendingFileRenameOperations";
    static final String DOC = "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes";

    private record Flag(String code, String what, String where, Optional<Boolean> set) {
    }

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public PendingRebootCheck() {
        super(CheckDescriptor.of("pending-reboot",
                        "No restart is pending (servicing, Windows Update, file renames)", Category.CONFIGURATION)
                .withSymptoms("a fix made no difference", "role or update installed but not in effect")
                .requires(NdesInputs.HOST_STATE)
                .withReferences(DOC));
    }

    @Override
    public CheckResult run(CheckContext context) {
        HostState.Reading reading = HostState.reading(context.get(NdesInputs.HOST_STATE));
        if (reading.unreadable().isPresent()) {
            return reading.unreadable().get();
        }
        HostState state = reading.state().orElseThrow();
        List<Flag> flags = List.of(
                new Flag("REBOOT_PENDING_SERVICING", "Component Based Servicing waits for a restart to finish installing "
                        + "updates or roles", CBS, state.componentBasedServicing()),
                new Flag("REBOOT_PENDING_WINDOWS_UPDATE", "Windows Update installed updates that need a restart", WU,
                        state.windowsUpdate()),
                new Flag("REBOOT_PENDING_FILE_RENAMES", "files are queued to be replaced or deleted at the next start", PFRO,
                        state.pendingFileRenames()));
        List<Finding> findings = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Flag f : flags) {
            if (f.set().isEmpty()) {
                unknown.add(f.where());
            } else if (f.set().get()) {
                findings.add(Finding.warn(f.code(), "A restart is pending: " + f.what() + ". Until the server restarts, "
                                + "what they change (IIS, HTTP.sys, .NET, NDES or connector files) is not in effect, and a fix "
                                + "that needs a restart may seem not to work.")
                        .withEvidence("flag", f.where())
                        .withEvidence("lastBootAt", state.lastBootAt().map(Object::toString).orElse("unknown"))
                        .withRemediation("Restart the server in a maintenance window, then collect again.")
                        .withReference(DOC));
            }
        }
        if (!unknown.isEmpty()) {
            findings.add(Finding.skipped("REBOOT_FLAGS_UNKNOWN", "host-state does not say whether " + String.join(", ", unknown)
                    + " is set.").withRemediation("Collect commands/host-state.txt again (ndes-diag collect)."));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.pass("NO_REBOOT_PENDING", "No restart is pending (servicing, Windows Update, file renames)."
                    + state.lastBootAt().map(b -> " Last boot " + b + ".").orElse("")));
        }
        return CheckResult.of(findings);
    }
}
