package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.InputProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three bundle sources list and open files alike, and every bound they keep says which file passed it. */
class BundleSourcesTest {

    @TempDir
    Path tmp;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A zip entry stored without compression, whose size and CRC a stored entry must declare up front. */
    private static ZipArchiveEntry stored(String name, byte[] data) {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setMethod(ZipArchiveEntry.STORED);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        e.setSize(data.length);
        e.setCrc(crc.getValue());
        return e;
    }

    @Test
    void aBoundedStreamReadsUpToItsLimitAndFailsOneByteLaterNamingTheFile() throws IOException {
        try (InputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[10]), "logs/a.log", 10)) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
        InputStream single = new BoundedInputStream(new ByteArrayInputStream(new byte[11]), "logs/a.log", 10);
        for (int i = 0; i < 10; i++) {
            assertThat(single.read()).isZero();
        }
        assertThatThrownBy(single::read).isInstanceOf(BoundedInputStream.LimitReached.class)
                .hasMessageStartingWith("logs/a.log holds more than the 10 bytes");
        InputStream array = new BoundedInputStream(new ByteArrayInputStream(new byte[11]), "logs/b.log", 10);
        assertThatThrownBy(() -> array.readNBytes(11)).hasMessageStartingWith("logs/b.log holds more than the 10 bytes");
    }

    @Test
    void aMemoryBundleListsEveryParentFolderAndFindsNamesIgnoringCase() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("certs/My/AB.cer", utf8("x"));
        m.put("logs/", new byte[0]);
        MemoryBundleSource s = new MemoryBundleSource(m, "this server");
        assertThat(s.folders()).containsExactlyInAnyOrder("certs/", "certs/My/", "logs/");
        assertThat(s.files()).containsOnlyKeys("certs/My/AB.cer");
        assertThat(s.find("CERTS/my/ab.CER")).contains("certs/My/AB.cer");
        assertThat(s.find("certs/My/CD.cer")).isEmpty();
        assertThat(s.describe()).isEqualTo("this server");
        assertThat(s.readText("certs/My/AB.cer", 1)).isEqualTo("x");
        assertThatThrownBy(() -> s.open("certs/My/CD.cer")).isInstanceOf(IOException.class);
    }

    @Test
    void aFileLargerThanItsReaderAcceptsIsRefusedWithBothSizes() {
        MemoryBundleSource s = new MemoryBundleSource(Map.of("system.json", new byte[100]), "t");
        assertThatThrownBy(() -> s.readAll("system.json", 99)).hasMessage("file is 100 bytes, more than the 99 bytes accepted for it");
    }

    @Test
    void aZipWithOneTopFolderIsReadWithoutItAndItsFoldersAreListed() throws Exception {
        Path zip = tmp.resolve("b.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            for (String name : new String[] {"NDES01/manifest.json", "NDES01/certs/My/AB.cer"}) {
                out.putArchiveEntry(new ZipArchiveEntry(name));
                out.write(utf8("{}"));
                out.closeArchiveEntry();
            }
            out.putArchiveEntry(new ZipArchiveEntry("NDES01/logs/"));
            out.closeArchiveEntry();
        }
        try (ZipBundleSource s = new ZipBundleSource(zip, BundleLimits.defaults())) {
            assertThat(s.files()).containsOnlyKeys("manifest.json", "certs/My/AB.cer");
            assertThat(s.folders()).contains("certs/", "certs/My/", "logs/");
            assertThat(s.refused()).isEmpty();
            assertThat(s.describe()).isEqualTo("b.zip");
            assertThat(s.readText("certs/My/AB.cer", 10)).isEqualTo("{}");
        }
    }

    @Test
    void aZipLargerThanWhatIsReadIntoMemoryIsReadInPlaceWithTheSameFilesAndBytes() throws Exception {
        // a bundle with weeks of IIS logs: uncompressible bytes, so the zip itself passes the threshold
        byte[] log = new byte[(int) ZipBundleSource.IN_MEMORY_BYTES + 1000];
        new java.util.Random(7).nextBytes(log);
        for (boolean large : new boolean[] {false, true}) {
            Path zip = tmp.resolve(large ? "large.zip" : "small.zip");
            try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
                out.putArchiveEntry(new ZipArchiveEntry("manifest.json"));
                out.write(utf8("{}"));
                out.closeArchiveEntry();
                out.putArchiveEntry(new ZipArchiveEntry("logs/iis/W3SVC1/u_ex261120.log"));
                out.write(large ? log : java.util.Arrays.copyOf(log, 1000));
                out.closeArchiveEntry();
            }
            assertThat(Files.size(zip) > ZipBundleSource.IN_MEMORY_BYTES).isEqualTo(large);
            try (ZipBundleSource s = new ZipBundleSource(zip, BundleLimits.defaults())) {
                assertThat(s.files()).containsOnlyKeys("manifest.json", "logs/iis/W3SVC1/u_ex261120.log");
                assertThat(s.readText("manifest.json", 10)).isEqualTo("{}");
                try (InputStream in = s.open("logs/iis/W3SVC1/u_ex261120.log")) {
                    assertThat(in.readAllBytes()).isEqualTo(large ? log : java.util.Arrays.copyOf(log, 1000));
                }
            }
        }
    }

    @Test
    void storedAndDeflatedEntriesGiveTheirBytesAndDamagedCompressedBytesFailWhenRead() throws Exception {
        byte[] log = ("#Software: Microsoft Internet Information Services 10.0\r\n" + "x".repeat(3000)).getBytes(StandardCharsets.US_ASCII);
        Path zip = tmp.resolve("methods.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            out.putArchiveEntry(new ZipArchiveEntry("manifest.json"));
            out.write(utf8("{}"));
            out.closeArchiveEntry();
            out.putArchiveEntry(stored("logs/stored.log", log));
            out.write(log);
            out.closeArchiveEntry();
            out.putArchiveEntry(new ZipArchiveEntry("logs/deflated.log"));
            out.write(log);
            out.closeArchiveEntry();
        }
        try (ZipBundleSource s = new ZipBundleSource(zip, BundleLimits.defaults())) {
            for (String name : new String[] {"logs/stored.log", "logs/deflated.log"}) {
                try (InputStream in = s.open(name)) {
                    assertThat(in.readAllBytes()).as(name).isEqualTo(log);
                }
            }
        }
        // damage the deflated entry's compressed bytes (they follow its local header and name)
        byte[] b = Files.readAllBytes(zip);
        int local = indexOf(b, new byte[] {'P', 'K', 3, 4}, 2);
        int data = local + 30 + "logs/deflated.log".length() + (b[local + 28] & 0xFF) + ((b[local + 29] & 0xFF) << 8);
        for (int i = data + 2; i < data + 12; i++) {
            b[i] ^= 0x5A;
        }
        Files.write(zip, b);
        try (ZipBundleSource s = new ZipBundleSource(zip, BundleLimits.defaults());
             InputStream in = s.open("logs/deflated.log")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
        try (ZipBundleSource s = new ZipBundleSource(zip, BundleLimits.defaults())) {
            assertThatThrownBy(() -> s.readAll("logs/deflated.log", 1 << 20)).isInstanceOf(IOException.class);
            assertThat(s.readAll("logs/stored.log", 1 << 20)).isEqualTo(log);
        }
    }

    @Test
    void aZipEntryCompressedWithZstandardIsRefusedNamingTheMethodInsteadOfCrashingTheReader() throws Exception {
        // a Jazzer campaign found it: commons-compress opens method 93 (Zstandard) through the optional
        // zstd-jni library, absent here, and the reader died with NoClassDefFoundError
        Path zip = tmp.resolve("zstd.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            for (String name : new String[] {"manifest.json", "security/user-rights.inf"}) {
                byte[] data = utf8("{}");
                out.putArchiveEntry(stored(name, data));
                out.write(data);
                out.closeArchiveEntry();
            }
        }
        // mark the second entry Zstandard (93) in its local header and its central directory record
        byte[] b = Files.readAllBytes(zip);
        int local = indexOf(b, new byte[] {'P', 'K', 3, 4}, 1);
        b[local + 8] = 93;
        int central = indexOf(b, new byte[] {'P', 'K', 1, 2}, 1);
        b[central + 10] = 93;
        Files.write(zip, b);
        try (ZipBundleSource s = new ZipBundleSource(zip, BundleLimits.defaults())) {
            assertThat(s.files()).containsOnlyKeys("manifest.json");
            assertThat(s.refused()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("security/user-rights.inf");
                assertThat(p.message()).startsWith("uses compression method 93 (ZSTD), which ndes-diag does not read; refused");
            });
        }
    }

    /** The offset of the n-th (0-based) occurrence of the pattern. */
    private static int indexOf(byte[] b, byte[] pattern, int n) {
        for (int i = 0; i + pattern.length <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + pattern.length, pattern, 0, pattern.length) && n-- == 0) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void aZipEntryLargerThanAnEntryMayBeIsRefusedNamingBothSizes() throws Exception {
        Path zip = tmp.resolve("big.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            out.putArchiveEntry(new ZipArchiveEntry("manifest.json"));
            out.write(utf8("{}"));
            out.closeArchiveEntry();
            out.putArchiveEntry(new ZipArchiveEntry("logs/big.log"));
            out.write(new byte[5000]);
            out.closeArchiveEntry();
        }
        BundleLimits limits = new BundleLimits(100, 4096, 1 << 20, 200, 4096, 10, 1 << 20, 1 << 20, 10);
        try (ZipBundleSource s = new ZipBundleSource(zip, limits)) {
            assertThat(s.files()).containsOnlyKeys("manifest.json");
            assertThat(s.refused()).extracting(InputProblem::file, InputProblem::message)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("logs/big.log",
                            "would unpack to 5000 bytes, more than the 4096 accepted; refused"));
        }
    }

    @Test
    void aZipWhoseEntriesAddUpPastTheTotalIsRefusedWhole() throws Exception {
        Path zip = tmp.resolve("total.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < 3; i++) {
                out.putArchiveEntry(new ZipArchiveEntry("logs/" + i + ".log"));
                out.write(new byte[3000]);
                out.closeArchiveEntry();
            }
        }
        BundleLimits limits = new BundleLimits(100, 1 << 20, 8000, 200, 4096, 10, 1 << 20, 1 << 20, 10);
        assertThatThrownBy(() -> new ZipBundleSource(zip, limits)).isInstanceOf(BundleException.class)
                .hasMessageContaining("would unpack to 9000 bytes, more than the 8000 accepted");
    }
}
