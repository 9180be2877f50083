package dev.ndesdiag.checks.iis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HostStateCaptures;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP.sys reads MaxFieldLength and MaxRequestBytes only when it starts (KB 820129, "restart the
 * computer"), so values written after the last boot are configured but not in effect; so are values
 * that the long probe or HTTPERR (reasons FieldLength, RequestLength, URL_Length, KB 820729) contradict.
 * The fixture manifest's lastBootAt is 2026-11-19T22:01:00Z.
 */
class HttpSysLimitsInEffectTest {

    private static final String KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";
    private static final String HTTPERR_HEAD = "#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: 2026-11-19 23:00:00\r\n"
            + "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename\r\n";

    @TempDir
    Path dir;

    private BundleBuilder configured(String writtenAt) {
        BundleBuilder b = BundleBuilder.in(dir).registry("http-parameters.reg",
                new RegExport().key(KEY).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 65534));
        return HostStateCaptures.withHostState(b, HostStateCaptures.hostState("keysWrittenAt",
                "{\"HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\HTTP\\\\Parameters\":\"" + writtenAt + "\"}"));
    }

    private static Finding last(CheckOutcome o) {
        return o.result().findings().get(o.result().findings().size() - 1);
    }

    @Test
    void valuesWrittenAfterTheLastBootAreConfiguredButNotInEffect() {
        CheckOutcome o = Analysis.outcome(configured("2026-11-20T09:30:00.0000000Z").dir(), new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = last(o);
        assertThat(f.code()).isEqualTo("HTTP_SYS_LIMITS_NOT_IN_EFFECT");
        assertThat(f.message()).contains("not in effect until a restart");
        assertThat(f.evidence()).containsEntry("keyWrittenAt", "2026-11-20T09:30:00Z").containsEntry("lastBootAt", "2026-11-19T22:01:00Z");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("Restart the server"));
    }

    @Test
    void valuesWrittenBeforeTheLastBootAreInEffect() {
        CheckOutcome o = Analysis.outcome(configured("2026-10-01T08:00:00.0000000Z").dir(), new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(last(o).code()).isEqualTo("HTTP_SYS_LIMITS_IN_EFFECT");
    }

    @Test
    void tooLowValuesAreAFailAndNotAlsoAPendingRestart() {
        BundleBuilder b = HostStateCaptures.withHostState(BundleBuilder.in(dir).registry("http-parameters.reg",
                new RegExport().key(KEY).dword("MaxFieldLength", 16384).dword("MaxRequestBytes", 65534)), HostStateCaptures.hostState("keysWrittenAt",
                "{\"HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\HTTP\\\\Parameters\":\"2026-11-20T09:30:00Z\"}"));
        CheckOutcome o = Analysis.outcome(b.dir(), new HttpSysLimitsCheck());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("MAX_FIELD_LENGTH_TOO_LOW", "MAX_REQUEST_BYTES_OK");
    }

    @Test
    void theLongProbeStillGetting400RequestTooLongMeansNotInEffect() {
        BundleBuilder b = configured("2026-10-01T08:00:00Z")
                .bytes("endpoint/0.body", "<h2>Bad Request - Request Too Long</h2>".getBytes())
                .text("endpoint/probe.json", "[{\"url\":\"https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll/pkiclient.exe"
                        + "?operation=PKIOperation&message=" + "A".repeat(30_000) + "\",\"httpStatus\":400,\"contentType\":\"text/html\","
                        + "\"elapsedMs\":3,\"bodyFile\":\"endpoint/0.body\"}]");
        CheckOutcome o = Analysis.outcome(b.dir(), new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(last(o).evidence()).containsKey("probe");
    }

    @Test
    void httperrLengthRejectionsAfterTheBootMeanNotInEffect() {
        BundleBuilder b = configured("2026-10-01T08:00:00Z").text("logs/httperr/httperr1.log", HTTPERR_HEAD
                + "2026-11-19 21:00:00 10.1.2.3 50100 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll - 400 - FieldLength -\r\n"
                + "2026-11-20 09:00:00 10.1.2.3 50123 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation - 400 - FieldLength -\r\n"
                + "2026-11-20 09:01:00 10.1.2.4 50124 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll - 503 1 Disabled SCEP\r\n");
        CheckOutcome o = Analysis.outcome(b.dir(), new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(last(o).evidence()).containsEntry("rejections", 1).containsEntry("since", "2026-11-19T22:01:00Z");
        assertThat(last(o).message()).contains("FieldLength");
    }

    @Test
    void httperrLengthRejectionsOnlyBeforeTheBootAreHistory() {
        BundleBuilder b = configured("2026-10-01T08:00:00Z").text("logs/httperr/httperr1.log", HTTPERR_HEAD
                + "2026-11-19 21:00:00 10.1.2.3 50100 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll - 400 - URL_Length -\r\n");
        assertThat(Analysis.outcome(b.dir(), new HttpSysLimitsCheck()).status()).isEqualTo(Status.PASS);
    }

    private BundleBuilder probed(BundleBuilder b, int status, String body) {
        return b.bytes("endpoint/0.body", body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .text("endpoint/probe.json", "[{\"url\":\"https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll/pkiclient.exe"
                        + "?operation=PKIOperation&message=" + "A".repeat(30_000) + "\",\"httpStatus\":" + status
                        + ",\"contentType\":\"text/html\",\"elapsedMs\":3,\"bodyFile\":\"endpoint/0.body\"}]");
    }

    @Test
    void valuesWrittenAtTheVerySecondOfTheLastBootWereReadByHttpSysAndAreInEffect() {
        CheckOutcome o = Analysis.outcome(configured("2026-11-19T22:01:00Z").dir(), new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("MAX_FIELD_LENGTH_OK", "MAX_REQUEST_BYTES_OK", "HTTP_SYS_LIMITS_IN_EFFECT");
        assertThat(last(o).evidence()).containsEntry("keyWrittenAt", "2026-11-19T22:01:00Z").containsEntry("lastBootAt", "2026-11-19T22:01:00Z");
    }

    @Test
    void theLongProbeGetting414MeansNotInEffect() {
        CheckOutcome o = Analysis.outcome(probed(configured("2026-10-01T08:00:00Z"), 414, "<h2>Request URI Too Long</h2>").dir(),
                new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(last(o).code()).isEqualTo("HTTP_SYS_LIMITS_NOT_IN_EFFECT");
        assertThat(last(o).evidence()).containsEntry("probe", "HTTP 414").containsEntry("lastBootAt", "2026-11-19T22:01:00Z");
        assertThat(last(o).message()).contains("(last boot 2026-11-19T22:01:00Z)");
    }

    @Test
    void aLongProbeRefusedWith400ForAnotherReasonSaysNothingAboutTheLimits() {
        CheckOutcome o = Analysis.outcome(probed(configured("2026-10-01T08:00:00Z"), 400, "<h2>Bad Request - Invalid Hostname</h2>").dir(),
                new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(last(o).code()).isEqualTo("HTTP_SYS_LIMITS_IN_EFFECT");
    }

    @Test
    void aLongProbeAnsweredByMscepMeansTheLimitsLetItThrough() {
        CheckOutcome o = Analysis.outcome(probed(configured("2026-10-01T08:00:00Z"), 200, "too long ago").dir(), new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(last(o).code()).isEqualTo("HTTP_SYS_LIMITS_IN_EFFECT");
    }

    @Test
    void withoutTheKeysWriteTimeOrHttperrTheValuesAreJudgedOnlyByTheirSize() {
        BundleBuilder b = BundleBuilder.in(dir).registry("http-parameters.reg",
                new RegExport().key(KEY).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 65534));
        CheckOutcome o = Analysis.outcome(b.dir(), new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("MAX_FIELD_LENGTH_OK", "MAX_REQUEST_BYTES_OK");
    }

    @Test
    void httperrLengthRejectionsAreCountedSinceTheBootEvenWithoutTheKeysWriteTime() {
        BundleBuilder b = BundleBuilder.in(dir).registry("http-parameters.reg",
                        new RegExport().key(KEY).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 65534))
                .text("logs/httperr/httperr1.log", HTTPERR_HEAD
                        + "2026-11-19 22:01:00 10.1.2.3 50100 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll - 400 - RequestLength -\r\n"
                        + "2026-11-20 09:00:00 10.1.2.3 50123 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation&message="
                        + "B".repeat(100) + " - 414 - URL_Length -\r\n"
                        + "2026-11-20 09:05:00 10.1.2.4 50124 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll - 400 - FieldLength -\r\n");
        CheckOutcome o = Analysis.outcome(b.dir(), new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = last(o);
        assertThat(f.code()).isEqualTo("HTTP_SYS_LIMITS_NOT_IN_EFFECT");
        // the entry at the very second of the boot may predate HTTP.sys reading its values: not counted
        assertThat(f.evidence()).containsEntry("rejections", 2).containsEntry("since", "2026-11-19T22:01:00Z");
        assertThat(f.message()).contains("2 request(s)").contains("(FieldLength, URL_Length)")
                .contains("since 2026-11-19T22:01:00Z, the last boot:").doesNotContain("the key's last write");
        assertThat(f.evidence().get("first")).asString().startsWith("logs/httperr/httperr1.log:")
                .contains(" 2026-11-20T09:00:00Z URL_Length /certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation&message=B")
                .endsWith("B...");
        assertThat((String) f.evidence().get("first")).hasSizeLessThan(200);
    }

    @Test
    void httperrRejectionsWithTheKeysWriteTimeKnownNameBothBoundaries() {
        BundleBuilder b = configured("2026-10-01T08:00:00Z").text("logs/httperr/httperr1.log", HTTPERR_HEAD
                + "2026-11-20 09:00:00 10.1.2.3 50123 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll - 400 - RequestLength -\r\n");
        Finding f = last(Analysis.outcome(b.dir(), new HttpSysLimitsCheck()));
        assertThat(f.message()).contains("since 2026-11-19T22:01:00Z, the last boot and the key's last write: the values are not in effect.");
        assertThat(f.evidence()).containsEntry("rejections", 1);
        assertThat(f.evidence().get("first")).asString().endsWith(" 2026-11-20T09:00:00Z RequestLength /certsrv/mscep/mscep.dll");
    }
}
