package dev.ndesdiag.bundle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fuzz target: a zip bundle of any bytes (issue 17, point 7). Seeds: zips of the sample bundle's files. */
class ZipSourceFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void aZipOfAnyBytesIsReadOrRefusedWholeWithAMessage(byte[] data) throws Exception {
        Path zip = Files.createTempFile("ndes-fuzz", ".zip");
        try {
            Files.write(zip, data);
            try (ZipBundleSource source = new ZipBundleSource(zip, FuzzInputs.LIMITS)) {
                FuzzInputs.readWithoutReaderBug(source);
            } catch (BundleException refused) {
                if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                    throw new AssertionError("a refusal without a message", refused);
                }
            }
        } finally {
            Files.deleteIfExists(zip);
        }
    }
}
