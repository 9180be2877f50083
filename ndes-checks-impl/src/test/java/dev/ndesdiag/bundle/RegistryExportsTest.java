package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.snapshot.RegistryValueType;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How reg export files, as Windows writes them and as people mangle them, become registry facts. */
class RegistryExportsTest {

    private static final String HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";
    private static final String MSCEP = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP";

    @TempDir
    Path dir;

    private Part<Registry> read(BundleBuilder b) throws BundleException {
        try (OpenBundle open = new BundleReader().open(b.dir())) {
            return open.snapshot().registry();
        }
    }

    private static RegistryValue value(Part<Registry> part, String key, String name) {
        return part.value().orElseThrow().value(key, name).orElseThrow(() -> new AssertionError(name + " missing"));
    }

    @Test
    void decodesEveryValueFormOfAGenuineUtf16Export() throws Exception {
        Part<Registry> reg = read(BundleBuilder.in(dir).registry("all.reg", new RegExport()
                .key(HTTP)
                .string("Plain", "IntuneNDES")
                .string("Escaped", "C:\\Windows\\;x \"quoted\" #y")
                .string("", "default value")
                .dword("MaxFieldLength", 65534)
                .dword("Max", 0xffffffffL)
                .binary("SslCertHash", new byte[] {1, 2, 3, (byte) 0xff})
                .expandString("Path", "%SystemRoot%\\system32\\a-path-long-enough-to-wrap-over-two-lines-of-the-export")
                .multiString("Multi", "one", "two")
                .multiString("EmptyMulti")
                .qword("Q", 0x0102030405060708L)));
        assertThat(reg.problems()).isEmpty();
        assertThat(value(reg, HTTP, "Plain").string()).contains("IntuneNDES");
        assertThat(value(reg, HTTP, "Escaped").string()).contains("C:\\Windows\\;x \"quoted\" #y");
        assertThat(value(reg, HTTP, "@").string()).contains("default value");
        assertThat(value(reg, HTTP, "MaxFieldLength").number()).hasValue(65534);
        assertThat(value(reg, HTTP, "Max").number()).hasValue(4294967295L);
        assertThat(value(reg, HTTP, "SslCertHash").hex()).isEqualTo("010203FF");
        RegistryValue path = value(reg, HTTP, "Path");
        assertThat(path.type()).isEqualTo(RegistryValueType.REG_EXPAND_SZ);
        assertThat(path.string()).contains("%SystemRoot%\\system32\\a-path-long-enough-to-wrap-over-two-lines-of-the-export");
        assertThat(value(reg, HTTP, "Multi").strings()).containsExactly("one", "two");
        assertThat(value(reg, HTTP, "EmptyMulti").type()).isEqualTo(RegistryValueType.REG_MULTI_SZ);
        assertThat(value(reg, HTTP, "EmptyMulti").strings()).isEmpty();
        assertThat(value(reg, HTTP, "Q").number()).hasValue(0x0102030405060708L);
    }

    @Test
    void readsTheSameTextInUtf8AndRegedit4WithLfOnlyAndUpperCaseHex() throws Exception {
        Part<Registry> reg = read(BundleBuilder.in(dir)
                .text("registry/utf8.reg", "\uFEFFWindows Registry Editor Version 5.00\n\n[" + HTTP + "]\n"
                        + "\"MaxFieldLength\"=dword:0000FFFE\n")
                .text("registry/old.reg", "REGEDIT4\r\n\r\n[" + MSCEP + "\\CAInfo]\r\n\"Configuration\"=\"ca01\\\\Contoso CA\"\r\n"));
        assertThat(reg.problems()).isEmpty();
        assertThat(value(reg, HTTP, "MaxFieldLength").number()).hasValue(65534);
        assertThat(value(reg, MSCEP + "\\CAInfo", "Configuration").string()).contains("ca01\\Contoso CA");
    }

    @Test
    void mergesKeysAcrossFilesWithNamesInAnyCase() throws Exception {
        Part<Registry> reg = read(BundleBuilder.in(dir)
                .registry("a.reg", new RegExport().key(HTTP).dword("MaxFieldLength", 16384))
                .registry("b.reg", new RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\services\\HTTP\\Parameters")
                        .dword("maxfieldlength", 65534).dword("MaxRequestBytes", 65534)));
        assertThat(value(reg, HTTP, "MAXFIELDLENGTH").number()).hasValue(65534);
        assertThat(value(reg, "hklm\\system\\currentcontrolset\\services\\http\\parameters", "maxrequestbytes").number())
                .hasValue(65534);
        assertThat(reg.value().orElseThrow().keys()).hasSize(1);
    }

    @Test
    void honoursKeyAndValueDeletions() throws Exception {
        Part<Registry> reg = read(BundleBuilder.in(dir)
                .registry("a.reg", new RegExport().key(HTTP).dword("MaxFieldLength", 65534).dword("Gone", 1)
                        .key(MSCEP + "\\Old").string("x", "y"))
                .registry("b.reg", new RegExport().key(HTTP).deleteValue("Gone").deleteKey(MSCEP)));
        assertThat(reg.value().orElseThrow().value(HTTP, "Gone")).isEmpty();
        assertThat(reg.value().orElseThrow().value(HTTP, "MaxFieldLength")).isPresent();
        assertThat(reg.value().orElseThrow().key(MSCEP + "\\Old")).isEmpty();
    }

    @Test
    void keepsValueNamesThatContainEqualsSignsColonsAndQuotes() throws Exception {
        Part<Registry> reg = read(BundleBuilder.in(dir).registry("a.reg", new RegExport().key(HTTP)
                .string("a=b", "c=d").string("C:\\path", "x").string("Quoted \"name\"", "v")));
        assertThat(value(reg, HTTP, "a=b").string()).contains("c=d");
        assertThat(value(reg, HTTP, "C:\\path").string()).contains("x");
        assertThat(value(reg, HTTP, "Quoted \"name\"").string()).contains("v");
    }

    @Test
    void aBrokenLineBecomesAProblemNamingFileAndLineAndTheRestIsStillRead() throws Exception {
        Part<Registry> reg = read(BundleBuilder.in(dir).registry("broken.reg", new RegExport().key(HTTP)
                .raw("\"Bad\"=dword:zz")
                .raw("\"Odd\"=hex(99):00")
                .raw("@")
                .raw("garbage without quotes")
                .raw("\"Unterminated=\"x")
                .dword("MaxFieldLength", 65534)));
        assertThat(value(reg, HTTP, "MaxFieldLength").number()).hasValue(65534);
        assertThat(reg.problems()).extracting(InputProblem::file).containsOnly("registry/broken.reg");
        assertThat(reg.problems()).extracting(InputProblem::location)
                .contains("registry/broken.reg:4", "registry/broken.reg:6", "registry/broken.reg:7");
        assertThat(reg.problems()).anySatisfy(p -> assertThat(p.message()).contains("Bad").contains("hex digits"));
        assertThat(reg.value().orElseThrow().value(HTTP, "Odd")).hasValueSatisfying(
                v -> assertThat(v.type()).isEqualTo(RegistryValueType.OTHER));
    }

    @Test
    void aFileThatIsNoRegistryExportIsAProblemAndTheOtherFilesStillCount() throws Exception {
        Part<Registry> reg = read(BundleBuilder.in(dir)
                .bytes("registry/notes.reg", "hello, this is not an export".getBytes(StandardCharsets.UTF_8))
                .registry("ok.reg", new RegExport().key(HTTP).dword("MaxFieldLength", 65534)));
        assertThat(reg.isPresent()).isTrue();
        assertThat(reg.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("registry/notes.reg");
            assertThat(p.message()).contains("not a registry export");
        });
    }

    @Test
    void onlyUnreadableFilesMakeThePartUnreadableNotAbsent() throws Exception {
        Part<Registry> reg = read(BundleBuilder.in(dir).bytes("registry/x.reg", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}));
        assertThat(reg.state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(reg.problems()).isNotEmpty();
    }

    @Test
    void aBundleWithoutRegistryExportsHasNoRegistryPart() throws Exception {
        assertThat(read(BundleBuilder.in(dir)).state()).isEqualTo(Part.State.ABSENT);
    }

    @Test
    void theFetchExpansionOfIni4jNeverRuns() throws Exception {
        Part<Registry> reg = read(BundleBuilder.in(dir).registry("a.reg", new RegExport().key(HTTP)
                .string("v", "${v}x").string("env", "${@env/PATH}")));
        assertThat(value(reg, HTTP, "v").string()).contains("${v}x");
        assertThat(value(reg, HTTP, "env").string()).contains("${@env/PATH}");
        assertThat(reg.problems()).isEmpty();
    }

    @Test
    void anExportIsBrokenIntoLinesAtCrlfCrAndLfAsTheRegularExpressionBrokeIt() {
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(10); k > 0; k--) {
                text.append("ab\r\n=".charAt(random.nextInt(5)));
            }
            String t = text.toString();
            assertThat(RegistryReader.lines(t)).as(t.replace("\r", "CR").replace("\n", "LF"))
                    .containsExactly(t.split("\r\n|\r|\n", -1));
        }
    }
}
