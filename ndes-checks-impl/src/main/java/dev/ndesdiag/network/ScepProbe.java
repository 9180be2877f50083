package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Asks a SCEP URL what a device would: the bare {@code mscep.dll} (403 is healthy), GetCACaps,
 * GetCACert, and a PKIOperation-sized GET (about 30 KB of query string, as a real device sends),
 * plus, for https, the certificate chain the server presents. All in parallel under one deadline.
 * The requests accept any TLS chain, so an answer is recorded even when the TLS certificate comes
 * from a CA this machine does not trust; {@link #probe(URI, TrustAnchors, java.time.Instant)}
 * judges the chain separately.
 * The answers are the same {@link ProbeResponse} facts a bundle's {@code endpoint/probe.json}
 * holds, so the endpoint checks judge both alike.
 */
public final class ScepProbe {

    /** Length of the query string of the long request: a real PKIOperation GET is about this size. */
    public static final int LONG_QUERY = 30_000;

    private final FetchOptions options;

    /**
     * Creates a probe.
     *
     * @param options deadline, response cap, proxy; never null
     */
    public ScepProbe(FetchOptions options) {
        this.options = options;
    }

    /**
     * Probes a SCEP URL.
     *
     * @param mscepUrl such as {@code https://ndes01.contoso.com/certsrv/mscep/mscep.dll}; never null
     * @return the responses: bare URL, GetCACaps, GetCACert, long request, in that order; never null
     */
    public List<ProbeResponse> probe(URI mscepUrl) {
        String base = mscepUrl.toString().replaceFirst("[?#].*$", "");
        List<String> urls = List.of(base, base + "?operation=GetCACaps&message=ndes-diag",
                base + "?operation=GetCACert&message=ndes-diag",
                base + "?operation=PKIOperation&message=" + "A".repeat(LONG_QUERY));
        long deadline = System.nanoTime() + options.deadline().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(urls.size() + 1, r -> {
            Thread t = new Thread(r, "ndes-diag-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpFetcher http = HttpFetcher.acceptingAnyChain(options);
            List<Future<HttpFetcher.Exchange>> futures = new ArrayList<>();
            for (String url : urls) {
                futures.add(pool.submit(() -> http.get(url, remaining(deadline))));
            }
            Future<List<X509Certificate>> chain = pool.submit(tlsChain(mscepUrl, deadline));
            List<X509Certificate> presented = await(chain, deadline).orElse(List.of());
            List<ProbeResponse> responses = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                Optional<HttpFetcher.Exchange> x = await(futures.get(i), deadline);
                responses.add(response(urls.get(i), x, i == 0 ? presented : List.of()));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What a probe saw and whether the server's chain is trusted.
     *
     * @param responses bare URL, GetCACaps, GetCACert, long request, in that order; never null
     * @param trust the chain judged against the anchors; empty for http or when no chain was presented
     */
    public record Result(List<ProbeResponse> responses, Optional<TrustVerdict> trust) {
        /** Copies the list. */
        public Result {
            responses = List.copyOf(responses);
            java.util.Objects.requireNonNull(trust, "trust");
        }
    }

    /**
     * Probes a SCEP URL and judges the TLS chain it presents against the given anchors. The HTTP
     * answers are recorded whatever the chain.
     *
     * @param mscepUrl the mscep.dll URL; never null
     * @param anchors what the chain is judged against; never null
     * @param at the time to judge the chain at; never null
     * @return the responses and the verdict; never null
     */
    public Result probe(URI mscepUrl, TrustAnchors anchors, java.time.Instant at) {
        List<ProbeResponse> responses = probe(mscepUrl);
        List<X509Certificate> chain = responses.isEmpty() ? List.of() : responses.get(0).tlsChain();
        Optional<TrustVerdict> verdict = chain.isEmpty() ? Optional.empty() : Optional.of(anchors.judge(chain, at));
        return new Result(responses, verdict);
    }

    private ProbeResponse response(String url, Optional<HttpFetcher.Exchange> x, List<X509Certificate> chain) {
        if (x.isEmpty()) {
            return new ProbeResponse(url, OptionalInt.empty(), Optional.empty(), OptionalLong.of(options.deadline().toMillis()),
                    Optional.empty(), Optional.empty(), Optional.of("timeout: no answer within the deadline"), chain);
        }
        HttpFetcher.Exchange e = x.get();
        Optional<String> error = e.failureOutcome().map(o -> o.wireName() + ": " + e.error().orElse(""));
        return new ProbeResponse(url, e.status(), e.contentType(), OptionalLong.of(e.elapsedMs()), Optional.empty(),
                e.body().map(Blob::of), error, chain);
    }

    /** Reads the chain an https server presents, trusting nothing and sending nothing. */
    private Callable<List<X509Certificate>> tlsChain(URI url, long deadline) {
        return () -> {
            if (!"https".equalsIgnoreCase(url.getScheme())) {
                return List.of();
            }
            List<X509Certificate> seen = new ArrayList<>();
            SSLContext ctx = ProbeTls.recording(seen::addAll);
            int port = url.getPort() > 0 ? url.getPort() : 443;
            try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                int timeout = (int) Math.max(remaining(deadline), 1);
                socket.connect(new InetSocketAddress(url.getHost(), port), timeout);
                socket.setSoTimeout(timeout);
                javax.net.ssl.SSLParameters params = socket.getSSLParameters();
                params.setServerNames(List.of(new javax.net.ssl.SNIHostName(url.getHost())));
                socket.setSSLParameters(params);
                socket.startHandshake();
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : socket.getSession().getPeerCertificates()) {
                    chain.add((X509Certificate) c);
                }
                return chain;
            } catch (IllegalArgumentException e) {
                return List.of();
            } catch (java.io.IOException e) {
                return seen;
            }
        };
    }

    private static <T> Optional<T> await(Future<T> future, long deadline) {
        try {
            return Optional.ofNullable(future.get(remaining(deadline) + 250, TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            future.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
