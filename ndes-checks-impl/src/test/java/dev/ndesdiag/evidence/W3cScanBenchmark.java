package dev.ndesdiag.evidence;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Benchmark (run by bench/w3c-scan.sh, not a test): one-thread scan throughput of {@link W3cLogReader}
 * over a generated IIS log of a given size, and the peak heap of the JVM while scanning. Each run
 * counts the mscep.dll requests by status code, as the iis-scep-requests check will.
 *
 * <p>Usage: {@code W3cScanBenchmark FILE SIZE_MB [runs]}: writes FILE if it is not SIZE_MB already.
 */
public final class W3cScanBenchmark {

    private W3cScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long size = Long.parseLong(args[1]) * 1024 * 1024;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(file) || Files.size(file) < size) {
            generate(file, size);
        }
        long bytes = Files.size(file);
        double best = 0;
        long peak = 0;
        long entries = 0;
        long failing = 0;
        for (int r = 0; r < runs; r++) {
            HeapProbe.reset();
            long[] counts = new long[2];
            long t0 = System.nanoTime();
            ReadSummary s;
            try (InputStream in = Files.newInputStream(file)) {
                s = W3cLogReader.create().read(in, e -> {
                    if (e.uriStem().filter(u -> u.startsWith("/certsrv/mscep/mscep.dll")).isPresent()) {
                        counts[0]++;
                        if (e.status().orElse(0) >= 500) {
                            counts[1]++;
                        }
                    }
                    return true;
                });
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, bytes / 1048576.0 / seconds);
            peak = Math.max(peak, HeapProbe.peakBytes());
            entries = s.entries();
            failing = counts[1];
        }
        System.out.printf(Locale.ROOT, "w3c-scan size=%dMB entries=%d mscep5xx=%d best=%.0fMB/s peakHeap=%.1fMB maxHeap=%.0fMB%n",
                bytes / 1048576, entries, failing, best, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    /** A log like a busy NDES server's: a directive block every 50,000 lines, SCEP requests, some failing. */
    private static void generate(Path file, long size) throws IOException {
        String header = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-11-20 00:00:00\r\n"
                + "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) "
                + "sc-status sc-substatus sc-win32-status time-taken\r\n";
        String[] lines = {
            "2026-11-20 %02d:%02d:%02d 10.0.0.5 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=GetCACaps&message=default 443 - "
                    + "10.1.%d.%d Mozilla/4.0+(compatible;+Win32;+NDES+client) - 200 0 0 15\r\n",
            "2026-11-20 %02d:%02d:%02d 10.0.0.5 GET /certsrv/mscep/mscep.dll/pkiclient.exe operation=PKIOperation&message=MIIH"
                    + "%%2BwpgYJKoZIhvcNAQcCoIIHmzCCB5cCAQExDzANBglghkgBZQMEAgEFADCCA2MGCSqGSIb3DQEHAaCCA1QEggNQMIIDTAYJKoZIhvcNAQcDoIID"
                    + " 443 - 10.1.%d.%d Dalvik/2.1.0+(Linux;+U;+Android+14) - 500 0 1346 31\r\n",
            "2026-11-20 %02d:%02d:%02d 10.0.0.5 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.0.0.5 "
                    + "NDES_Plugin - 201 0 0 140\r\n",
            "2026-11-20 %02d:%02d:%02d fe80::f53d:89b8:c3e8:5fec%%13 GET /certsrv/mscep/mscep.dll - 80 - fe80::1%%13 "
                    + "ndes-diag/0.1.0 - 403 0 0 2\r\n",
        };
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            long written = 0;
            long n = 0;
            while (written < size) {
                String line = n % 50_000 == 0 ? header : String.format(Locale.ROOT, lines[(int) (n % lines.length)],
                        (n / 3600) % 24, (n / 60) % 60, n % 60, (n / 250) % 250, n % 250);
                byte[] b = line.getBytes(StandardCharsets.US_ASCII);
                out.write(b);
                written += b.length;
                n++;
            }
        }
    }
}
