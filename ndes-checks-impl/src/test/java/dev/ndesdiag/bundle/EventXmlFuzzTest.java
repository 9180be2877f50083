package dev.ndesdiag.bundle;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzz target: {@code events/*.xml}, wevtutil's root-less event export (issue 17, point 7). */
class EventXmlFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anEventExportOfAnyBytesIsReadOrUnreadableWithAProblem(byte[] data) {
        EventsReader.read(FuzzInputs.bundle(data, "events/Application.xml"), FuzzInputs.LIMITS);
    }
}
