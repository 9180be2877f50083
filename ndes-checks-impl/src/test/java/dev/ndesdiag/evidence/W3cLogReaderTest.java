package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * IIS W3C logs as IIS writes them (format: "W3C Extended Log File Format" directives; IIS lines from
 * https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes,
 * with the date and time columns the article leaves out; written from the documented format, not a capture).
 */
class W3cLogReaderTest {

    private static final String HEADER_1 = "#Software: Microsoft Internet Information Services 10.0\r\n"
            + "#Version: 1.0\r\n"
            + "#Date: 2026-11-20 08:00:00\r\n"
            + "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n";
    private static final String GETCACAPS = "2026-11-20 08:01:02 fe80::f53d:89b8:c3e8:5fec%13 GET /certsrv/mscep/mscep.dll/pkiclient.exe "
            + "operation=GetCACaps&message=default 80 - fe80::f53d:89b8:c3e8:5fec%13 Mozilla/4.0+(compatible;+Win32;+NDES+client) - 200 0 0 186\r\n";
    private static final String FAILING = "2026-11-20 08:02:03 10.0.0.5 GET /certsrv/mscep/mscep.dll/pkiclient.exe "
            + "operation=PKIOperation&message=MIIH%2Bwp 443 - 10.1.2.3 Dalvik/2.1.0+(Linux;+U;+Android+14) - 500 0 1346 15\r\n";
    /** After a restart IIS writes the block again; here the administrator added sc-bytes and removed cs(Referer). */
    private static final String HEADER_2 = "#Software: Microsoft Internet Information Services 10.0\r\n"
            + "#Version: 1.0\r\n"
            + "#Date: 2026-11-20 09:00:00\r\n"
            + "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status sc-bytes time-taken\r\n";
    private static final String VERIFY = "2026-11-20 09:00:05 10.0.0.5 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.0.0.5 "
            + "NDES_Plugin 403 16 2148204809 1234 31\r\n";

    @Test
    void repeatedDirectiveBlockWithChangedFieldsReadsEachLineWithItsOwnLayout() throws Exception {
        Read<W3cEntry> r = Read.of(W3cLogReader.create(), HEADER_1 + GETCACAPS + FAILING + HEADER_2 + VERIFY);

        assertThat(r.entries()).hasSize(3);
        assertThat(r.summary().skippedTotal()).isZero();
        W3cEntry verify = r.entries().get(2);
        assertThat(verify.fields().names()).contains("sc-bytes").doesNotContain("cs(Referer)");
        assertThat(verify.field("sc-bytes")).contains("1234");
        assertThat(verify.field("cs(Referer)")).isEmpty();
        assertThat(verify.userAgent()).contains("NDES_Plugin");
        assertThat(r.entries().get(0).field("cs(Referer)")).isEmpty(); // logged as -
        assertThat(r.entries().get(0).fields()).isEqualTo(r.entries().get(1).fields());
    }

    @Test
    void ipv6AddressesKeepTheirZoneId() throws Exception {
        W3cEntry e = Read.of(W3cLogReader.create(), HEADER_1 + GETCACAPS).entries().get(0);

        assertThat(e.clientIp()).hasValueSatisfying(ip -> {
            assertThat(ip.zone()).contains("13");
            assertThat(ip.address().getHostAddress()).isEqualTo("fe80:0:0:0:f53d:89b8:c3e8:5fec");
            assertThat(ip.toString()).endsWith("%13");
        });
        assertThat(e.serverIp()).isEqualTo(e.clientIp());
    }

    @Test
    void win32StatusAboveTwoToThe31IsReadUnsignedAsIisWritesIt() throws Exception {
        W3cEntry e = Read.of(W3cLogReader.create(), HEADER_2 + VERIFY).entries().get(0);

        assertThat(e.win32Status()).hasValue(2148204809L);
        assertThat(Long.toHexString(e.win32Status().getAsLong())).isEqualTo("800b0109");
        assertThat(e.statusCode()).contains("403.16.2148204809");
    }

    @Test
    void failingMscepRequestGivesTheCodeExplainTakes() throws Exception {
        W3cEntry e = Read.of(W3cLogReader.create(), HEADER_1 + FAILING).entries().get(0);

        assertThat(e.statusCode()).contains("500.0.1346");
        assertThat(e.method()).contains("GET");
        assertThat(e.uriStem()).contains("/certsrv/mscep/mscep.dll/pkiclient.exe");
        assertThat(e.scepOperation()).contains("PKIOperation");
        assertThat(e.queryParameters()).containsEntry("message", "MIIH+wp"); // %2B decoded, as base64 needs
        assertThat(e.userAgent()).contains("Dalvik/2.1.0 (Linux; U; Android 14)");
        assertThat(e.serverPort()).hasValue(443);
        assertThat(e.timeTakenMillis()).hasValue(15);
    }

    /**
     * IIS logs the path with its %XX escapes (a space in a virtual directory name is %20) and writes a space inside
     * any field as +: the path is percent-decoded with a + kept (it may be a literal plus), the query form-decoded.
     */
    @Test
    void escapedPathIsDecodedKeepingItsPlusAndTheQueryIsFormDecoded() throws Exception {
        String line = "2026-11-20 08:04:00 10.0.0.5 GET /certsrv/mscep%20admin/a+b%2Fc.dll operation=GetCACert&message=SCEP%20Authority "
                + "443 CONTOSO%5Cndes-svc 10.1.2.3 - - 200 0 0 3\r\n";
        W3cEntry e = Read.of(W3cLogReader.create(), HEADER_1 + line).entries().get(0);

        assertThat(e.uriStem()).contains("/certsrv/mscep admin/a+b/c.dll");
        assertThat(e.field("cs-uri-stem")).contains("/certsrv/mscep%20admin/a+b%2Fc.dll");
        assertThat(e.queryParameters()).containsEntry("message", "SCEP Authority").containsEntry("operation", "GetCACert");
        assertThat(e.scepOperation()).contains("GetCACert");
        assertThat(e.userName()).contains("CONTOSO\\ndes-svc");
    }

    @Test
    void timesAreUtcAsIisWritesThem() throws Exception {
        W3cEntry e = Read.of(W3cLogReader.create(), HEADER_1 + GETCACAPS).entries().get(0);

        assertThat(e.time()).contains(Instant.parse("2026-11-20T08:01:02Z"));
    }

    @Test
    void lineWithAnotherWidthThanItsFieldsIsSkippedAndCounted() throws Exception {
        String broken = "2026-11-20 08:03:00 10.0.0.5 GET /certsrv/mscep/mscep.dll - 443\r\n";
        Read<W3cEntry> r = Read.of(W3cLogReader.create(), HEADER_1 + GETCACAPS + broken + FAILING);

        assertThat(r.entries()).hasSize(2);
        assertThat(r.summary().skipped(SkipReason.FIELD_COUNT)).isEqualTo(1);
        assertThat(r.summary().firstSkippedLines()).containsExactly(6L);
        assertThat(r.summary().describeSkipped()).contains("1 skipped").contains("line 6");
    }

    @Test
    void unreadableDateIsSkippedAndCounted() throws Exception {
        String badDate = GETCACAPS.replace("2026-11-20", "2026-13-40");
        Read<W3cEntry> r = Read.of(W3cLogReader.create(), HEADER_1 + badDate + FAILING);

        assertThat(r.entries()).hasSize(1);
        assertThat(r.summary().skipped(SkipReason.BAD_TIME)).isEqualTo(1);
    }

    @Test
    void fileThatEndsMidLineSaysSoAndSkipsTheCutLine() throws Exception {
        String cut = FAILING.substring(0, 60);
        Read<W3cEntry> r = Read.of(W3cLogReader.create(), HEADER_1 + GETCACAPS + cut);

        assertThat(r.entries()).hasSize(1);
        assertThat(r.summary().endedMidLine()).isTrue();
        assertThat(r.summary().skipped(SkipReason.FIELD_COUNT)).isEqualTo(1);
    }

    @Test
    void tailWithoutDirectivesIsReadWithTheIisDefaultFieldsWhenTheWidthMatches() throws Exception {
        // the collector copies the tail of a large log: it starts mid-line and has no #Fields block
        String tail = GETCACAPS.substring(40) + FAILING.replace("\r\n", "\n");
        Read<W3cEntry> r = Read.of(W3cLogReader.create(), tail);

        assertThat(r.entries()).hasSize(1);
        assertThat(r.entries().get(0).statusCode()).contains("500.0.1346");
        assertThat(r.entries().get(0).fields()).isEqualTo(W3cFields.IIS_DEFAULT);
        assertThat(r.summary().skipped(SkipReason.NO_FIELDS_DIRECTIVE)).isEqualTo(1);
    }

    @Test
    void lineLongerThanTheBoundIsSkippedWithoutKeepingIt() throws Exception {
        String huge = "2026-11-20 08:03:00 " + "x".repeat(10_000) + "\r\n";
        Read<W3cEntry> r = Read.of(W3cLogReader.withMaxLine(1000), HEADER_1 + huge + FAILING);

        assertThat(r.entries()).hasSize(1);
        assertThat(r.summary().skipped(SkipReason.LINE_TOO_LONG)).isEqualTo(1);
        assertThat(r.summary().lines()).isEqualTo(6);
    }

    @Test
    void sinkThatReturnsFalseStopsTheRead() throws Exception {
        java.util.List<W3cEntry> seen = new java.util.ArrayList<>();
        ReadSummary s = W3cLogReader.create().read(new java.io.ByteArrayInputStream(
                (HEADER_1 + GETCACAPS + FAILING).getBytes(java.nio.charset.StandardCharsets.US_ASCII)), e -> {
                    seen.add(e);
                    return false;
                });

        assertThat(seen).hasSize(1);
        assertThat(s.stoppedEarly()).isTrue();
    }

    @Test
    void bareLineFeedsReadLikeCrlf() throws Exception {
        Read<W3cEntry> crlf = Read.of(W3cLogReader.create(), HEADER_1 + GETCACAPS + FAILING);
        Read<W3cEntry> lf = Read.of(W3cLogReader.create(), (HEADER_1 + GETCACAPS + FAILING).replace("\r\n", "\n"));

        assertThat(lf.entries()).isEqualTo(crlf.entries());
    }

    @Test
    void logCopiedAsUtf16ReadsLikeTheAsciiOriginal() throws Exception {
        String text = HEADER_1 + GETCACAPS + FAILING;
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);

        assertThat(Read.of(W3cLogReader.create(), withBom).entries()).isEqualTo(Read.of(W3cLogReader.create(), text).entries());
    }
}
