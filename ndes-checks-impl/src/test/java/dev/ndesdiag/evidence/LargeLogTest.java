package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Logs far larger than the heap, read by a JVM limited to 64 MB: each file is sparse (real-format text
 * at its start and its end, zeros between), so a reader must stream it, read the zeros as one over-long
 * line or record without keeping it, and still find what comes after. The IIS W3C log is 2 GB; the other
 * formats, whose readers decode characters, 256 MB (four times the heap), which keeps the test short.
 */
class LargeLogTest {

    private static final long TWO_GB = 2L * 1024 * 1024 * 1024;
    private static final long QUARTER_GB = 256L * 1024 * 1024;
    private static final String BOM = "\uFEFF";

    @Test
    void twoGigabyteSparseLogIsReadInSixtyFourMegabytesOfHeap() throws Exception {
        String head = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                + "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
                + "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n"
                + "2026-11-20 08:00:00 10.0.0.5 GET /certsrv/mscep/mscep.dll - 443 - 10.1.2.3 - - 403 0 0 5\r\n";
        String tail = "\r\n2026-11-20 09:00:00 10.0.0.5 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation 443 - "
                + "10.1.2.3 - - 500 0 1346 15\r\n"
                + "2026-11-20 09:00:01 10.0.0.5 GET /certsrv/mscep/mscep.dll - 443 - 10.1.2.3 - - 503 0 0 1\r\n";

        String out = readInSmallHeap("w3c", "u_ex261120.log", TWO_GB, head, tail);

        assertThat(out).contains("entries=3 ", "skipped=1 ", "tooLong=1 ", "codes=403.0.0,500.0.1346,503.0.0");
    }

    @Test
    void sparseHttpErrLogFourTimesTheHeapIsStreamed() throws Exception {
        String line = "2026-11-20 10:00:01 10.1.2.3 50123 10.0.0.5 443 HTTP/1.1 GET /certsrv/mscep/mscep.dll - 503 1 %s SCEP\r\n";
        String head = "#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: 2026-11-20 10:00:00\r\n"
                + "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename\r\n";

        readWithALineOfZeros("httperr", "httperr1.log", head, line, "Disabled", "AppOffline");
    }

    @Test
    void sparseCmTraceLogFourTimesTheHeapIsStreamed() throws Exception {
        String record = "<![LOG[%s]LOG]!><time=\"10:19:13.567+240\" date=\"11-20-2026\" component=\"NDESPlugin\" context=\"\" "
                + "type=\"1\" thread=\"77\" file=\"\">\r\n";

        readWithALineOfZeros("cmtrace", "NDESPlugin.log", BOM, record, "Calling VerifyRequest ...", "Exiting VerifyRequest with 0x0");
    }

    @Test
    void sparsePlainTextLogFourTimesTheHeapIsStreamed() throws Exception {
        readWithALineOfZeros("text", "certocm.log", BOM, "%s\r\n", "CertSrv Setup: first line", "last line");
    }

    /** A line-based log whose zeros are one line far over the bound, between its first and its last entry. */
    private static void readWithALineOfZeros(String format, String name, String head, String line, String first, String last)
            throws IOException, InterruptedException {
        String out = readInSmallHeap(format, name, QUARTER_GB, head + String.format(line, first), "\r\n" + String.format(line, last));

        assertThat(out).contains("entries=2 ", "tooLong=1 ", "first=" + first + " ", "last=" + last + " ");
    }

    @Test
    void sparseEventExportFourTimesTheHeapIsStreamed() throws Exception {
        String event = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-WAS'/>"
                + "<EventID Qualifiers='49152'>%s</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-20T08:05:00.000Z'/>"
                + "<Computer>NDES01</Computer><Security/></System><EventData><Data>SCEP</Data></EventData></Event>";

        readWithAnElementOpenAcrossTheZeros("eventxml", "System.xml", event, "5002", "5009",
                "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>");
    }

    @Test
    void sparseSvclogFourTimesTheHeapIsStreamed() throws Exception {
        String event = "<E2ETraceEvent xmlns=\"http://schemas.microsoft.com/2004/06/E2ETraceEvent\"><System xmlns=\"http://schemas.microsoft.com/2004/06/windows/eventlog/system\">"
                + "<EventID>0</EventID><Type>3</Type><SubType Name=\"Information\">0</SubType><TimeCreated SystemTime=\"2018-01-30T10:52:36.5587781Z\" />"
                + "<Source Name=\"CertificateRegistrationPoint\" /><Computer>NDES01</Computer></System><ApplicationData>%s</ApplicationData></E2ETraceEvent>";

        readWithAnElementOpenAcrossTheZeros("svclog", "CertificateRegistrationPoint.svclog", event,
                "Validation Phase 1 finished with status True.", "VerifyRequest Finished with status True", "<E2ETraceEvent>");
    }

    /**
     * An XML export whose zeros are inside an element that never closes (the file was cut while it was being
     * written, then grew): the fragment must stop growing at its bound, and the element after it is still read.
     */
    private static void readWithAnElementOpenAcrossTheZeros(String format, String name, String element, String first, String last,
            String open) throws IOException, InterruptedException {
        String out = readInSmallHeap(format, name, QUARTER_GB, BOM + String.format(element, first) + "\r\n" + open,
                "\r\n" + String.format(element, last) + "\r\n");

        assertThat(out).contains("entries=2 ", "UNTERMINATED_RECORD=1", "first=" + first + " ", "last=" + last + " ");
    }

    /**
     * Writes a sparse file of the given size (head at the start, tail at the end, zeros between), reads it with
     * {@link LargeLogMain} in a JVM limited to {@code -Xmx64m}, and returns what it printed; the child must exit 0
     * (an OutOfMemoryError exits 1) and its peak heap stay below the limit.
     */
    private static String readInSmallHeap(String format, String name, long size, String head, String tail) throws IOException,
            InterruptedException {
        Path dir = Path.of("target", "large-log-test");
        Files.createDirectories(dir);
        Path log = dir.resolve(name);
        try {
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
                f.setLength(0);
                f.write(head.getBytes(StandardCharsets.UTF_8));
                byte[] t = tail.getBytes(StandardCharsets.UTF_8);
                f.setLength(size);
                f.seek(size - t.length);
                f.write(t);
            }
            assertThat(Files.size(log)).isEqualTo(size);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    LargeLogMain.class.getName(), format, log.toString())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

            assertThat(p.exitValue()).as(out).isZero();
            long peak = Long.parseLong(out.replaceAll("(?s).*peakHeap=(\\d+).*", "$1"));
            assertThat(peak).as(out).isLessThan(64L * 1024 * 1024);
            System.out.println("LargeLogTest " + format + " " + size / 1048576 + " MB: " + out);
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
