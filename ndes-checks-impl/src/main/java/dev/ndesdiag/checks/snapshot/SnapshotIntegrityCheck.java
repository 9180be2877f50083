package dev.ndesdiag.checks.snapshot;

import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports every file of the snapshot that could not be read, and every part that was not
 * collected, so that a support engineer knows what the other checks could not see.
 */
public final class SnapshotIntegrityCheck extends AbstractCheck {

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public SnapshotIntegrityCheck() {
        super(CheckDescriptor.of("snapshot-integrity",
                "Every file of the snapshot bundle could be read", Category.SNAPSHOT)
                .withSymptoms("checks skipped or in error because of a damaged bundle"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Snapshot snapshot = context.snapshot();
        List<Finding> findings = new ArrayList<>();
        for (InputProblem p : snapshot.problems()) {
            boolean refused = p.part() == null;
            findings.add(Finding.warn(refused ? "BUNDLE_ENTRY_REFUSED" : "BUNDLE_FILE_UNREADABLE",
                            p.location() + ": " + p.message())
                    .withEvidence("file", p.file())
                    .withRemediation(refused
                            ? "Collect the bundle again with ndes-diag collect; do not add links or files by hand."
                            : "Collect the file again on the NDES server with: " + p.part().collectCommand()));
        }
        List<String> absent = new ArrayList<>();
        for (SnapshotPart kind : SnapshotPart.values()) {
            if (snapshot.part(kind).state() == Part.State.ABSENT) {
                absent.add(kind.bundlePath());
            }
        }
        if (!absent.isEmpty()) {
            findings.add(Finding.pass("PARTS_NOT_COLLECTED", "The bundle does not contain " + absent.size()
                            + " of the " + SnapshotPart.values().length + " parts; checks that need them are skipped.")
                    .withEvidence("parts", absent));
        }
        if (snapshot.problems().isEmpty()) {
            findings.add(0, Finding.pass("BUNDLE_READABLE", "Every file of the bundle could be read."));
        }
        return CheckResult.of(findings);
    }
}
