package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * HTTP.sys error logs in both layouts. Field order from "Format of the HTTP Server API Error Logs"
 * (https://learn.microsoft.com/en-us/windows/win32/http/format-of-the-http-server-api-error-logs, the
 * older 13 fields) and current files, which add {@code streamid}; reason phrases from
 * https://learn.microsoft.com/en-us/windows/win32/http/types-of-errors-logged-by-the-http-server-api.
 * Written from the documented format, not captures.
 */
class HttpErrLogReaderTest {

    private static final String CURRENT = "#Software: Microsoft HTTP API 2.0\r\n"
            + "#Version: 1.0\r\n"
            + "#Date: 2026-11-20 10:00:00\r\n"
            + "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename\r\n"
            + "2026-11-20 10:00:01 10.1.2.3 50123 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACaps&message=default - 503 1 Disabled SCEP\r\n"
            + "2026-11-20 10:00:09 fe80::1%4 50124 fe80::2%4 443 - - - - - - Timer_ConnectionIdle -\r\n";
    private static final String LEGACY = "#Software: Microsoft HTTP API 2.0\r\n"
            + "#Version: 1.0\r\n"
            + "#Date: 2019-05-01 10:00:00\r\n"
            + "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n"
            + "2019-05-01 10:00:01 10.1.2.3 50123 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll/pkiclient.exe?operation=PKIOperation 400 - FieldLength -\r\n";

    @Test
    void currentLayoutWithStreamIdGivesReasonAndQueue() throws Exception {
        Read<HttpErrEntry> r = Read.of(HttpErrLogReader.create(), CURRENT);

        assertThat(r.entries()).hasSize(2);
        HttpErrEntry disabled = r.entries().get(0);
        assertThat(disabled.status()).hasValue(503);
        assertThat(disabled.reason()).contains("Disabled");
        assertThat(disabled.queueName()).contains("SCEP");
        assertThat(disabled.code()).contains("HTTPERR-Disabled");
        assertThat(disabled.uri()).contains("/certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACaps&message=default");
        assertThat(disabled.time()).contains(Instant.parse("2026-11-20T10:00:01Z"));
    }

    @Test
    void rowOfDashesIsAnEntryWithOnlyItsReason() throws Exception {
        HttpErrEntry idle = Read.of(HttpErrLogReader.create(), CURRENT).entries().get(1);

        assertThat(idle.reason()).contains("Timer_ConnectionIdle");
        assertThat(idle.status()).isEmpty();
        assertThat(idle.method()).isEmpty();
        assertThat(idle.queueName()).isEmpty();
        assertThat(idle.clientIp()).hasValueSatisfying(ip -> assertThat(ip.zone()).contains("4"));
    }

    @Test
    void olderThirteenFieldLayoutIsReadByItsDirective() throws Exception {
        Read<HttpErrEntry> r = Read.of(HttpErrLogReader.create(), LEGACY);

        assertThat(r.entries()).singleElement().satisfies(e -> {
            assertThat(e.fields().size()).isEqualTo(13);
            assertThat(e.reason()).contains("FieldLength");
            assertThat(e.status()).hasValue(400);
            assertThat(e.field("streamid")).isEmpty();
        });
    }

    /**
     * The reasons the issue names, one line each as HTTP.sys writes them (503 for the pool reasons, 400 or 414
     * for the length limits), read from the log and found in the code dictionary by the code the entry gives.
     */
    @Test
    void eachReasonTheIssueNamesIsReadWithItsQueueAndFoundInTheDictionary() throws Exception {
        String head = CURRENT.lines().limit(4).map(l -> l + "\r\n").collect(java.util.stream.Collectors.joining());
        String line = "2026-11-20 10:01:00 10.1.2.3 50200 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll - %d 1 %s %s\r\n";
        String log = head + String.format(line, 503, "Disabled", "SCEP") + String.format(line, 503, "AppOffline", "SCEP")
                + String.format(line, 503, "QueueFull", "SCEP") + String.format(line, 400, "FieldLength", "-")
                + String.format(line, 400, "RequestLength", "-") + String.format(line, 414, "URL_Length", "-");
        Read<HttpErrEntry> r = Read.of(HttpErrLogReader.create(), log);

        assertThat(r.summary().skippedTotal()).isZero();
        assertThat(r.entries()).extracting(e -> e.reason().orElseThrow())
                .containsExactly("Disabled", "AppOffline", "QueueFull", "FieldLength", "RequestLength", "URL_Length");
        assertThat(r.entries()).extracting(e -> e.queueName().orElse("-")).containsExactly("SCEP", "SCEP", "SCEP", "-", "-", "-");
        assertThat(r.entries()).allSatisfy(e -> assertThat(dev.ndesdiag.codes.CodeDictionary.standard().entry(e.code().orElseThrow()))
                .as(e.code().orElseThrow()).hasValueSatisfying(d -> assertThat(d.kind()).isEqualTo(dev.ndesdiag.codes.CodeKind.HTTPERR)));
    }

    @Test
    void tailWithoutDirectivesIsReadByWidthInEitherLayout() throws Exception {
        String tail = CURRENT.lines().skip(4).findFirst().orElseThrow() + "\n"
                + LEGACY.lines().skip(4).findFirst().orElseThrow() + "\n";
        Read<HttpErrEntry> r = Read.of(HttpErrLogReader.create(), tail);

        assertThat(r.entries()).extracting(e -> e.fields().size()).containsExactly(14, 13);
        assertThat(r.entries()).extracting(e -> e.reason().orElseThrow()).containsExactly("Disabled", "FieldLength");
    }

    @Test
    void entryGivesTheServerSideOfTheConnectionAndItsRawValues() throws Exception {
        HttpErrEntry disabled = Read.of(HttpErrLogReader.create(), CURRENT).entries().get(0);

        assertThat(disabled.line()).isEqualTo(5);
        assertThat(disabled.method()).contains("GET");
        assertThat(disabled.serverIp()).hasValueSatisfying(ip -> assertThat(ip.toString()).isEqualTo("10.0.0.5"));
        assertThat(disabled.serverPort()).hasValue(443);
        assertThat(disabled.values()).hasSize(14).startsWith("2026-11-20", "10:00:01").endsWith("Disabled", "SCEP");
        assertThat(disabled.toString()).startsWith("line 5: 2026-11-20 10:00:01");
    }

    @Test
    void entriesOfTheSameLineAreEqualAndOfAnotherLineNot() throws Exception {
        java.util.List<HttpErrEntry> a = Read.of(HttpErrLogReader.create(), CURRENT).entries();
        java.util.List<HttpErrEntry> b = Read.of(HttpErrLogReader.create(), CURRENT).entries();

        assertThat(a.get(0)).isEqualTo(b.get(0)).hasSameHashCodeAs(b.get(0)).isNotEqualTo(a.get(1)).isNotEqualTo("line 5");
        assertThat(a.get(0).hashCode()).isNotEqualTo(a.get(1).hashCode());
    }

    @Test
    void sinkThatReturnsFalseStopsTheRead() throws Exception {
        Read<HttpErrEntry> r = Read.untilFirst(HttpErrLogReader.create(), CURRENT);
        ReadSummary s = r.summary();

        assertThat(r.entries()).hasSize(1);
        assertThat(s.stoppedEarly()).isTrue();
    }
}
