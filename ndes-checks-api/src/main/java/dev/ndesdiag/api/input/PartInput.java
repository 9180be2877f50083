package dev.ndesdiag.api.input;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.util.Objects;

/**
 * A whole part of the snapshot, for parts that are one fact (user rights, accounts, fetches, the
 * probe, system state), and for checks that declare parts with {@link dev.ndesdiag.api.CheckDescriptor#withReads}.
 *
 * @param <T> the part's facts
 * @param kind the part; never null
 * @since 0.2.0
 */
public record PartInput<T>(SnapshotPart kind) implements Input<T> {

    /** Validates the components. */
    public PartInput {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public SnapshotPart part() {
        return kind;
    }

    @Override
    public String what() {
        return "the " + kind.description();
    }

    @Override
    public String collectCommand() {
        return kind.collectCommand();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Part<T> find(Snapshot snapshot) {
        return (Part<T>) snapshot.part(kind);
    }
}
