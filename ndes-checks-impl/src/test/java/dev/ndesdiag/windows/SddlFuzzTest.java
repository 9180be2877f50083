package dev.ndesdiag.windows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Fuzz target: SDDL of key files and services (issue 17, point 7): parsed, or refused saying where. */
class SddlFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void sddlOfAnyTextIsParsedOrRefusedWithAnIllegalArgument(byte[] data) {
        try {
            SecurityDescriptor.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException expected) {
            // "not SDDL", saying where
        }
    }
}
