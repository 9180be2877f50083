package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.FetchPurpose;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (run by bench/dead-urls.sh, not a test): wall time of fetching 1 and 10 URLs that
 * never answer, under one deadline. The ratio should stay near 1: dead URLs cost one deadline.
 */
public final class DeadUrlBenchmark {

    private DeadUrlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration deadline = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 2000);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            UrlFetcher fetcher = new UrlFetcher(FetchOptions.defaults().withDeadline(deadline));
            long one = Long.MAX_VALUE;
            long ten = Long.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                one = Math.min(one, time(fetcher, silent.getLocalPort(), 1));
                ten = Math.min(ten, time(fetcher, silent.getLocalPort(), 10));
            }
            System.out.printf("deadline %d ms; best of %d rounds: 1 dead URL %d ms, 10 dead URLs %d ms, ratio %.2f%n",
                    deadline.toMillis(), rounds, one, ten, (double) ten / one);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static long time(UrlFetcher fetcher, int port, int n) {
        List<FetchRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(FetchRequest.of("http://127.0.0.1:" + port + "/dead" + i + ".crl", FetchPurpose.CRL));
        }
        long start = System.nanoTime();
        fetcher.fetchAll(requests);
        return (System.nanoTime() - start) / 1_000_000;
    }
}
