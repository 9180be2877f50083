package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.AccountKind;
import dev.ndesdiag.api.snapshot.FetchOutcome;
import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.api.snapshot.Part;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each small part reader takes from its files: logs only under {@code logs/}, accounts' kinds,
 * groups and retrievers as written, fetches' outcome, purpose and Date header, user rights with their
 * principals, IIS web.config files that IIS itself could not parse, and only certificate files of a store.
 */
class PartReaderDetailsTest {

    private static MemoryBundleSource bundle(String... pathThenText) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pathThenText.length; i += 2) {
            m.put(pathThenText[i], pathThenText[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new MemoryBundleSource(m, "NDES01");
    }

    @Test
    void logsAreTheFilesUnderLogsInAnyCaseAndAnEmptyLogFolderIsAnEmptyPart() throws Exception {
        Part<dev.ndesdiag.api.snapshot.Logs> p = LogsReader.read(bundle("Logs/NDES/NDESPlugin.log", "line",
                "logs.txt", "not a log", "mylogs/a.log", "not a log either"));
        assertThat(p.value().orElseThrow().files()).extracting(LogFile::path).containsExactly("Logs/NDES/NDESPlugin.log");
        LogFile log = p.value().orElseThrow().files().get(0);
        assertThat(log.size()).isEqualTo(4);
        try (InputStream in = log.open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line");
        }
        Part<dev.ndesdiag.api.snapshot.Logs> empty = LogsReader.read(bundle("manifest.json", "{}", "LOGS/", ""));
        assertThat(empty.state()).isEqualTo(Part.State.PRESENT);
        assertThat(empty.value().orElseThrow().files()).isEmpty();
        assertThat(LogsReader.read(bundle("manifest.json", "{}", "mylogs/", "")).state()).isEqualTo(Part.State.ABSENT);
    }

    @Test
    void anAccountOfAnUnknownKindIsAProblemAndItsGroupsAndRetrieversAreKeptAsWritten() {
        var p = AccountsReader.read(bundle("security/accounts.json", "{\"accounts\":["
                + "{\"name\":\"CONTOSO\\\\svc_ndes\",\"sid\":\"S-1\",\"kind\":\"user\",\"groups\":[\"S-1-5-32-568\"],"
                + "\"passwordRetrievers\":[\"S-1-5-21-9\"]},"
                + "{\"name\":\"CONTOSO\\\\robot\",\"sid\":\"S-2\",\"kind\":\"robot\"}]}"), BundleLimits.defaults());
        var accounts = p.value().orElseThrow().accounts();
        assertThat(accounts.get(0).kind()).contains(AccountKind.USER);
        assertThat(accounts.get(0).groups()).contains(List.of("S-1-5-32-568"));
        assertThat(accounts.get(0).passwordRetrievers()).contains(List.of("S-1-5-21-9"));
        assertThat(accounts.get(1).kind()).isEmpty();
        assertThat(accounts.get(1).groups()).isEmpty();
        assertThat(accounts.get(1).passwordRetrievers()).isEmpty();
        assertThat(p.problems()).extracting(InputProblem::message)
                .containsExactly("account CONTOSO\\robot has the unknown kind \"robot\"; its kind is not used");
    }

    @Test
    void aFetchOfUnknownOutcomeIsAnErrorAndItsDateIsReadInEitherFormOrLeftOut() {
        var p = NetworkFetchesReader.read(bundle("network/fetches.json", "["
                + "{\"url\":\"http://pki/a.crl\",\"purpose\":\"crl\",\"outcome\":\"ok\",\"date\":\"2026-11-20T10:00:00Z\"},"
                + "{\"url\":\"http://pki/b.crl\",\"purpose\":\"gossip\",\"outcome\":\"exploded\","
                + "\"date\":\"Fri, 20 Nov 2026 10:00:00 GMT\"},"
                + "{\"url\":\"http://pki/c.crl\",\"outcome\":\"ok\",\"date\":\"yesterday\"}]"), BundleLimits.defaults());
        var fetches = p.value().orElseThrow();
        assertThat(fetches.get(0).outcome()).isEqualTo(FetchOutcome.OK);
        assertThat(fetches.get(0).purpose()).isPresent();
        assertThat(fetches.get(0).date()).contains(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(fetches.get(1).outcome()).isEqualTo(FetchOutcome.ERROR);
        assertThat(fetches.get(1).purpose()).isEmpty();
        assertThat(fetches.get(1).date()).contains(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(fetches.get(2).date()).isEmpty();
        assertThat(p.problems()).extracting(InputProblem::message).containsExactly(
                "fetch of http://pki/b.crl has the unknown outcome \"exploded\"; read as \"error\"",
                "fetch of http://pki/b.crl has the unknown purpose \"gossip\"; its purpose is not used",
                "fetch of http://pki/c.crl has the date \"yesterday\", neither ISO-8601 nor an HTTP date; it is not used");
    }

    @Test
    void userRightsAreReadFromTheirSectionInAnyCaseAndARightWithoutHoldersHasNone() {
        var p = UserRightsReader.read(bundle("security/user-rights.inf", "[Unicode]\r\nUnicode=yes\r\n"
                + "[privilege rights]\r\nSeServiceLogonRight = *S-1-5-20, CONTOSO\\svc_ndes ,\r\nSeDenyBatchLogonRight =\r\n"),
                BundleLimits.defaults());
        var rights = p.value().orElseThrow();
        assertThat(rights.holders("SeServiceLogonRight")).containsExactly("S-1-5-20", "CONTOSO\\svc_ndes");
        assertThat(rights.rights()).containsKey("SeDenyBatchLogonRight");
        assertThat(rights.holders("SeDenyBatchLogonRight")).isEmpty();
        var none = UserRightsReader.read(bundle("security/user-rights.inf", "[Unicode]\r\nUnicode=yes\r\n"), BundleLimits.defaults());
        assertThat(none.state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(none.problems()).extracting(InputProblem::message)
                .containsExactly("has no [Privilege Rights] section; export it with secedit /areas USER_RIGHTS");
    }

    @Test
    void aWebConfigThatIsNotWellFormedIsOneIisCannotParseAndOnlyBrokenFilesAreUnreadable() {
        var p = IisReader.read(bundle("iis/web.config/Default Web Site/CertSrv/mscep/web.config", "<configuration>\n<system.web>\n",
                "iis/web.config/Default Web Site/web.config", "<configuration/>"), BundleLimits.defaults());
        assertThat(p.state()).isEqualTo(Part.State.PRESENT);
        var iis = p.value().orElseThrow();
        assertThat(iis.webConfig("Default Web Site")).isPresent();
        assertThat(iis.unreadableWebConfig("Default Web Site/CertSrv/mscep")).hasValueSatisfying(problem ->
                assertThat(problem.file()).isEqualTo("iis/web.config/Default Web Site/CertSrv/mscep/web.config"));
        assertThat(iis.unreadableWebConfig("Default Web Site")).isEmpty();
        var broken = IisReader.read(bundle("iis/web.config/Default Web Site/web.config", "<configuration>"), BundleLimits.defaults());
        assertThat(broken.state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(IisReader.read(bundle("iis/readme.txt", "x"), BundleLimits.defaults()).state()).isEqualTo(Part.State.ABSENT);
    }

    @Test
    void onlyCertificateFilesDirectlyInAStoreAreReadAndAnEmptyOneIsAProblem() {
        var p = CertificateReader.read(bundle("certs/My/EMPTY.cer", "", "certs/My/notes.txt", "x",
                "certs/My/old/ABC.cer", "x", "certs/Root/", ""));
        assertThat(p.state()).isEqualTo(Part.State.PRESENT);
        assertThat(p.value().orElseThrow().store("My")).hasValueSatisfying(l -> assertThat(l).isEmpty());
        assertThat(p.value().orElseThrow().store("Root")).hasValueSatisfying(l -> assertThat(l).isEmpty());
        assertThat(p.problems()).extracting(InputProblem::file, InputProblem::message)
                .containsExactly(tuple("certs/My/EMPTY.cer", "is empty, not a certificate"));
        assertThat(CertificateReader.read(bundle("manifest.json", "{}")).state()).isEqualTo(Part.State.ABSENT);
    }

    @Test
    void aByteReadOneAtATimeThroughTheBoundIsTheByte() throws Exception {
        try (InputStream in = new BoundedInputStream(new java.io.ByteArrayInputStream(new byte[] {'A', (byte) 0xff}), "x", 2)) {
            assertThat(in.read()).isEqualTo('A');
            assertThat(in.read()).isEqualTo(0xff);
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
