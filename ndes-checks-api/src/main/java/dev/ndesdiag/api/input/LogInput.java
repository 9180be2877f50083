package dev.ndesdiag.api.input;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.LogFamily;
import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.api.snapshot.Logs;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.util.List;
import java.util.Objects;

/**
 * The files of one log family: present when the bundle holds at least one.
 *
 * @param family the family; never null
 * @since 0.2.0
 */
public record LogInput(LogFamily family) implements Input<List<LogFile>> {

    /** Validates the components. */
    public LogInput {
        Objects.requireNonNull(family, "family");
    }

    @Override
    public SnapshotPart part() {
        return SnapshotPart.LOGS;
    }

    @Override
    public String what() {
        return family.description() + " (" + family.bundlePrefix() + "...)";
    }

    @Override
    public String collectCommand() {
        return "copy \"" + family.serverPath() + "\" into " + family.bundlePrefix() + " of the bundle, or ndes-diag collect";
    }

    @Override
    public Part<List<LogFile>> find(Snapshot snapshot) {
        Part<Logs> logs = snapshot.logs();
        if (!logs.isPresent()) {
            return logs.notPresent();
        }
        List<LogFile> files = logs.value().orElseThrow().files().stream().filter(f -> family.holds(f.path())).toList();
        return files.isEmpty() ? Part.absent(part()) : Part.present(part(), files, logs.problems());
    }
}
