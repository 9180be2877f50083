package dev.ndesdiag.checks.evidence;

import static dev.ndesdiag.fixtures.EvidenceFixtures.HTTPERR_HEADER;
import static dev.ndesdiag.fixtures.EvidenceFixtures.W3C_HEADER;
import static dev.ndesdiag.fixtures.EvidenceFixtures.hoursAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.httperr;
import static dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.scep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What HTTP.sys refused before IIS (reasons:
 * https://learn.microsoft.com/en-us/windows/win32/http/types-of-errors-logged-by-the-http-server-api:
 * Disabled, AppOffline, QueueFull, FieldLength, URL_Length). The host booted 12 h before collection.
 */
class HttpErrScepCheckTest {

    private static final String PKI = "/certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation&message=MIIK";

    @TempDir
    Path dir;

    private CheckOutcome run(String httperrLines, String iisLines) {
        BundleBuilder b = BundleBuilder.in(dir);
        b.text("manifest.json", "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\","
                + "\"host\":{\"computerName\":\"NDES01\",\"lastBootAt\":\"2026-11-19T22:01:00Z\"}}");
        b.text("logs/httperr/httperr1.log", HTTPERR_HEADER + httperrLines);
        if (iisLines != null) {
            b.text("logs/iis/W3SVC1/u_ex261120.log", W3C_HEADER + iisLines);
        }
        return Analysis.outcome(dir, new HttpErrScepCheck());
    }

    private static Finding first(CheckOutcome o) {
        return o.result().findings().get(0);
    }

    @Test
    void disabledPool503sSinceTheBootWithNoLaterSuccessFail() {
        CheckOutcome o = run(httperr(minutesAgo(10), PKI, 503, "Disabled", "SCEP") + httperr(minutesAgo(5), PKI, 503, "Disabled", "SCEP"),
                scep(hoursAgo(2), "PKIOperation", 200, 0, 0));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(first(o).code()).isEqualTo("POOL_UNAVAILABLE");
        assertThat(first(o).evidence()).containsEntry("explainedBy", "scep-app-pool").containsEntry("count", 2L);
        assertThat(first(o).message()).endsWith(" No successful SCEP request followed in the IIS log. The configuration check scep-app-pool "
                + "explains it.");
    }

    @Test
    void disabled503sFollowedByASuccessfulRequestWarnWhenRecent() {
        CheckOutcome o = run(httperr(minutesAgo(50), PKI, 503, "AppOffline", "SCEP"), scep(minutesAgo(20), "GetCACaps", 200, 0, 0));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(first(o).code()).isEqualTo("POOL_UNAVAILABLE_RECOVERED");
    }

    @Test
    void refusalsBeforeTheLastBootAndLongAgoAreInformation() {
        CheckOutcome o = run(httperr(hoursAgo(72), PKI, 503, "QueueFull", "SCEP"), null);
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aLongPkiOperationRefusedWithFieldLengthFailsNamingHttpSysLimits() {
        CheckOutcome o = run(httperr(minutesAgo(15), PKI, 400, "FieldLength", "-"), scep(minutesAgo(30), "PKIOperation", 200, 0, 0));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(first(o).code()).isEqualTo("REQUEST_TOO_LONG");
        assertThat(first(o).evidence()).containsEntry("explainedBy", "http-sys-limits");
    }

    @Test
    void aLengthRefusalFollowedByASuccessfulPkiOperationWarns() {
        CheckOutcome o = run(httperr(minutesAgo(60), PKI, 414, "URL_Length", "-"), scep(minutesAgo(30), "PKIOperation", 200, 0, 0));
        assertThat(o.status()).isEqualTo(Status.WARN);
    }

    @Test
    void aShortPostPkiOperationAfterALengthRefusalDoesNotShowTheLongGetWorks() {
        CheckOutcome o = run(httperr(minutesAgo(60), PKI, 400, "FieldLength", "-"),
                dev.ndesdiag.fixtures.EvidenceFixtures.w3c(minutesAgo(30), "POST", "/certsrv/mscep/mscep.dll/pkiclient.exe",
                        "operation=PKIOperation", 200, 0, 0, dev.ndesdiag.fixtures.EvidenceFixtures.DEVICE));
        assertThat(o.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anHttperrFullOfOtherSitesNoisePasses() {
        CheckOutcome o = run(httperr(minutesAgo(9), "/owa/", 503, "Disabled", "MSExchangeOWAAppPool")
                + httperr(minutesAgo(8), "/", 400, "FieldLength", "-")
                + httperr(minutesAgo(7), "/certsrv/mscep/mscep.dll", 0, "Timer_ConnectionIdle", "SCEP"), null);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(first(o).code()).isEqualTo("NO_SCEP_REFUSALS");
        assertThat(first(o).evidence()).containsEntry("ignored", 3L);
    }

    @Test
    void httperrNumbersOrderTheFilesSoTheNewestRefusalIsJudged() {
        BundleBuilder b = BundleBuilder.in(dir);
        b.text("logs/httperr/httperr10.log", HTTPERR_HEADER + httperr(minutesAgo(5), PKI, 503, "Disabled", "SCEP"));
        b.text("logs/httperr/httperr9.log", HTTPERR_HEADER + httperr(hoursAgo(5), PKI, 503, "Disabled", "SCEP"));
        CheckOutcome o = Analysis.outcome(dir, new HttpErrScepCheck());
        assertThat(first(o).evidence()).containsEntry("latest", minutesAgo(5).toString());
    }

    @Test
    void aLogEndingMidLineStillJudgesItsCompleteLines() {
        String cut = httperr(minutesAgo(1), PKI, 503, "Disabled", "SCEP");
        CheckOutcome o = run(httperr(minutesAgo(10), PKI, 503, "Disabled", "SCEP") + cut.substring(0, 30), null);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(first(o).evidence()).containsKey("endedMidLine");
    }

    @Test
    void withoutHttperrLogsTheCheckIsSkipped() {
        BundleBuilder.in(dir);
        assertThat(Analysis.outcome(dir, new HttpErrScepCheck()).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void refusalsInTheLastDayButBeforeTheLastBootWarnThatTheServerBootedSince() {
        CheckOutcome o = run(httperr(hoursAgo(13), PKI, 503, "Disabled", "SCEP"), null);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(first(o).code()).isEqualTo("POOL_UNAVAILABLE_RECOVERED");
        assertThat(first(o).message()).endsWith(" It was before the last boot (2026-11-19T22:01:00Z).");
        assertThat(first(o).evidence()).containsEntry("sinceLastBoot", false);
    }

    @Test
    void aRecoveryNamesTheSuccessThatFollowed() {
        CheckOutcome o = run(httperr(minutesAgo(50), PKI, 503, "AppOffline", "SCEP"), scep(minutesAgo(20), "GetCACaps", 200, 0, 0));
        assertThat(first(o).message()).endsWith(" a successful SCEP request followed at " + minutesAgo(20) + ".");
    }

    @Test
    void withoutAnIisLogTheRefusalSaysNothingShowsWhetherScepWorkedAfterwards() {
        CheckOutcome o = run(httperr(minutesAgo(10), PKI, 503, "Disabled", "SCEP"), null);
        assertThat(first(o).code()).isEqualTo("POOL_UNAVAILABLE");
        assertThat(first(o).message()).endsWith(" The bundle has no IIS log to show whether SCEP worked afterwards. The configuration "
                + "check scep-app-pool explains it.");
    }
}
