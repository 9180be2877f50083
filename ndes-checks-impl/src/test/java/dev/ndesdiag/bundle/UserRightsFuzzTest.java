package dev.ndesdiag.bundle;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzz target: {@code security/user-rights.inf}, a secedit export (issue 17, point 7). */
class UserRightsFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void aSeceditExportOfAnyBytesIsReadOrUnreadableWithAProblem(byte[] data) {
        UserRightsReader.read(FuzzInputs.bundle(data, "security/user-rights.inf"), FuzzInputs.LIMITS);
    }
}
