package dev.ndesdiag.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
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
}
