package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Reading a file whole when the index's size and the bytes disagree: a log the server was still
 * writing while the bundle folder was indexed, or an entry that claims fewer bytes than it holds.
 */
class IndexedReadTest {

    /** A source whose index says 3 bytes for a file that holds more. */
    private static final class GrownFile extends IndexedBundleSource {
        private final byte[] content;

        GrownFile(byte[] content) {
            super(1 << 20);
            this.content = content;
            files.put("logs/NDESPlugin.log", 3L);
        }

        @Override
        public InputStream open(String path) {
            return new ByteArrayInputStream(content);
        }

        @Override
        public String describe() {
            return "grown";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFileLongerThanItsIndexedSizeIsReadWhole() throws IOException {
        byte[] log = "CRL check failed\r\nretrying\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new GrownFile(log).readAll("logs/NDESPlugin.log", 1000)).isEqualTo(log);
    }

    @Test
    void aFileOfExactlyItsIndexedSizeIsReadWhole() throws IOException {
        byte[] log = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(new GrownFile(log).readAll("logs/NDESPlugin.log", 3)).isEqualTo(log);
    }

    @Test
    void aFileThatGrewPastTheLimitIsRefused() {
        byte[] log = "0123456789".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new GrownFile(log).readAll("logs/NDESPlugin.log", 9))
                .isInstanceOf(IOException.class).hasMessageContaining("more than the 9 bytes");
    }
}
