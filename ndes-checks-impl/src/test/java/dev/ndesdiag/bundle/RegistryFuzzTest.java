package dev.ndesdiag.bundle;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzz target: {@code registry/*.reg} (issue 17, point 7). Seeds: real exports from the sample bundle. */
class RegistryFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void aRegistryExportOfAnyBytesIsReadOrRefusedWithProblems(byte[] data) {
        RegistryReader.read(FuzzInputs.bundle(data, "registry/a.reg"), FuzzInputs.LIMITS);
    }
}
