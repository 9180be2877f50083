package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.SystemInfo;
import org.junit.jupiter.api.Test;

/** A bug in one part reader costs that part only, never the whole analysis. */
class PartReaderBugTest {

    @Test
    void aReaderThatThrowsLeavesItsPartUnreadableWithAProblemSayingSo() {
        Part<SystemInfo> part = BundleReader.guarded(SnapshotPart.SYSTEM, () -> {
            throw new IllegalStateException("unexpected JSON shape");
        });
        assertThat(part.state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(part.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("system.json");
            assertThat(p.message()).contains("bug in ndes-diag").contains("unexpected JSON shape");
        });
    }

    @Test
    void aReaderThatOverflowsItsStackIsContainedToo() {
        Part<SystemInfo> part = BundleReader.guarded(SnapshotPart.SYSTEM, () -> {
            throw new StackOverflowError();
        });
        assertThat(part.state()).isEqualTo(Part.State.UNREADABLE);
    }
}
