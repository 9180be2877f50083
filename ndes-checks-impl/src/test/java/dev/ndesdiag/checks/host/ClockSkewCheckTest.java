package dev.ndesdiag.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kerberos tolerates 5 minutes of clock skew by default ("Maximum tolerance for computer clock synchronization"). */
class ClockSkewCheckTest {

    @TempDir
    Path dir;

    private static String fetch(String url, String date, String fetchedAt) {
        return "{\"url\":\"" + url + "\",\"purpose\":\"crl\",\"outcome\":\"ok\",\"httpStatus\":200,\"elapsedMs\":35,"
                + "\"file\":null,\"error\":null" + (date == null ? "" : ",\"date\":\"" + date + "\"")
                + (fetchedAt == null ? "" : ",\"fetchedAt\":\"" + fetchedAt + "\"") + "}";
    }

    private CheckOutcome run(String... fetches) {
        return Analysis.outcome(BundleBuilder.in(dir).text("network/fetches.json", "[" + String.join(",", fetches) + "]").dir(),
                new ClockSkewCheck());
    }

    @Test
    void aClockWithinSecondsPasses() {
        CheckOutcome o = run(fetch("http://pki.contoso.com/a.crl", "2026-11-20T10:15:02Z", "2026-11-20T10:15:01.400Z"),
                fetch("http://crl.microsoft.com/b.crl", "Fri, 20 Nov 2026 10:15:03 GMT", "2026-11-20T10:15:03.100Z"));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aServerSevenMinutesBehindFails() {
        CheckOutcome o = run(fetch("http://pki.contoso.com/a.crl", "2026-11-20T10:22:00Z", "2026-11-20T10:15:00Z"),
                fetch("http://crl.microsoft.com/b.crl", "2026-11-20T10:22:05Z", "2026-11-20T10:15:04Z"),
                fetch("http://ocsp.digicert.com/c", "2026-11-20T10:22:09Z", "2026-11-20T10:15:08Z"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).message()).contains("7 min behind");
    }

    @Test
    void oneWebServerWithAWrongClockDoesNotDecide() {
        CheckOutcome o = run(fetch("http://pki.contoso.com/a.crl", "2026-11-20T11:15:00Z", "2026-11-20T10:15:00Z"),
                fetch("http://crl.microsoft.com/b.crl", "2026-11-20T10:15:05Z", "2026-11-20T10:15:04Z"),
                fetch("http://ocsp.digicert.com/c", "2026-11-20T10:15:09Z", "2026-11-20T10:15:08Z"));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void fetchesWithoutDatesLeaveTheClockUnknown() {
        assertThat(run(fetch("http://pki.contoso.com/a.crl", null, null)).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void exactlyFiveMinutesBehindIsStillWithinKerberosTolerance() {
        CheckOutcome o = run(fetch("http://pki.contoso.com/a.crl", "2026-11-20T10:20:00Z", "2026-11-20T10:15:00Z"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("CLOCK_IN_SYNC");
        assertThat(f.evidence()).containsEntry("skewSeconds", 300L);
        assertThat(f.message()).contains("within 5 min");
    }

    @Test
    void fiveMinutesAndOneSecondBehindFails() {
        CheckOutcome o = run(fetch("http://pki.contoso.com/a.crl", "2026-11-20T10:20:01Z", "2026-11-20T10:15:00Z"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("CLOCK_SKEW");
        assertThat(f.evidence()).containsEntry("skewSeconds", 301L).containsEntry("samples", 1).containsEntry("example", "pki.contoso.com");
        assertThat(f.message()).contains("5 min behind");
    }

    @Test
    void aServerClockAheadOfTheWebServersFailsSayingAhead() {
        CheckOutcome o = run(fetch("http://pki.contoso.com/a.crl", "2026-11-20T10:08:00Z", "2026-11-20T10:15:00Z"),
                fetch("http://crl.microsoft.com/b.crl", "2026-11-20T10:08:30Z", "2026-11-20T10:15:30Z"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).message()).contains("7 min ahead of the web servers");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("skewSeconds", -420L);
    }

    @Test
    void exactlyFiveMinutesAheadIsStillWithinTolerance() {
        assertThat(run(fetch("http://pki.contoso.com/a.crl", "2026-11-20T10:10:00Z", "2026-11-20T10:15:00Z")).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void aSkewUnderTwoMinutesIsGivenInSecondsAndFromTwoMinutesInMinutes() {
        assertThat(run(fetch("http://pki.contoso.com/a.crl", "2026-11-20T10:16:59Z", "2026-11-20T10:15:00Z")).result().findings()
                .get(0).message()).contains("within 119 s of");
        assertThat(run(fetch("http://pki.contoso.com/a.crl", "2026-11-20T10:17:00Z", "2026-11-20T10:15:00Z")).result().findings()
                .get(0).message()).contains("within 2 min of");
    }

    @Test
    void withAnEvenNumberOfSamplesTheUpperMiddleDecides() {
        // sorted skews 0 s, 1 s, 400 s, 410 s: the median taken is the third, 400 s
        CheckOutcome o = run(fetch("http://a.contoso.com/a.crl", "2026-11-20T10:15:00Z", "2026-11-20T10:15:00Z"),
                fetch("http://b.contoso.com/b.crl", "2026-11-20T10:15:01Z", "2026-11-20T10:15:00Z"),
                fetch("http://c.contoso.com/c.crl", "2026-11-20T10:21:40Z", "2026-11-20T10:15:00Z"),
                fetch("http://d.contoso.com/d.crl", "2026-11-20T10:21:50Z", "2026-11-20T10:15:00Z"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("skewSeconds", 400L).containsEntry("samples", 4)
                .containsEntry("example", "c.contoso.com");
    }

    @Test
    void aFetchWithoutAHostIsNamedByItsUrl() {
        CheckOutcome o = run(fetch("file:///C:/Windows/Temp/a.crl", "2026-11-20T10:25:00Z", "2026-11-20T10:15:00Z"),
                fetch("http://pki.contoso.com/a.crl", null, "2026-11-20T10:15:00Z"));
        assertThat(o.result().findings().get(0).evidence()).containsEntry("example", "file:///C:/Windows/Temp/a.crl")
                .containsEntry("samples", 1);
    }
}
