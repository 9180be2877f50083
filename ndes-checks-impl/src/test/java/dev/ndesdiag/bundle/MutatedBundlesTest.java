package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.fixtures.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input is normal input: every part file, damaged in many seeded random ways (bytes flipped,
 * cut short, lines repeated, junk inserted), is read without an exception escaping, and whatever
 * could not be read is reported naming that file.
 */
class MutatedBundlesTest {

    private static final int MUTATIONS = 120;

    @TempDir
    Path tmp;

    static Stream<Arguments> parts() {
        byte[] reg = new RegExport().key("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters")
                .dword("MaxFieldLength", 65534).string("Name", "C:\\x \"y\"").multiString("M", "a", "b")
                .expandString("E", "%SystemRoot%\\system32\\long-enough-to-wrap-over-the-eighty-column-limit-of-reg")
                .deleteValue("Gone").deleteKey("HKEY_LOCAL_MACHINE\\SOFTWARE\\X").bytes();
        byte[] events = ("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                + "<Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService'/><EventID Qualifiers='0'>10</EventID>"
                + "<Level>2</Level><TimeCreated SystemTime='2026-11-20T09:15:28.2660519Z'/><EventRecordID>5</EventRecordID>"
                + "</System><EventData><Data>a\r\nb</Data></EventData></Event>\r\n").repeat(3).getBytes(StandardCharsets.UTF_8);
        byte[] config = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<configuration><location path=\"Default Web Site/CertSrv/mscep\">"
                + "<system.webServer><security><requestFiltering allowDoubleEscaping=\"true\"><requestLimits maxQueryString=\"65536\"/>"
                + "</requestFiltering></security></system.webServer></location></configuration>").getBytes(StandardCharsets.UTF_8);
        byte[] rights = "\uFEFF[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeImpersonatePrivilege = *S-1-5-32-568,*S-1-5-6\r\n"
                .getBytes(StandardCharsets.UTF_16LE);
        byte[] accounts = ("{\"accounts\":[{\"name\":\"C\\\\svc\",\"sid\":\"S-1-5-21-1\",\"kind\":\"user\",\"enabled\":true}],"
                + "\"localGroups\":[{\"sid\":\"S-1-5-32-568\",\"name\":\"IIS_IUSRS\",\"members\":[\"S-1-5-21-1\"]}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] cert = BundleBuilder.der(TestPki.root("CN=Contoso Root CA", BundleBuilder.COLLECTED_AT.minus(Duration.ofDays(1)),
                BundleBuilder.COLLECTED_AT.plus(Duration.ofDays(1))).certificate());
        return Stream.of(
                Arguments.of("registry/http.reg", reg, (Function<Snapshot, Part<?>>) Snapshot::registry),
                Arguments.of("events/Application.xml", events, (Function<Snapshot, Part<?>>) Snapshot::events),
                Arguments.of("iis/applicationHost.config", config, (Function<Snapshot, Part<?>>) Snapshot::iis),
                Arguments.of("security/user-rights.inf", rights, (Function<Snapshot, Part<?>>) Snapshot::userRights),
                Arguments.of("security/accounts.json", accounts, (Function<Snapshot, Part<?>>) Snapshot::accounts),
                Arguments.of("certs/Root/0000000000000000000000000000000000000000.cer", cert,
                        (Function<Snapshot, Part<?>>) Snapshot::certificates));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parts")
    void aDamagedPartFileNeverEscapesAsAnException(String file, byte[] original, Function<Snapshot, Part<?>> part)
            throws Exception {
        Random random = new Random(20261120L ^ file.hashCode());
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] damaged = mutate(original, random);
            Path dir = Files.createDirectories(tmp.resolve("b" + i));
            BundleBuilder.in(dir).bytes(file, damaged);
            try (OpenBundle open = new BundleReader().open(dir)) {
                Part<?> p = part.apply(open.snapshot());
                if (p.state() == Part.State.UNREADABLE) {
                    assertThat(p.problems()).extracting(InputProblem::file).as("mutation %d of %s", i, file).contains(file);
                }
                assertThat(p.problems()).allSatisfy(problem -> assertThat(problem.message()).isNotBlank());
            }
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int k = 0; k < 1 + random.nextInt(8); k++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
            }
            case 1 -> {
                return Arrays.copyOf(b, random.nextInt(b.length));
            }
            case 2 -> {
                int at = random.nextInt(b.length);
                byte[] junk = new byte[1 + random.nextInt(40)];
                random.nextBytes(junk);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                return out;
            }
            case 3 -> {
                String[] specials = {"\"", "\\", "=", "[", "]", "<", ">", "&", "{", "}", ",", ":", "\0", "\r", "\n", "${v}", "<!DOCTYPE x>"};
                byte[] s = specials[random.nextInt(specials.length)].getBytes(StandardCharsets.UTF_8);
                int at = random.nextInt(b.length);
                byte[] out = new byte[b.length + s.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(s, 0, out, at, s.length);
                System.arraycopy(b, at, out, at + s.length, b.length - at);
                return out;
            }
            default -> {
                int from = random.nextInt(b.length);
                int len = Math.min(b.length - from, 1 + random.nextInt(200));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, from + len);
                System.arraycopy(b, from, out, from + len, b.length - from);
                return out;
            }
        }
    }
}
