package dev.ndesdiag.checks.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** NDES must reach its CA over RPC, or it fails at start with events 8 and 2 and HTTP 500. */
class CaPingCheckTest {

    private static final String CA = "ca01.corp.contoso.com\\Contoso Issuing CA";

    @TempDir
    Path dir;

    private CheckOutcome check(String output, int exitCode) {
        BundleBuilder b = BundleBuilder.in(dir)
                .registry("mscep.reg", new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo")
                        .string("Configuration", CA))
                .text("commands/index.json", "[{\"name\":\"certutil-ping\",\"command\":\"certutil -config \\\"" + CA.replace("\\", "\\\\")
                        + "\\\" -ping\",\"exitCode\":" + exitCode + "}]")
                .utf16("commands/certutil-ping.txt", output);
        return Analysis.outcome(b.dir(), new CaPingCheck());
    }

    @Test
    void passesWhenTheCaInterfaceIsAlive() {
        CheckOutcome o = check("Connecting to " + CA + " ...\r\nServer \"Contoso Issuing CA\" ICertRequest2 interface is alive (16ms)\r\n"
                + "CertUtil: -ping command completed successfully.\r\n", 0);
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aGermanServerThatAnsweredPassesOnItsExitCode() {
        // written from the documented shape of a German certutil -ping, not a capture: the verdict must
        // not depend on the English "interface is alive"
        CheckOutcome o = check("Verbindung mit " + CA + " wird hergestellt ...\r\nServer \"Contoso Issuing CA\": "
                + "Die ICertRequest2-Schnittstelle ist aktiv (16 ms)\r\nCertUtil: -ping-Befehl wurde erfolgreich ausgef\u00fchrt.\r\n", 0);
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aGermanServerThatDidNotAnswerFailsWithItsHresultDecoded() {
        CheckOutcome o = check("Verbindung mit " + CA + " wird hergestellt ...\r\nServer konnte nicht erreicht werden: "
                + "0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE) -- (16 ms)\r\n", 0x800706ba);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("hresult", "0x800706ba");
    }

    @ParameterizedTest(name = "{0} is explained as {1}")
    @CsvSource({
        "0x800706ba, RPC_S_SERVER_UNAVAILABLE", "0x800706d9, EPT_S_NOT_REGISTERED", "0x80070005, E_ACCESSDENIED",
        "0x800706be, RPC_S_CALL_FAILED", "0x80070057, E_INVALIDARG"})
    void failsAndDecodesTheHresult(String hresult, String meaning) {
        CheckOutcome o = check("Connecting to " + CA + " ...\r\nServer could not be reached: " + hresult + " -- (16ms)\r\n\r\n"
                + "CertUtil: -ping command FAILED: " + hresult + "\r\n", 1);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("CA_UNREACHABLE");
        assertThat(f.message()).contains(meaning).contains("events 8 and 2").contains("HTTP 500");
        assertThat(f.evidence()).containsEntry("hresult", hresult).containsEntry("ca", CA);
    }

    @Test
    void warnsWhenThePingTargetedAnotherCa() {
        CheckOutcome o = check("Connecting to ca02.corp.contoso.com\\Old CA ...\r\nServer \"Old CA\" ICertRequest2 interface is alive (5ms)\r\n", 0);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CA_PING_OK", "CA_PING_OTHER_CA");
    }

    @Test
    void isSkippedWhenThePingWasNotCollected() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).dir(), new CaPingCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
    }

    /** A bundle made by hand: the ping's output without commands/index.json, so without an exit code. */
    private CheckOutcome withoutExitCode(String output, boolean withMscep) {
        BundleBuilder b = BundleBuilder.in(dir).utf16("commands/certutil-ping.txt", output);
        if (withMscep) {
            b.registry("mscep.reg", new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo")
                    .string("Configuration", CA));
        }
        return Analysis.outcome(b.dir(), new CaPingCheck());
    }

    @Test
    void withoutAnExitCodeTheEnglishAnswerDecidesThatTheCaIsAlive() {
        CheckOutcome o = withoutExitCode("Connecting to " + CA + " ...\r\nServer \"Contoso Issuing CA\" ICertRequest2 interface is alive "
                + "(16ms)\r\nCertUtil: -ping command completed successfully.\r\n", true);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).message()).isEqualTo(CA + " answered certutil -ping from the NDES server.");
    }

    @Test
    void withoutAnExitCodeAShownHresultDecidesThatItDidNotAnswer() {
        CheckOutcome o = withoutExitCode("Connecting to " + CA + " ...\r\nServer could not be reached: 0x800706ba -- (16ms)\r\n", true);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("hresult", "0x800706ba");
    }

    @Test
    void withoutAnExitCodeATextInAnotherLanguageIsNotJudgedAndNamesTheCaItConnectedTo() {
        CheckOutcome o = withoutExitCode("Verbindung mit " + CA + " wird hergestellt ...\r\nDie ICertRequest2-Schnittstelle ist aktiv\r\n",
                false);
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("CA_PING_UNDECIDED");
        assertThat(f.evidence()).containsEntry("output", "Verbindung mit " + CA + " wird hergestellt ... | Die ICertRequest2-Schnittstelle "
                + "ist aktiv");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("certutil -config \"the CA\" -ping"));
        CheckOutcome english = withoutExitCode("Connecting to " + CA + " ...\r\nKeine Antwort\r\n", false);
        assertThat(english.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("certutil -config \"" + CA + "\" -ping"));
    }

    @Test
    void aNonZeroExitCodeFailsEvenWhenTheTextShowsNoHresult() {
        CheckOutcome o = check("Verbindung mit " + CA + " wird hergestellt ...\r\nDer RPC-Server ist nicht verf\u00fcgbar.\r\n", 1722);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.message()).startsWith(CA + " did not answer certutil -ping from the NDES server: no answer.");
        assertThat(f.evidence()).doesNotContainKey("hresult");
    }

    @Test
    void theOutputIsQuotedByItsFirstFourLines() {
        CheckOutcome o = check("Connecting to " + CA + " ...\r\nServer could not be reached: 0x800706ba -- (16ms)\r\n\r\n"
                + "CertUtil: -ping command FAILED: 0x800706ba\r\nCertUtil: The RPC server is unavailable.\r\n", 1);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("output", "Connecting to " + CA + " ... | Server could not be "
                + "reached: 0x800706ba -- (16ms) |  | CertUtil: -ping command FAILED: 0x800706ba");
    }
}
