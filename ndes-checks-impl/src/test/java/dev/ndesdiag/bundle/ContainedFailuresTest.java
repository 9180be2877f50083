package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.Diagnostics;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HostileInputs;
import dev.ndesdiag.fixtures.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, point 3: an input built to exhaust the stack or the heap costs the file it is in, never
 * the part or the report: a nested-DER certificate is a problem for that certificate, deeply nested
 * JSON a problem naming its file (Jackson's limits are set explicitly and say which was passed).
 */
class ContainedFailuresTest {

    @TempDir
    Path tmp;

    private static Snapshot read(Path path) throws BundleException {
        try (OpenBundle open = new BundleReader().open(path)) {
            return open.snapshot();
        }
    }

    @Test
    void aNestedDerBombIsAProblemForThatCertificateAndTheStoreIsStillRead() throws Exception {
        Instant now = BundleBuilder.COLLECTED_AT;
        TestPki.Issued root = TestPki.root("CN=Contoso Root", now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(100)));
        byte[] bomb = HostileInputs.nestedDer(160_000);
        assertThat(bomb.length).isEqualTo(800_000);
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b")))
                .certificate("Root", root.certificate())
                .bytes("certs/Root/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF.cer", bomb)
                .dir();
        Snapshot s = read(b);
        assertThat(s.certificates().state()).isEqualTo(Part.State.PRESENT);
        assertThat(s.certificates().value().orElseThrow().store("Root")).hasValueSatisfying(l -> assertThat(l).hasSize(1));
        assertThat(s.certificates().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("certs/Root/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF.cer");
            assertThat(p.message()).contains("not a readable X.509 certificate");
        });
    }

    @Test
    void deeplyNestedJsonIsAProblemNamingTheFileAndTheLimitNotANullPointer() throws Exception {
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b")))
                .text("system.json", HostileInputs.deepJson(100_000))
                .text("security/accounts.json", "{\"accounts\":[]}")
                .dir();
        Snapshot s = read(b);
        assertThat(s.system().state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(s.system().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("system.json");
            assertThat(p.message()).contains("passes a limit of the JSON reader").contains("64")
                    .doesNotContain("NullPointerException");
        });
        assertThat(s.accounts().state()).isNotEqualTo(Part.State.UNREADABLE);
    }

    @Test
    void aJsonStringPastTheExplicitLengthLimitIsRefusedNamingTheLimit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonDocument.parse("{\"" + "n".repeat(5000) + "\":1}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("passes a limit of the JSON reader").hasMessageContaining("4096");
    }

    @Test
    void aPartReaderThatRunsOutOfMemoryCostsThatPartOnly() {
        Part<Object> p = BundleReader.guarded(SnapshotPart.EVENTS, () -> {
            throw new OutOfMemoryError("Java heap space");
        }, Diagnostics.none());
        assertThat(p.state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(p.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("events/*.xml");
            assertThat(problem.message()).contains("ran out of memory").contains("the rest of the bundle was read");
        });
    }
}
