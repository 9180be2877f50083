package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ndesdiag.api.InputProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a zip bundle accepts: every bound holds at exactly its value and refuses one past it, an entry
 * by its name and the bundle whole when it has too many entries or bytes; names are read as Windows
 * writes them and refused when they would leave the bundle.
 */
class ZipBundleLimitsTest {

    @TempDir
    Path tmp;

    private static final byte[] MANIFEST = "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\"}"
            .getBytes(StandardCharsets.UTF_8);

    /** Limits with the zip bounds given and generous others. */
    private static BundleLimits limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxRatio) {
        return new BundleLimits(maxEntries, maxEntryBytes, maxTotalBytes, maxRatio, 64 << 20, 100, 1 << 20, 64 << 20, 10);
    }

    private static final BundleLimits ROOMY = limits(100, 64 << 20, 1L << 30, 200);

    /** A deflated zip of the entries in order; a name ending in {@code /} is a folder entry. */
    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path zip = tmp.resolve(name);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        }
        return zip;
    }

    private static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            Object v = nameThenBytes[i + 1];
            m.put((String) nameThenBytes[i], v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) v);
        }
        return m;
    }

    @Test
    void aZipWithExactlyTheEntriesAllowedIsOpenedAndOneEntryMoreRefusesItWhole() throws Exception {
        Path zip = zip("three.zip", entries("manifest.json", MANIFEST, "system.json", "{}", "logs/", new byte[0]));
        try (ZipBundleSource s = new ZipBundleSource(zip, limits(3, 1 << 20, 1 << 20, 200))) {
            assertThat(s.files()).containsOnlyKeys("manifest.json", "system.json");
            assertThat(s.folders()).containsExactly("logs/");
        }
        assertThatThrownBy(() -> new ZipBundleSource(zip, limits(2, 1 << 20, 1 << 20, 200)))
                .isInstanceOf(BundleException.class)
                .hasMessage("The bundle three.zip has more than 2 entries; that is not a snapshot bundle (zip bomb?). Refused.");
    }

    @Test
    void aZipThatUnpacksToExactlyTheTotalAllowedIsOpenedAndOneByteLessRefusesIt() throws Exception {
        Path zip = zip("total.zip", entries("manifest.json", MANIFEST, "logs/0.log", new byte[3000], "logs/1.log", new byte[3000], "logs/2.log", new byte[3000]));
        try (ZipBundleSource s = new ZipBundleSource(zip, limits(100, 1 << 20, 9000 + MANIFEST.length, 200))) {
            assertThat(s.files()).containsOnlyKeys("manifest.json", "logs/0.log", "logs/1.log", "logs/2.log");
        }
        assertThatThrownBy(() -> new ZipBundleSource(zip, limits(100, 1 << 20, 8999 + MANIFEST.length, 200)))
                .isInstanceOf(BundleException.class)
                .hasMessage("The bundle total.zip would unpack to " + (9000 + MANIFEST.length) + " bytes, more than the "
                        + (8999 + MANIFEST.length) + " accepted (zip bomb?). Refused.");
    }

    @Test
    void anEntryOfExactlyTheLargestEntrySizeIsReadWholeAndOneByteMoreIsRefusedByName() throws Exception {
        Path zip = zip("entry.zip", entries("manifest.json", MANIFEST, "logs/a.log", new byte[4096], "logs/b.log", new byte[4097]));
        try (ZipBundleSource s = new ZipBundleSource(zip, limits(100, 4096, 1 << 20, 200))) {
            assertThat(s.files()).containsOnlyKeys("manifest.json", "logs/a.log");
            try (InputStream in = s.open("logs/a.log")) {
                assertThat(in.readAllBytes()).hasSize(4096);
            }
            assertThat(s.refused()).extracting(InputProblem::file, InputProblem::message)
                    .containsExactly(tuple("logs/b.log", "would unpack to 4097 bytes, more than the 4096 accepted; refused"));
        }
    }

    @Test
    void aHighlyCompressedEntryOfOneMebibyteIsNoBombButOneByteMoreIs() throws Exception {
        // zeros deflate about 1000:1, far above the ratio of 200; only entries above 1 MiB are judged by it
        Path zip = zip("ratio.zip", entries("manifest.json", MANIFEST, "logs/small.log", new byte[1 << 20], "logs/large.log", new byte[(1 << 20) + 1]));
        long compressed;
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            compressed = z.getEntry("logs/large.log").getCompressedSize();
        }
        try (ZipBundleSource s = new ZipBundleSource(zip, ROOMY)) {
            assertThat(s.files()).containsOnlyKeys("manifest.json", "logs/small.log");
            assertThat(s.refused()).extracting(InputProblem::file, InputProblem::message)
                    .containsExactly(tuple("logs/large.log", "compresses 1048577 bytes into " + compressed
                            + " (ratio above 200), the mark of a zip bomb; refused"));
        }
    }

    @Test
    void anEntryCompressedExactlyAtTheHighestRatioIsReadAndOneAboveItIsRefused() throws Exception {
        Path zip = zip("exact.zip", entries("manifest.json", MANIFEST, "logs/NDESPlugin.log", new byte[2 << 20]));
        int ratio;
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            ZipArchiveEntry e = z.getEntry("logs/NDESPlugin.log");
            ratio = (int) (e.getSize() / e.getCompressedSize());
        }
        try (ZipBundleSource s = new ZipBundleSource(zip, limits(100, 64 << 20, 1L << 30, ratio))) {
            assertThat(s.files()).containsOnlyKeys("manifest.json", "logs/NDESPlugin.log");
            assertThat(s.refused()).isEmpty();
        }
        try (ZipBundleSource s = new ZipBundleSource(zip, limits(100, 64 << 20, 1L << 30, ratio - 1))) {
            assertThat(s.files()).containsOnlyKeys("manifest.json");
            assertThat(s.refused()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("logs/NDESPlugin.log");
                assertThat(p.message()).contains("(ratio above " + (ratio - 1) + "), the mark of a zip bomb");
            });
        }
    }

    @Test
    void entriesNamedWithBackslashesAsOldWindowsZipToolsWriteThemAreReadAsFolders() throws Exception {
        Path zip = zip("backslash.zip", entries("manifest.json", MANIFEST, "certs\\My\\AB.cer", "x", "logs\\NDES\\a.log", "y"));
        try (ZipBundleSource s = new ZipBundleSource(zip, ROOMY)) {
            assertThat(s.files()).containsOnlyKeys("manifest.json", "certs/My/AB.cer", "logs/NDES/a.log");
            assertThat(s.folders()).containsExactly("certs/", "certs/My/", "logs/", "logs/NDES/");
            assertThat(s.readText("certs/My/AB.cer", 10)).isEqualTo("x");
        }
    }

    @Test
    void namesThatLeaveTheBundleAreRefusedWhileDotsInsideANameAreHarmless() throws Exception {
        Path zip = zip("escape.zip", entries("manifest.json", MANIFEST,
                "/etc/cron.d/x", "a",
                "C:\\Windows\\System32\\x.dll", "b",
                "d:relative.txt", "c",
                "logs/../../outside.txt", "d",
                "logs\\..\\..\\outside2.txt", "e",
                "\u0000etc/passwd", "n",
                "logs/a..b.log", "f",
                "logs/..hidden", "g"));
        String message = "escapes the bundle (absolute path or '..'); refused";
        try (ZipBundleSource s = new ZipBundleSource(zip, ROOMY)) {
            assertThat(s.files()).containsOnlyKeys("manifest.json", "logs/a..b.log", "logs/..hidden");
            assertThat(s.refused()).extracting(InputProblem::file, InputProblem::message).containsExactly(
                    tuple("/etc/cron.d/x", message),
                    tuple("C:/Windows/System32/x.dll", message),
                    tuple("d:relative.txt", message),
                    tuple("logs/../../outside.txt", message),
                    tuple("logs/../../outside2.txt", message),
                    tuple("\u0000etc/passwd", message));
        }
    }

    @Test
    void aNameThatAppearsThreeTimesIsOneProblemCountingThem() throws Exception {
        Path zip = tmp.resolve("thrice.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            for (String name : new String[] {"manifest.json", "system.json", "system.json", "system.json"}) {
                out.putArchiveEntry(new ZipArchiveEntry(name));
                out.write(MANIFEST);
                out.closeArchiveEntry();
            }
        }
        try (ZipBundleSource s = new ZipBundleSource(zip, ROOMY)) {
            assertThat(s.files()).containsOnlyKeys("manifest.json");
            assertThat(s.refused()).extracting(InputProblem::file, InputProblem::message).containsExactly(
                    tuple("system.json", "appears 3 times in the zip; which one is real is unknowable, so none is read (refused)"));
        }
    }

    @Test
    void theSingleTopFolderIsStrippedOnlyWhenEveryEntryIsUnderIt() throws Exception {
        Path one = zip("one.zip", entries("NDES01/", new byte[0], "NDES01/manifest.json", MANIFEST, "NDES01/logs/a.log", "x"));
        try (ZipBundleSource s = new ZipBundleSource(one, ROOMY)) {
            assertThat(s.files()).containsOnlyKeys("manifest.json", "logs/a.log");
            assertThat(s.folders()).containsExactly("logs/");
        }
        Path two = zip("two.zip", entries("NDES01/manifest.json", MANIFEST, "NDES02/manifest.json", MANIFEST));
        try (ZipBundleSource s = new ZipBundleSource(two, ROOMY)) {
            assertThat(s.files()).containsOnlyKeys("NDES01/manifest.json", "NDES02/manifest.json");
        }
        Path rootFile = zip("root.zip", entries("NDES01/logs/a.log", "x", "manifest.json", MANIFEST));
        try (ZipBundleSource s = new ZipBundleSource(rootFile, ROOMY)) {
            assertThat(s.files()).containsOnlyKeys("manifest.json", "NDES01/logs/a.log");
        }
    }

    @Test
    void anEntryIsStreamedWithItsDeclaredBytesAndANameNotInTheZipCannotBeOpened() throws Exception {
        Path zip = zip("open.zip", entries("manifest.json", MANIFEST, "logs/a.log", "line one\r\nline two\r\n"));
        try (ZipBundleSource s = new ZipBundleSource(zip, ROOMY)) {
            try (InputStream in = s.open("logs/a.log")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line one\r\nline two\r\n");
            }
            assertThatThrownBy(() -> s.open("logs/b.log")).isInstanceOf(IOException.class).hasMessage("no such file in the bundle");
            assertThat(s.describe()).isEqualTo("open.zip");
        }
    }
}
