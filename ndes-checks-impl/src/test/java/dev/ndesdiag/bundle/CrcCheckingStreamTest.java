package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** A zip entry is read whole only when its bytes match the CRC-32 it declares, however it is read. */
class CrcCheckingStreamTest {

    private static final byte[] DATA = "{\"services\":[]}".getBytes(StandardCharsets.UTF_8);

    private static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    @Test
    void matchingBytesReadByteByByteOrInBlocksEndNormally() throws IOException {
        InputStream single = new CrcCheckingStream(new ByteArrayInputStream(DATA), "system.json", crc(DATA));
        int n = 0;
        while (single.read() >= 0) {
            n++;
        }
        assertThat(n).isEqualTo(DATA.length);
        assertThat(new CrcCheckingStream(new ByteArrayInputStream(DATA), "system.json", crc(DATA)).readAllBytes())
                .isEqualTo(DATA);
    }

    @Test
    void otherBytesFailAtTheEndNamingTheEntryWhetherReadBySkipOrByByte() {
        long wrong = crc(DATA) ^ 1;
        InputStream single = new CrcCheckingStream(new ByteArrayInputStream(DATA), "system.json", wrong);
        assertThatThrownBy(() -> {
            while (single.read() >= 0) {
                // read to the end
            }
        }).hasMessageStartingWith("system.json does not match the CRC-32");
        InputStream skipped = new CrcCheckingStream(new ByteArrayInputStream(DATA), "system.json", wrong);
        assertThatThrownBy(() -> skipped.skip(DATA.length + 1)).hasMessageContaining("CRC-32");
        assertThat(new CrcCheckingStream(new ByteArrayInputStream(DATA), "x", wrong).markSupported()).isFalse();
    }

    @Test
    void anEntryThatDeclaresNoCrcIsNotChecked() throws IOException {
        assertThat(new CrcCheckingStream(new ByteArrayInputStream(DATA), "system.json", -1).readAllBytes()).isEqualTo(DATA);
        InputStream s = new CrcCheckingStream(new ByteArrayInputStream(DATA), "system.json", crc(DATA));
        assertThat(s.skip(5)).isEqualTo(5);
    }
}
