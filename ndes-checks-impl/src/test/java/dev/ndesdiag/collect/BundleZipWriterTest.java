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
}
