package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.TestPki;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, point 5: a folder bundle is read as untrusted as a zip. A hard link may be any file of
 * the machine and is refused like a symbolic link; a folder that cannot be listed makes its part
 * unreadable, never empty; a folder replaced by a link after the bundle was opened is not followed.
 */
class FolderBundleLinksTest {

    @TempDir
    Path tmp;

    private static Snapshot read(BundleSource source) throws BundleException {
        try (OpenBundle open = new OpenBundle(readSnapshot(source), source)) {
            return open.snapshot();
        }
    }

    private static Snapshot readSnapshot(BundleSource source) throws BundleException {
        return new BundleReader().read(source);
    }

    @Test
    void aHardLinkInABundleFolderIsRefusedAndWhatItPointsAtIsNeverQuoted() throws Exception {
        Path outside = Files.writeString(tmp.resolve("passwd"), "{\"services\":[{\"name\":\"root:x:0:0:LEAK\"}]}");
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b"))).dir();
        Files.createLink(b.resolve("system.json"), outside);
        Snapshot s;
        try (OpenBundle open = new BundleReader().open(b)) {
            s = open.snapshot();
        }
        assertThat(s.system().state()).isEqualTo(Part.State.ABSENT);
        assertThat(s.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("system.json");
            assertThat(p.message()).contains("hard link");
        });
        assertThat(s.toString()).doesNotContain("LEAK");
    }

    @Test
    void aCertificateStoreFolderThatCannotBeListedMakesTheCertificatesUnreadableNotAnEmptyStore() throws Exception {
        Instant now = BundleBuilder.COLLECTED_AT;
        TestPki.Issued root = TestPki.root("CN=Contoso Root", now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(100)));
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b")))
                .certificate("Root", root.certificate())
                .folder("certs/My")
                .dir();
        Path my = b.resolve("certs/My");
        DirectoryBundleSource source = new DirectoryBundleSource(b, BundleLimits.defaults(), dir -> {
            if (dir.equals(my)) {
                throw new AccessDeniedException(dir.toString());
            }
            return Files.newDirectoryStream(dir);
        });
        Snapshot s = read(source);
        assertThat(s.certificates().state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(s.certificates().problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("certs/My/");
            assertThat(p.message()).contains("cannot be listed").contains("unreadable, not empty");
        });
        assertThat(s.system().state()).isNotEqualTo(Part.State.UNREADABLE);
    }

    @Test
    void aHealthyFolderWithAnEmptyStoreIsStillAnEmptyStore() throws Exception {
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b"))).folder("certs/My").dir();
        Snapshot s = read(new DirectoryBundleSource(b, BundleLimits.defaults()));
        assertThat(s.certificates().state()).isEqualTo(Part.State.PRESENT);
        assertThat(s.certificates().value().orElseThrow().store("My")).hasValueSatisfying(l -> assertThat(l).isEmpty());
    }

    @Test
    void aLogFolderReplacedByALinkAfterTheBundleWasOpenedIsNotFollowed() throws Exception {
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b"))).text("logs/NDES/NDESPlugin.log", "ok").dir();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/NDES"));
        Files.writeString(elsewhere.resolve("NDESPlugin.log"), "SECRET FROM OUTSIDE");
        try (OpenBundle open = new BundleReader().open(b)) {
            LogFile log = open.snapshot().logs().value().orElseThrow().files().get(0);
            Path ndes = b.resolve("logs/NDES");
            Files.delete(ndes.resolve("NDESPlugin.log"));
            Files.delete(ndes);
            Files.createSymbolicLink(ndes, elsewhere);
            assertThatThrownBy(() -> {
                try (InputStream in = log.open()) {
                    in.readAllBytes();
                }
            }).hasMessageContaining("has become a link");
        }
    }
}
