package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ndesdiag.api.InputProblem;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder bundle keeps the bounds a zip keeps, at exactly their value: the number of files and
 * folders (refused ones included), the total size, and the size of one file when it is streamed.
 * A bundle held in memory lists every folder once and opens only its own files.
 */
class FolderAndMemoryBundleLimitsTest {

    @TempDir
    Path tmp;

    /** Limits with the folder bounds given and generous others. */
    private static BundleLimits limits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
        return new BundleLimits(maxEntries, maxEntryBytes, maxTotalBytes, 200, 64 << 20, 100, 1 << 20, 64 << 20, 10);
    }

    private Path folder(String name, Map<String, String> files) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path f = root.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        return root;
    }

    @Test
    void aFolderOfExactlyTheEntriesAllowedIsOpenedRefusedLinksIncludedAndOneMoreRefusesItWhole() throws Exception {
        Path b = folder("b", Map.of("manifest.json", "{}", "registry/a.reg", "x"));
        Files.createSymbolicLink(b.resolve("elsewhere"), tmp);
        // four entries: the link (refused, still counted), manifest.json, registry/ and registry/a.reg
        DirectoryBundleSource s = new DirectoryBundleSource(b, limits(4, 1 << 20, 1 << 20));
        assertThat(s.files()).containsOnlyKeys("manifest.json", "registry/a.reg");
        assertThat(s.folders()).containsExactly("registry/");
        assertThat(s.refused()).extracting(InputProblem::file, InputProblem::message)
                .containsExactly(tuple("elsewhere", "is a link; links in a bundle are refused, never followed"));
        assertThatThrownBy(() -> new DirectoryBundleSource(b, limits(3, 1 << 20, 1 << 20)))
                .isInstanceOf(BundleException.class)
                .hasMessage("The bundle " + b + " has more than 3 files and folders; that is not a snapshot bundle. "
                        + "Collect it again with ndes-diag collect.");
    }

    @Test
    void filesUpToExactlyTheTotalSizeAreListedAndTheFileThatWouldPassItIsRefusedWithTheSizes() throws Exception {
        Path b = folder("b", Map.of("logs/a.log", "x".repeat(600), "logs/b.log", "y".repeat(400)));
        DirectoryBundleSource exact = new DirectoryBundleSource(b, limits(100, 1 << 20, 1000));
        assertThat(exact.files()).isEqualTo(Map.of("logs/a.log", 600L, "logs/b.log", 400L));
        assertThat(exact.refused()).isEmpty();
        DirectoryBundleSource under = new DirectoryBundleSource(b, limits(100, 1 << 20, 999));
        assertThat(under.files()).containsOnlyKeys("logs/a.log");
        assertThat(under.refused()).extracting(InputProblem::file, InputProblem::message).containsExactly(tuple("logs/b.log",
                "is 400 bytes, which would take the bundle past the 999 bytes accepted in all; refused"));
    }

    @Test
    void aLogOfExactlyTheLargestEntrySizeStreamsWholeAndALargerOneFailsOneBytePastItNamingTheFile() throws Exception {
        Path b = folder("b", Map.of("logs/a.log", "a".repeat(10), "logs/b.log", "b".repeat(11)));
        DirectoryBundleSource s = new DirectoryBundleSource(b, limits(100, 10, 1 << 20));
        try (InputStream in = s.open("logs/a.log")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("aaaaaaaaaa");
        }
        try (InputStream in = s.open("logs/b.log")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(BoundedInputStream.LimitReached.class)
                    .hasMessageStartingWith("logs/b.log holds more than the 10 bytes");
        }
    }

    @Test
    void aNameThatIsNotAFileOfTheFolderBundleIsNeverOpenedEvenWhenItExistsOnDisk() throws Exception {
        Path b = folder("b", Map.of("manifest.json", "{}"));
        Files.writeString(tmp.resolve("outside.txt"), "not in the bundle");
        DirectoryBundleSource s = new DirectoryBundleSource(b, limits(100, 1 << 20, 1 << 20));
        Files.writeString(b.resolve("added-later.txt"), "written after the bundle was opened");
        assertThatThrownBy(() -> s.open("../outside.txt")).isInstanceOf(IOException.class).hasMessage("no such file in the bundle");
        assertThatThrownBy(() -> s.open("added-later.txt")).isInstanceOf(IOException.class).hasMessage("no such file in the bundle");
        assertThat(s.describe()).isEqualTo(b.toString());
        assertThat(s.unlistable()).isEmpty();
    }

    @Test
    void aBundleFolderThatCannotBeListedAtAllIsRefusedWhole() throws Exception {
        Path b = folder("b", Map.of("manifest.json", "{}"));
        assertThatThrownBy(() -> new DirectoryBundleSource(b, limits(100, 1 << 20, 1 << 20), dir -> {
            throw new AccessDeniedException(dir.toString());
        })).isInstanceOf(BundleException.class).hasMessage("The bundle folder " + b + " cannot be listed: " + b);
    }

    @Test
    void aSubfolderThatCannotBeListedIsNamedAsUnknownNotEmptyAndTheRestIsListed() throws Exception {
        Path b = folder("b", Map.of("manifest.json", "{}", "logs/NDES/a.log", "x", "system.json", "{}"));
        Path logs = b.resolve("logs");
        DirectoryBundleSource s = new DirectoryBundleSource(b, limits(100, 1 << 20, 1 << 20), dir -> {
            if (dir.equals(logs)) {
                throw new AccessDeniedException(dir.toString());
            }
            return Files.newDirectoryStream(dir);
        });
        assertThat(s.files()).containsOnlyKeys("manifest.json", "system.json");
        assertThat(s.folders()).containsExactly("logs/");
        assertThat(s.unlistable()).containsExactly("logs/");
        assertThat(s.refused()).extracting(InputProblem::file, InputProblem::message).containsExactly(tuple("logs/",
                "is a folder that cannot be listed (AccessDeniedException); what it holds is unknown, not absent"));
    }

    @Test
    void aMemoryBundleListsEachFolderOnceHowManyFilesItHolds() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("manifest.json", new byte[2]);
        m.put("certs/My/AB.cer", new byte[3]);
        m.put("certs/My/CD.cer", new byte[4]);
        m.put("certs/Root/EF.cer", new byte[5]);
        m.put("certs/", new byte[0]);
        MemoryBundleSource s = new MemoryBundleSource(m, "NDES01");
        assertThat(s.folders()).containsExactly("certs/", "certs/My/", "certs/Root/");
        assertThat(s.files()).isEqualTo(Map.of("certs/My/AB.cer", 3L, "certs/My/CD.cer", 4L,
                "certs/Root/EF.cer", 5L, "manifest.json", 2L));
        assertThat(s.refused()).isEmpty();
    }

    @Test
    void aMemoryBundleOpensItsOwnFilesAndNamesAMissingOne() throws Exception {
        MemoryBundleSource s = new MemoryBundleSource(Map.of("logs/a.log", "line\r\n".getBytes(StandardCharsets.US_ASCII)), "NDES01");
        try (InputStream in = s.open("logs/a.log")) {
            assertThat(in.readAllBytes()).containsExactly('l', 'i', 'n', 'e', '\r', '\n');
        }
        assertThatThrownBy(() -> s.open("logs/b.log")).isInstanceOf(FileNotFoundException.class)
                .hasMessage("logs/b.log is not in the bundle");
        s.close();
    }

    @Test
    void aBundleHeldInMemoryKeepsTheBudgetOfTheReadersLimitsForFilesReadWhole() throws Exception {
        byte[] manifest = "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        String reg = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n\"V\"=\""
                + "x".repeat(200) + "\"\r\n";
        Map<String, byte[]> m = Map.of("manifest.json", manifest, "registry/a.reg", reg.getBytes(StandardCharsets.UTF_8));
        long budget = manifest.length + 100;
        try (OpenBundle open = new BundleReader(BundleLimits.defaults().withMaxRetainedBytes(budget)).open(m, "NDES01")) {
            var registry = open.snapshot().registry();
            assertThat(registry.state()).isEqualTo(dev.ndesdiag.api.snapshot.Part.State.UNREADABLE);
            assertThat(registry.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("registry/a.reg");
                assertThat(p.message()).startsWith("cannot be read: was not read: its " + reg.length() + " bytes would pass "
                        + "the budget of " + budget + " bytes that one analysis keeps of files read whole");
            });
            assertThat(open.source()).isEqualTo("NDES01");
        }
    }
}
