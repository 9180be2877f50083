package dev.ndesdiag.evidence;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * Fuzz targets: the streamed log readers (issue 17, point 7): CMTrace (NDESPlugin.log), W3C (IIS
 * u_ex*.log) and HTTPERR. Whatever the bytes, a reader reads entries or fails with an
 * {@link IOException}; nothing else escapes.
 */
class EvidenceFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void aCmTraceLogOfAnyBytesIsReadEntryByEntry(byte[] data) {
        try {
            CmTraceReader.withBounds(OptionalInt.of(60), 4096, 16384).read(new ByteArrayInputStream(data), e -> true);
        } catch (IOException expected) {
            // a refusal the caller reports
        }
    }

    @FuzzTest(maxDuration = "10m")
    void aW3cLogOfAnyBytesIsReadEntryByEntry(byte[] data) {
        try {
            W3cLogReader.withMaxLine(4096).read(new ByteArrayInputStream(data), e -> true);
        } catch (IOException expected) {
            // a refusal the caller reports
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anHttpErrLogOfAnyBytesIsReadEntryByEntry(byte[] data) {
        try {
            HttpErrLogReader.create().read(new ByteArrayInputStream(data), e -> true);
        } catch (IOException expected) {
            // a refusal the caller reports
        }
    }
}
