package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.fixtures.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles come from strangers: every hostile or damaged input ends in a clear problem or error, never a crash. */
class HostileBundlesTest {

    @TempDir
    Path tmp;

    private Path bundle() throws IOException {
        return Files.createDirectories(tmp.resolve("bundle"));
    }

    private static Snapshot read(Path path) throws BundleException {
        try (OpenBundle open = new BundleReader().open(path)) {
            return open.snapshot();
        }
    }

    private static final String MANIFEST = "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\"}";

    @Test
    void xmlWithAnExternalEntityThatWouldReadALocalFileIsRefusedWithoutReadingIt() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Snapshot s = read(BundleBuilder.in(bundle()).text("iis/applicationHost.config",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                        + "<configuration><x a=\"&xxe;\">&xxe;</x></configuration>").dir());
        assertThat(s.iis().state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(s.iis().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("iis/applicationHost.config");
            assertThat(p.message()).contains("DTD");
        });
        assertThat(s.problems().toString()).doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    void anEntityExpansionBombIsRefused() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        Snapshot s = read(BundleBuilder.in(bundle()).text("events/Application.xml",
                dtd + "<Event><System><Provider Name='x'/><EventID>1</EventID></System><EventData><Data>&lol9;</Data></EventData></Event>")
                .dir());
        assertThat(s.events().state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(s.events().problems()).singleElement().satisfies(p -> assertThat(p.file()).isEqualTo("events/Application.xml"));
    }

    @Test
    void aZipSlipEntryIsRefusedAndNothingIsWrittenOutsideTheBundle() throws Exception {
        Path zip = tmp.resolve("slip.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "manifest.json", MANIFEST.getBytes(StandardCharsets.UTF_8));
            put(out, "../../evil.txt", "owned".getBytes(StandardCharsets.UTF_8));
            put(out, "/etc/evil.txt", "owned".getBytes(StandardCharsets.UTF_8));
        }
        Snapshot s = read(zip);
        assertThat(s.problems()).extracting(InputProblem::file).containsExactlyInAnyOrder("../../evil.txt", "/etc/evil.txt");
        assertThat(s.problems()).allSatisfy(p -> assertThat(p.message()).contains("escapes the bundle"));
        assertThat(tmp.resolve("../evil.txt").normalize()).doesNotExist();
        assertThat(tmp.getParent().resolve("evil.txt")).doesNotExist();
    }

    @Test
    void aZipBombEntryIsRefusedByItsCompressionRatio() throws Exception {
        Path zip = tmp.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "manifest.json", MANIFEST.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("logs/NDESPlugin.log"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 24; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(Files.size(zip)).isLessThan(1 << 20);
        Snapshot s = read(zip);
        assertThat(s.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("logs/NDESPlugin.log");
            assertThat(p.message()).contains("zip bomb");
        });
    }

    @Test
    void aZipWithAnAbsurdNumberOfEntriesIsRefusedWhole() throws Exception {
        Path zip = tmp.resolve("many.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "manifest.json", MANIFEST.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 20_001; i++) {
                put(out, "logs/" + i, new byte[0]);
            }
        }
        assertThatThrownBy(() -> read(zip)).isInstanceOf(BundleException.class).hasMessageContaining("entries");
    }

    @Test
    void aLinkInsideAZipIsRefused() throws Exception {
        Path zip = tmp.resolve("link.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            ZipArchiveEntry m = new ZipArchiveEntry("manifest.json");
            out.putArchiveEntry(m);
            out.write(MANIFEST.getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
            ZipArchiveEntry link = new ZipArchiveEntry("system.json");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        Snapshot s = read(zip);
        assertThat(s.system().state()).isEqualTo(Part.State.ABSENT);
        assertThat(s.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("system.json");
            assertThat(p.message()).contains("link");
        });
    }

    @Test
    void aLinkInsideABundleFolderIsNeverFollowed() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.json"), "{\"services\":[{\"name\":\"LEAK\"}]}");
        Path b = BundleBuilder.in(bundle()).dir();
        Files.createSymbolicLink(b.resolve("system.json"), outside);
        Snapshot s = read(b);
        assertThat(s.system().state()).isEqualTo(Part.State.ABSENT);
        assertThat(s.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("link"));
    }

    @Test
    void aTruncatedCertificateIsAProblemNamingTheFileAndTheOtherCertificatesAreRead() throws Exception {
        Instant now = BundleBuilder.COLLECTED_AT;
        TestPki.Issued root = TestPki.root("CN=Root", now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(10)));
        byte[] der = BundleBuilder.der(root.certificate());
        Snapshot s = read(BundleBuilder.in(bundle())
                .certificate("Root", root.certificate())
                .bytes("certs/Root/0123456789ABCDEF0123456789ABCDEF01234567.cer", Arrays.copyOf(der, der.length / 2))
                .bytes("certs/Root/garbage.cer", "not a certificate at all".getBytes(StandardCharsets.UTF_8))
                .dir());
        assertThat(s.certificates().value().orElseThrow().store("Root").orElseThrow()).hasSize(1);
        assertThat(s.certificates().problems()).extracting(InputProblem::file).containsExactlyInAnyOrder(
                "certs/Root/0123456789ABCDEF0123456789ABCDEF01234567.cer", "certs/Root/garbage.cer");
        assertThat(s.certificates().problems()).allSatisfy(p -> assertThat(p.message()).contains("not a readable X.509"));
    }

    @Test
    void aBundleOfANewerFormatIsRefusedWithAClearMessage() throws Exception {
        Path b = BundleBuilder.in(bundle()).text("manifest.json",
                "{\"format\":\"ndes-snapshot\",\"formatVersion\":2,\"collectedAt\":\"2026-11-20T10:15:00Z\"}").dir();
        assertThatThrownBy(() -> read(b)).isInstanceOf(BundleException.class)
                .hasMessageContaining("format version 2").hasMessageContaining("Update ndes-diag");
    }

    @Test
    void aManifestOfAnotherFormatIsRefused() throws Exception {
        Path b = BundleBuilder.in(bundle()).text("manifest.json", "{\"format\":\"something-else\",\"formatVersion\":1}").dir();
        assertThatThrownBy(() -> read(b)).isInstanceOf(BundleException.class).hasMessageContaining("something-else");
    }

    @Test
    void anInvalidJsonManifestIsRefusedNamingTheFileAndLine() throws Exception {
        Path b = BundleBuilder.in(bundle()).text("manifest.json", "{\n\"format\": \"ndes-snapshot\",\n oops }").dir();
        assertThatThrownBy(() -> read(b)).isInstanceOf(BundleException.class)
                .hasMessageContaining("manifest.json").hasMessageContaining("line 3");
    }

    @Test
    void aFolderWithoutManifestIsNotABundle() throws Exception {
        assertThatThrownBy(() -> read(bundle())).isInstanceOf(BundleException.class).hasMessageContaining("no manifest.json");
    }

    @Test
    void aFileThatIsNotAZipIsRefusedClearly() throws Exception {
        Path notZip = Files.writeString(tmp.resolve("bundle.zip"), "this is not a zip");
        assertThatThrownBy(() -> read(notZip)).isInstanceOf(BundleException.class).hasMessageContaining("not a readable zip");
    }

    @Test
    void invalidJsonInOnePartNamesTheFileAndTheRestIsStillRead() throws Exception {
        Snapshot s = read(BundleBuilder.in(bundle())
                .text("security/accounts.json", "{ \"accounts\": [ { \"name\": \"x\", ")
                .registry("http.reg", new RegExport().key("HKLM\\SYSTEM\\X").dword("A", 1))
                .dir());
        assertThat(s.accounts().state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(s.accounts().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("security/accounts.json");
            assertThat(p.message()).contains("not valid JSON");
        });
        assertThat(s.registry().isPresent()).isTrue();
    }

    @Test
    void aZipWithOneTopFolderReadsLikeTheFolder() throws Exception {
        Path zip = BundleBuilder.in(bundle()).registry("a.reg", new RegExport().key("HKLM\\SYSTEM\\X").dword("A", 1))
                .zip(tmp.resolve("top.zip"), "NDES01-20261120");
        Snapshot s = read(zip);
        assertThat(s.manifest().host().fqdn()).contains("ndes01.corp.contoso.com");
        assertThat(s.registry().isPresent()).isTrue();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void aNetworkFetchNamingAFileOutsideTheBundleIsNeverOpened() throws Exception {
        Files.writeString(tmp.resolve("outside.crl"), "secret");
        Snapshot s = read(BundleBuilder.in(bundle()).text("network/fetches.json",
                "[{\"url\":\"http://pki/x.crl\",\"purpose\":\"crl\",\"outcome\":\"ok\",\"httpStatus\":200,"
                        + "\"elapsedMs\":3,\"file\":\"../outside.crl\",\"error\":null}]").dir());
        assertThat(s.networkFetches().value().orElseThrow()).singleElement()
                .satisfies(f -> assertThat(f.body()).isEmpty());
        assertThat(s.networkFetches().problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not in the bundle"));
    }

    private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

}
