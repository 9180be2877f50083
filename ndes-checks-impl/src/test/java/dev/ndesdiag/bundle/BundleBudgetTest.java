package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HostileInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, point 1: one budget per analysis. Every bound reached is a finding naming the file, and
 * the rest of the bundle is still read; zip entries that cannot be trusted (overlapping, CRC wrong,
 * name twice) are refused and named.
 */
class BundleBudgetTest {

    @TempDir
    Path tmp;

    private static Snapshot read(Path path, BundleLimits limits) throws BundleException {
        try (OpenBundle open = new BundleReader(limits).open(path)) {
            return open.snapshot();
        }
    }

    private static final String REG = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n\"V\"=\"%s\"\r\n";

    @Test
    void zipEntriesThatShareTheirBytesAreRefusedAndNamedInsteadOfUnpackingManyTimes() throws Exception {
        Path zip = HostileInputs.overlappingZip(tmp.resolve("overlap.zip"), 64);
        assertThat(Files.size(zip)).isLessThan(1 << 20);
        Snapshot s = read(zip, BundleLimits.defaults());
        assertThat(s.problems()).filteredOn(p -> p.message().contains("shares its bytes with another entry"))
                .extracting(InputProblem::file)
                .hasSize(64)
                .contains("registry/copy0.reg", "registry/copy63.reg");
        assertThat(s.registry().state()).isEqualTo(Part.State.ABSENT);
    }

    @Test
    void aZipEntryWhoseBytesDoNotMatchItsCrcIsAProblemNamingIt() throws Exception {
        Snapshot s = read(HostileInputs.crcMismatchZip(tmp.resolve("crc.zip")), BundleLimits.defaults());
        assertThat(s.system().state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(s.system().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("system.json");
            assertThat(p.message()).contains("CRC-32");
        });
    }

    @Test
    void aNameThatAppearsTwiceInAZipIsRefusedRatherThanOneOfThemChosen() throws Exception {
        Snapshot s = read(HostileInputs.duplicateNamesZip(tmp.resolve("dup.zip")), BundleLimits.defaults());
        assertThat(s.system().state()).isEqualTo(Part.State.ABSENT);
        assertThat(s.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("system.json");
            assertThat(p.message()).contains("appears 2 times").contains("refused");
        });
    }

    @Test
    void filesReadWholePastTheAnalysisBudgetAreFindingsNamingThemAndTheRestIsRead() throws Exception {
        String big = "x".repeat(40_000);
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b")))
                .text("registry/a.reg", REG.formatted(big))
                .text("registry/b.reg", REG.formatted(big))
                .text("registry/c.reg", REG.formatted(big))
                .text("system.json", "{\"services\":[]}")
                .dir();
        Snapshot s = read(b, BundleLimits.defaults().withMaxRetainedBytes(100_000));
        assertThat(s.registry().state()).isEqualTo(Part.State.PRESENT);
        assertThat(s.registry().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("registry/c.reg");
            assertThat(p.message()).contains("budget of 100000 bytes");
        });
        assertThat(s.system().state()).isEqualTo(Part.State.PRESENT);
    }

    @Test
    void aFileThatManyFetchesNameIsReadOnceAndCountedOnce() throws Exception {
        byte[] crl = new byte[30_000];
        StringBuilder fetches = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            fetches.append(i == 0 ? "" : ",").append("{\"url\":\"http://pki.contoso.com/crl/").append(i)
                    .append(".crl\",\"purpose\":\"crl\",\"outcome\":\"ok\",\"httpStatus\":200,\"file\":\"network/ca.crl\"}");
        }
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b")))
                .bytes("network/ca.crl", crl)
                .text("network/fetches.json", fetches.append("]").toString())
                .dir();
        Snapshot s = read(b, BundleLimits.defaults().withMaxRetainedBytes(100_000));
        assertThat(s.networkFetches().problems()).isEmpty();
        var all = s.networkFetches().value().orElseThrow();
        assertThat(all).hasSize(50).allSatisfy(f -> assertThat(f.body()).isPresent());
        assertThat(all.get(49).body().get()).isSameAs(all.get(0).body().get());
    }

    @Test
    void aFileOfAThousandBadLinesKeepsAHundredProblemsAndCountsTheRest() throws Exception {
        StringBuilder reg = new StringBuilder("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n");
        for (int i = 0; i < 1000; i++) {
            reg.append("garbage line ").append(i).append("\r\n");
        }
        reg.append("\"Kept\"=dword:00000001\r\n");
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b"))).text("registry/a.reg", reg.toString()).dir();
        Snapshot s = read(b, BundleLimits.defaults());
        assertThat(s.registry().problems()).hasSize(101);
        assertThat(s.registry().problems().get(100).message()).contains("900 more problems that were counted, not kept");
        assertThat(s.registry().value().orElseThrow().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\A")).isPresent();
    }

    @Test
    void anEventLogPastItsByteBoundKeepsTheEventsBeforeTheBoundWithAFinding() throws Exception {
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b")))
                .text("events/Application.xml", HostileInputs.events(2000)).dir();
        Snapshot s = read(b, BundleLimits.defaults().withMaxEventLogBytes(100_000));
        assertThat(s.events().state()).isEqualTo(Part.State.PRESENT);
        int kept = s.events().value().orElseThrow().events("Application").size();
        assertThat(kept).isGreaterThan(100).isLessThan(2000);
        assertThat(s.events().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("events/Application.xml");
            assertThat(p.message()).contains("100000 bytes").contains("events before that point were read");
        });
    }

    @Test
    void filesPastTheTotalSizeOfAFolderBundleAreRefusedAndTheRestIsRead() throws Exception {
        Path b = BundleBuilder.in(Files.createDirectories(tmp.resolve("b")))
                .bytes("logs/a.log", new byte[60_000])
                .bytes("logs/b.log", new byte[60_000])
                .text("system.json", "{\"services\":[]}")
                .dir();
        Snapshot s = read(b, BundleLimits.defaults().withMaxTotalBytes(100_000));
        assertThat(s.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("logs/b.log");
            assertThat(p.message()).contains("past the 100000 bytes accepted in all");
        });
        assertThat(s.system().state()).isEqualTo(Part.State.PRESENT);
    }
}
