package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Registry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lines of a {@code .reg} export as {@code reg import} reads them: blank lines may precede the
 * header, comments are skipped, a value continued with {@code \} is one value, and every problem names the line it is on, counted in the file as written.
 */
class RegExportLinesTest {

    private static final String HEADER = "Windows Registry Editor Version 5.00\r\n";
    private static final String KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP";

    private static Part<Registry> read(String text) {
        return RegistryReader.read(new MemoryBundleSource(Map.of("registry/mscep.reg", text.getBytes(StandardCharsets.UTF_8)),
                "NDES01"), BundleLimits.defaults());
    }

    @Test
    void aHexValueContinuedOverLinesIsJoinedAndTheLinesAfterItKeepTheirNumbers() {
        Part<Registry> p = read(HEADER + "\r\n[" + KEY + "]\r\n"
                + "\"Blob\"=hex:01,02,\\\r\n  03,04,\\\r\n  05\r\n"
                + "garbage\r\n");
        assertThat(p.value().orElseThrow().value(KEY, "Blob").orElseThrow().hex()).isEqualTo("0102030405");
        assertThat(p.problems()).extracting(InputProblem::location).containsExactly("registry/mscep.reg:7");
    }

    @Test
    void blankLinesBeforeTheHeaderAndCommentsAreNoProblem() {
        Part<Registry> p = read("\r\n  \r\n" + HEADER + "\r\n; exported by reg export\r\n[" + KEY + "]\r\n"
                + "  ; a comment inside the key\r\n\"EncryptionTemplate\"=\"IntuneNDES\"\r\n");
        assertThat(p.problems()).isEmpty();
        assertThat(p.value().orElseThrow().value(KEY, "EncryptionTemplate").orElseThrow().string()).contains("IntuneNDES");
    }

    @Test
    void anEmptyFileIsNoExportAndThePartIsUnreadable() {
        Part<Registry> p = read("\r\n\r\n");
        assertThat(p.state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(p.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEmpty();
            assertThat(problem.message()).isEqualTo("is not a registry export: its first line is \"\" instead of \""
                    + "Windows Registry Editor Version 5.00\" (write it with reg export)");
        });
    }

    @Test
    void aFileTooLargeToReadMakesThePartUnreadableNamingIt() {
        BundleLimits d = BundleLimits.defaults();
        BundleLimits small = new BundleLimits(d.maxEntries(), d.maxEntryBytes(), d.maxTotalBytes(), d.maxCompressionRatio(),
                100, d.maxEventsPerLog(), d.maxEventLogBytes(), d.maxRetainedBytes(), d.maxProblemsPerFile());
        String text = HEADER + "\r\n[" + KEY + "]\r\n\"V\"=\"" + "x".repeat(100) + "\"\r\n";
        Part<Registry> p = RegistryReader.read(new MemoryBundleSource(Map.of("registry/mscep.reg",
                text.getBytes(StandardCharsets.UTF_8)), "NDES01"), small);
        assertThat(p.state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(p.problems()).extracting(InputProblem::message).containsExactly(
                "cannot be read: file is " + text.length() + " bytes, more than the 100 bytes accepted for it");
    }

    @Test
    void brokenKeyAndValueLinesAreProblemsAtTheirLinesAndTheShortestKeyIsAKey() {
        Part<Registry> p = read(HEADER
                + "\"Orphan\"=\"before any key\"\r\n"
                + "[" + KEY + "\r\n"
                + "\"Lost\"=\"under a broken key\"\r\n"
                + "[]\r\n"
                + "[A]\r\n"
                + "\"NoEquals\" \"x\"\r\n"
                + "\"Kept\"=dword:00000001\r\n");
        assertThat(p.value().orElseThrow().value("A", "Kept").orElseThrow().number()).hasValue(1);
        assertThat(p.problems()).extracting(InputProblem::location, InputProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("registry/mscep.reg:2",
                        "value line outside of any [key]: \"\"Orphan\"=\"before any key\"\""),
                org.assertj.core.groups.Tuple.tuple("registry/mscep.reg:3",
                        "key line \"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\C…\" lacks its closing ']'"),
                org.assertj.core.groups.Tuple.tuple("registry/mscep.reg:4",
                        "value line outside of any [key]: \"\"Lost\"=\"under a broken key\"\""),
                org.assertj.core.groups.Tuple.tuple("registry/mscep.reg:5", "key line \"[]\" lacks its closing ']'"),
                org.assertj.core.groups.Tuple.tuple("registry/mscep.reg:7", "value \"NoEquals\" has no '=': \"\"NoEquals\" \"x\"\""));
    }
}
