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
 * A 2 GB log read by a JVM limited to 64 MB of heap: the file is sparse (a W3C block at its start,
 * two request lines at its end, zeros between), so the reader must stream it, read the zeros as one
 * over-long line without keeping it, and still find the lines after it.
 */
class LargeLogTest {

    private static final long SIZE = 2L * 1024 * 1024 * 1024;

    @Test
    void twoGigabyteSparseLogIsReadInSixtyFourMegabytesOfHeap() throws Exception {
        Path dir = Path.of("target", "large-log-test");
        Files.createDirectories(dir);
        Path log = dir.resolve("u_ex261120.log");
        try {
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
                f.write(("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                        + "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
                        + "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n"
                        + "2026-11-20 08:00:00 10.0.0.5 GET /certsrv/mscep/mscep.dll - 443 - 10.1.2.3 - - 403 0 0 5\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] tail = ("\r\n2026-11-20 09:00:00 10.0.0.5 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation 443 - "
                        + "10.1.2.3 - - 500 0 1346 15\r\n"
                        + "2026-11-20 09:00:01 10.0.0.5 GET /certsrv/mscep/mscep.dll - 443 - 10.1.2.3 - - 503 0 0 1\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                f.setLength(SIZE);
                f.seek(SIZE - tail.length);
                f.write(tail);
            }
            assertThat(Files.size(log)).isEqualTo(SIZE);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    LargeLogMain.class.getName(), log.toString())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("entries=3 ", "skipped=1 ", "tooLong=1 ", "codes=403.0.0,500.0.1346,503.0.0");
            long peak = Long.parseLong(out.replaceAll("(?s).*peakHeap=(\\d+).*", "$1"));
            assertThat(peak).isLessThan(64L * 1024 * 1024);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
