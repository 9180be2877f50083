package dev.ndesdiag.bundle;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzz target: every JSON part at once, through the bundle reader (issue 17, point 7). */
class JsonPartsFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void jsonPartsOfAnyBytesAreReadOrUnreadableWithAProblemNeverLostToABug(byte[] data) throws Exception {
        FuzzInputs.readWithoutReaderBug(FuzzInputs.bundle(data, "system.json",
                "security/accounts.json", "network/fetches.json", "endpoint/probe.json", "commands/index.json",
                "certs/My/0123456789ABCDEF0123456789ABCDEF01234567.json"));
    }
}
