package dev.ndesdiag.connector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Records, from the NDES server itself, what the connector's path to each Intune endpoint looks like:
 * DNS, TCP and a TLS handshake, directly or through the connector's proxy ({@code CONNECT}), all
 * endpoints in parallel under one deadline. The TLS step accepts any chain so that it can record
 * the chain the server was presented; judging it (Microsoft's, or a TLS-inspecting proxy's) is the
 * check's job. Nothing is sent after the handshake. The result is {@code commands/connector-endpoints.txt}, JSON:
 * <pre>{ "proxy": "http://proxy:8080" | null, "deadlineMs": 20000, "endpoints": [ { "host", "port", "via",
 *   "dns": {"outcome","addresses","error"}, "tcp": {...,"elapsedMs"}, "tls": {...,"protocol","chain":[base64 DER]} } ],
 *   "crls": [ {"url","outcome","httpStatus","error"} ] }</pre>
 * ({@code crls} only when the CRLs of the presented chains were fetched, with the outcomes of {@code network/fetches.json}).
 * Outcomes: {@code ok}, {@code dns}, {@code refused}, {@code timeout}, {@code proxy} (the proxy refused the tunnel),
 * {@code tls}, {@code error}, {@code not-run} (an earlier step failed).
 */
public final class EndpointProbe {

    /**
     * The endpoints the connector uses (Microsoft Learn: Network endpoints for Microsoft Intune, which
     * "also applies to the Microsoft Intune Certificate Connector"; Entra ID sign-in; and the Azure
     * update service of certificate-connector-prerequisites).
     */
    public static final List<Endpoint> INTUNE = List.of(new Endpoint("manage.microsoft.com", 443),
            new Endpoint("login.microsoftonline.com", 443), new Endpoint("autoupdate.msappproxy.net", 443));

    /**
     * One endpoint.
     *
     * @param host the host name
     * @param port the TCP port
     */
    public record Endpoint(String host, int port) {
    }

    /**
     * The endpoint of an https service address such as the connector's {@code BaseServiceAddress}.
     *
     * @param address the address as the registry holds it; never null
     * @return its host and port (443 when none is given); empty when it is not an absolute https URL
     */
    public static Optional<Endpoint> endpointOf(String address) {
        try {
            URI u = new URI(address.strip());
            if (u.getHost() == null || u.getScheme() == null || !u.getScheme().equalsIgnoreCase("https")) {
                return Optional.empty();
            }
            return Optional.of(new Endpoint(u.getHost().toLowerCase(java.util.Locale.ROOT), u.getPort() > 0 ? u.getPort() : 443));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** How long past the deadline the probe waits for a step that is timing out to report it. */
    static final long GRACE_MS = 750;

    private EndpointProbe() {
    }

    /**
     * Probes the endpoints.
     *
     * @param endpoints what to reach; never null
     * @param proxy the connector's proxy, when it has one
     * @param deadline one deadline for everything; never null
     * @return the JSON document; never null
     */
    public static byte[] probe(List<Endpoint> endpoints, Optional<URI> proxy, Duration deadline) {
        return probe(endpoints, proxy, deadline, Optional.empty());
    }

    /**
     * Probes the endpoints, then, within the same deadline, fetches the CRLs the presented chains
     * name: the http CRL distribution points of every certificate in them but a self-signed root,
     * each once, with the fetch options given (the server's own proxy rules, which certificate
     * revocation checking uses, not the connector's). Microsoft lists these CRL hosts
     * (crl3.digicert.com, crl4.digicert.com, www.microsoft.com) among those firewalls may need to allow
     * (Azure Certificate Authority details, "Certificate downloads and revocation lists"). Each result
     * is recorded under {@code "crls"}: {@code {"url","outcome","httpStatus","error"}}.
     *
     * @param endpoints what to reach; never null
     * @param proxy the connector's proxy, when it has one
     * @param deadline one deadline for everything; never null
     * @param crlFetch how to fetch the CRLs; empty to fetch none
     * @return the JSON document; never null
     */
    public static byte[] probe(List<Endpoint> endpoints, Optional<URI> proxy, Duration deadline,
            Optional<dev.ndesdiag.network.FetchOptions> crlFetch) {
        Instant end = Instant.now().plus(deadline);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, endpoints.size()), r -> {
            Thread t = new Thread(r, "ndes-diag-endpoint-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Endpoint e : endpoints) {
                futures.add(pool.submit(() -> one(e, proxy, end)));
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < endpoints.size(); i++) {
                try {
                    // the work itself stops at the deadline (socket timeouts); the wait allows a moment more to collect it
                    long left = Math.max(1, Duration.between(Instant.now(), end).toMillis() + GRACE_MS);
                    results.add(futures.get(i).get(left, TimeUnit.MILLISECONDS));
                } catch (TimeoutException ex) {
                    futures.get(i).cancel(true);
                    results.add(Result.timedOut(endpoints.get(i), proxy));
                } catch (Exception ex) {
                    results.add(Result.timedOut(endpoints.get(i), proxy));
                }
            }
            Optional<List<dev.ndesdiag.api.snapshot.NetworkFetch>> crls = crlFetch.map(o -> crls(results, o, end));
            return json(results, proxy, deadline, crls);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The most CRL URLs fetched; a chain names one or two per certificate. */
    static final int MAX_CRLS = 12;

    private static List<dev.ndesdiag.api.snapshot.NetworkFetch> crls(List<Result> results, dev.ndesdiag.network.FetchOptions options,
            Instant end) {
        List<X509Certificate> certs = new ArrayList<>();
        for (Result r : results) {
            for (byte[] der : r.chain()) {
                certificate(der).filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).ifPresent(certs::add);
            }
        }
        List<dev.ndesdiag.network.FetchRequest> requests = crlRequests(certs);
        if (requests.isEmpty()) {
            return List.of();
        }
        long left = Duration.between(Instant.now(), end).toMillis();
        if (left <= 0) {
            return requests.stream().map(q -> new dev.ndesdiag.api.snapshot.NetworkFetch(q.url(), q.purpose(),
                    dev.ndesdiag.api.snapshot.FetchOutcome.NOT_FETCHED, java.util.OptionalInt.empty(), java.util.OptionalLong.empty(),
                    Optional.empty(), Optional.empty(), Optional.of("the deadline had passed before the CRLs could be fetched"))).toList();
        }
        return new dev.ndesdiag.network.UrlFetcher(options.withDeadline(Duration.ofMillis(left))).fetchAll(requests);
    }

    /**
     * The http(s) CRL distribution points of the certificates, each once, at most {@link #MAX_CRLS}.
     *
     * @param certs the certificates; never null
     * @return the requests in order; never null
     */
    public static List<dev.ndesdiag.network.FetchRequest> crlRequests(List<X509Certificate> certs) {
        return dev.ndesdiag.network.CertificateUrls.of(certs).stream()
                .filter(q -> q.purpose().filter(dev.ndesdiag.api.snapshot.FetchPurpose.CRL::equals).isPresent())
                .filter(q -> q.url().regionMatches(true, 0, "http://", 0, 7) || q.url().regionMatches(true, 0, "https://", 0, 8))
                .limit(MAX_CRLS).toList();
    }

    private static Optional<X509Certificate> certificate(byte[] der) {
        try {
            return Optional.of((X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der)));
        } catch (java.security.cert.CertificateException e) {
            return Optional.empty();
        }
    }

    /** One step's outcome. */
    record Step(String outcome, long elapsedMs, String error) {
        static Step notRun() {
            return new Step("not-run", 0, null);
        }
    }

    record Result(Endpoint endpoint, String via, Step dns, List<String> addresses, Step tcp, Step tls, String protocol,
            List<byte[]> chain) {
        static Result timedOut(Endpoint e, Optional<URI> proxy) {
            Step t = new Step("timeout", 0, "the deadline passed before this endpoint's probe ended");
            return new Result(e, proxy.isPresent() ? "proxy" : "direct", t, List.of(), t, t, null, List.of());
        }
    }

    private static Result one(Endpoint e, Optional<URI> proxy, Instant end) {
        String via = proxy.isPresent() ? "proxy" : "direct";
        String dnsHost = proxy.map(URI::getHost).orElse(e.host());
        int tcpPort = proxy.map(p -> p.getPort() > 0 ? p.getPort() : 8080).orElse(e.port());
        long t0 = System.nanoTime();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(dnsHost);
        } catch (UnknownHostException ex) {
            return new Result(e, via, new Step("dns", ms(t0), "no such host: " + dnsHost), List.of(), Step.notRun(), Step.notRun(),
                    null, List.of());
        }
        Step dns = new Step("ok", ms(t0), null);
        List<String> printed = java.util.Arrays.stream(addresses).map(InetAddress::getHostAddress).toList();
        long t1 = System.nanoTime();
        Socket socket = new Socket();
        try {
            int left = (int) Math.max(1, Duration.between(Instant.now(), end).toMillis());
            socket.connect(new InetSocketAddress(addresses[0], tcpPort), left);
            socket.setSoTimeout((int) Math.max(1, Duration.between(Instant.now(), end).toMillis()));
        } catch (IOException ex) {
            close(socket);
            return new Result(e, via, dns, printed, new Step(outcome(ex), ms(t1), ex.getMessage()), Step.notRun(), null, List.of());
        }
        Step tcp = new Step("ok", ms(t1), null);
        long t2 = System.nanoTime();
        try {
            if (proxy.isPresent()) {
                String refused = connect(socket, e);
                if (refused != null) {
                    close(socket);
                    return new Result(e, via, dns, printed, tcp, new Step("proxy", ms(t2), refused), null, List.of());
                }
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new Recording()}, null);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket, e.host(), e.port(), true)) {
                tls.startHandshake();
                List<byte[]> chain = new ArrayList<>();
                for (Certificate c : tls.getSession().getPeerCertificates()) {
                    chain.add(c.getEncoded());
                }
                return new Result(e, via, dns, printed, tcp, new Step("ok", ms(t2), null), tls.getSession().getProtocol(), chain);
            }
        } catch (IOException | GeneralSecurityException ex) {
            close(socket);
            String o = ex instanceof SocketTimeoutException ? "timeout" : "tls";
            return new Result(e, via, dns, printed, tcp, new Step(o, ms(t2), ex.getClass().getSimpleName() + ": " + ex.getMessage()),
                    null, List.of());
        }
    }

    /** Asks the proxy for a tunnel; returns null when it answered 200, else its status line. */
    private static String connect(Socket socket, Endpoint e) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("CONNECT " + e.host() + ":" + e.port() + " HTTP/1.1\r\nHost: " + e.host() + ":" + e.port()
                + "\r\nUser-Agent: ndes-diag/endpoint-probe\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && head.size() < 8192) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String status = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
        return status.matches("HTTP/1\\.[01] 200.*") ? null : (status.isEmpty() ? "the proxy closed the connection" : status);
    }

    private static String outcome(IOException ex) {
        if (ex instanceof SocketTimeoutException) {
            return "timeout";
        }
        return ex instanceof ConnectException ? "refused" : "error";
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Accepts the presented chain so that it can be recorded; the check judges it. */
    private static final class Recording implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // recorded, judged later
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static byte[] json(List<Result> results, Optional<URI> proxy, Duration deadline,
            Optional<List<dev.ndesdiag.api.snapshot.NetworkFetch>> crls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            if (proxy.isPresent()) {
                g.writeStringField("proxy", proxy.get().toString());
            } else {
                g.writeNullField("proxy");
            }
            g.writeNumberField("deadlineMs", deadline.toMillis());
            g.writeArrayFieldStart("endpoints");
            for (Result r : results) {
                g.writeStartObject();
                g.writeStringField("host", r.endpoint().host());
                g.writeNumberField("port", r.endpoint().port());
                g.writeStringField("via", r.via());
                step(g, "dns", r.dns());
                g.writeArrayFieldStart("addresses");
                for (String a : r.addresses()) {
                    g.writeString(a);
                }
                g.writeEndArray();
                step(g, "tcp", r.tcp());
                g.writeObjectFieldStart("tls");
                g.writeStringField("outcome", r.tls().outcome());
                g.writeNumberField("elapsedMs", r.tls().elapsedMs());
                g.writeStringField("error", r.tls().error());
                g.writeStringField("protocol", r.protocol());
                g.writeArrayFieldStart("chain");
                for (byte[] c : r.chain()) {
                    g.writeString(Base64.getEncoder().encodeToString(c));
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (crls.isPresent()) {
                g.writeArrayFieldStart("crls");
                for (dev.ndesdiag.api.snapshot.NetworkFetch f : crls.get()) {
                    g.writeStartObject();
                    g.writeStringField("url", f.url());
                    g.writeStringField("outcome", f.outcome().wireName());
                    if (f.httpStatus().isPresent()) {
                        g.writeNumberField("httpStatus", f.httpStatus().getAsInt());
                    } else {
                        g.writeNullField("httpStatus");
                    }
                    g.writeStringField("error", f.error().orElse(null));
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static void step(JsonGenerator g, String name, Step s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("outcome", s.outcome());
        g.writeNumberField("elapsedMs", s.elapsedMs());
        g.writeStringField("error", s.error());
        g.writeEndObject();
    }
}
