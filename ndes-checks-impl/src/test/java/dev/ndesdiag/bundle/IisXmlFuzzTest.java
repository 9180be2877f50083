package dev.ndesdiag.bundle;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzz target: {@code iis/applicationHost.config} (issue 17, point 7). */
class IisXmlFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anIisConfigurationOfAnyBytesIsReadOrUnreadableWithAProblem(byte[] data) {
        IisReader.read(FuzzInputs.bundle(data, "iis/applicationHost.config"), FuzzInputs.LIMITS);
    }
}
