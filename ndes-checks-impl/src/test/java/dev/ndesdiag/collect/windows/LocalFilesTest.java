package dev.ndesdiag.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.Blob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilesTest {

    @TempDir
    Path dir;

    @Test
    void planPathsExpandWindowsVariablesAndKeepUnknownOnesAsWritten() {
        Map<String, String> env = Map.of("windir", "C:\\Windows");
        assertThat(LocalFiles.expand("%windir%\\System32\\inetsrv\\config\\applicationHost.config", env::get))
                .isEqualTo("C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config");
        assertThat(LocalFiles.expand("%NOPE%\\x", env::get)).isEqualTo("%NOPE%\\x");
    }

    @Test
    void aLogLargerThanTheLimitIsReadFromItsEndOnly() throws IOException {
        Path log = dir.resolve("httperr1.log");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(log, text);

        Blob tail = LocalFiles.tail(log, 100).orElseThrow();

        assertThat(tail.size()).isEqualTo(100);
        assertThat(new String(tail.toByteArray(), StandardCharsets.US_ASCII)).endsWith("line 9999\n");
    }

    @Test
    void aSmallFileIsReadWhole() throws IOException {
        Path config = dir.resolve("applicationHost.config");
        Files.writeString(config, "<configuration/>");

        assertThat(LocalFiles.tail(config, 1 << 20).orElseThrow().toByteArray())
                .isEqualTo("<configuration/>".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aMissingFileIsEmptyNotAnError() {
        assertThat(LocalFiles.tail(dir.resolve("NDESPlugin.log"), 100)).isEmpty();
    }

    @Test
    void theNewestRollingLogIsChosenNotHttperr1() throws IOException {
        Path oldest = Files.writeString(dir.resolve("httperr1.log"), "#Software: Microsoft HTTP API 2.0\r\nold\r\n");
        Path newest = Files.writeString(dir.resolve("httperr12.log"), "#Software: Microsoft HTTP API 2.0\r\nnew\r\n");
        Files.writeString(dir.resolve("other.txt"), "x");
        Files.setLastModifiedTime(oldest, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Files.setLastModifiedTime(newest, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        assertThat(LocalFiles.newest(dir + "/httperr*.log")).hasValue(newest);
        assertThat(LocalFiles.newest(dir + "/HTTPERR*.LOG")).as("Windows names ignore case").hasValue(newest);
    }

    @Test
    void noMatchingLogIsNoFile() {
        assertThat(LocalFiles.newest(dir + "/httperr*.log")).isEmpty();
        assertThat(LocalFiles.newest(dir + "/nowhere/httperr*.log")).isEmpty();
        assertThat(LocalFiles.newest(dir + "/plain.log")).hasValue(dir.resolve("plain.log"));
    }
}
