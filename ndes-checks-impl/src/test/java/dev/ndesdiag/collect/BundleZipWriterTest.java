package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle appears whole under its name, or not at all. */
class BundleZipWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesTheZipAndLeavesNoTemporaryFile() throws IOException {
        Path zip = dir.resolve("bundle.zip");
        Files.writeString(zip, "an older bundle");
        BundleZipWriter.write(Map.of("manifest.json", "{}".getBytes(StandardCharsets.UTF_8)), zip);
        assertThat(Files.readAllBytes(zip)).startsWith(new byte[] {'P', 'K'});
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(zip);
        }
    }

    @Test
    void anInterruptedWriteLeavesTheOldBundleAndNoHalfFile() throws IOException {
        Path zip = dir.resolve("bundle.zip");
        Files.writeString(zip, "the previous bundle");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("manifest.json", null);
        files.put("broken", null);
        assertThatThrownBy(() -> BundleZipWriter.write(files, zip)).isInstanceOf(RuntimeException.class);
        assertThat(Files.readString(zip)).isEqualTo("the previous bundle");
        try (Stream<Path> list = Files.list(dir)) {
            assertThat(list).containsExactly(zip);
        }
    }

    @Test
    void aRenameRefusedTwiceIsRetriedAndTheBundleLandsUnderItsName() throws IOException {
        Path zip = dir.resolve("bundle.zip");
        int[] calls = {0};
        java.util.List<java.time.Duration> waits = new java.util.ArrayList<>();
        BundleZipWriter.write(Map.of("manifest.json", "{}".getBytes(StandardCharsets.UTF_8)), zip, (from, to) -> {
            if (++calls[0] <= 2) {
                throw new java.nio.file.AccessDeniedException(from.toString(), to.toString(), "held by a scanner");
            }
            Files.move(from, to);
        }, waits::add);
        assertThat(calls[0]).isEqualTo(3);
        assertThat(waits).containsExactly(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(200));
        assertThat(Files.readAllBytes(zip)).startsWith(new byte[] {'P', 'K'});
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(zip);
        }
    }

    @Test
    void aTargetThatCannotBeReplacedKeepsTheCompleteBundleAndSaysWhere() throws IOException {
        // a real refusal on any file system: the target is a folder that is not empty
        Path zip = Files.createDirectories(dir.resolve("bundle.zip"));
        Files.writeString(zip.resolve("held"), "x");
        java.util.List<java.time.Duration> waits = new java.util.ArrayList<>();

        assertThatThrownBy(() -> BundleZipWriter.write(Map.of("manifest.json", "{}".getBytes(StandardCharsets.UTF_8)), zip,
                (from, to) -> Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING), waits::add))
                .isInstanceOfSatisfying(BundleZipWriter.KeptException.class, e -> {
                    assertThat(e.kept()).exists().hasFileName(e.kept().getFileName().toString());
                    assertThat(e.getMessage()).contains("kept at " + e.kept()).contains("ndes-diag check --snapshot");
                    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(e.kept().toFile())) {
                        assertThat(z.getEntry("manifest.json")).isNotNull();
                    } catch (IOException io) {
                        throw new java.io.UncheckedIOException(io);
                    }
                });
        assertThat(waits).hasSize(BundleZipWriter.ATTEMPTS - 1).last().isEqualTo(BundleZipWriter.MAX_WAIT);
    }
}
