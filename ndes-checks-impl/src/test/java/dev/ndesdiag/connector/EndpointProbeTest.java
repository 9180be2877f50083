package dev.ndesdiag.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.checks.connector.ConnectorEndpointsCheck;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import com.sun.net.httpserver.HttpServer;
import dev.ndesdiag.network.FetchOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's DNS, TCP and TLS probe of the connector's endpoints, against real servers on
 * 127.0.0.1 started here: a TLS server whose chain ends at a private CA stands in for a
 * TLS-inspecting proxy; a CONNECT proxy stands in for the connector's proxy.
 */
class EndpointProbeTest {

    private static final Instant NOW = Instant.now();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    /** A TLS server presenting leaf + intermediate under a root of the given name; returns its port. */
    private int tlsServer(String rootName) throws Exception {
        return tlsServer(rootName, List.of());
    }

    /** The same, the intermediate naming these CRL distribution points. */
    private int tlsServer(String rootName, List<String> issuingCdps) throws Exception {
        TestPki.Issued root = TestPki.root("CN=" + rootName, NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(3000)));
        TestPki.Issued issuing = TestPki.intermediate("CN=Issuing under " + rootName, root, NOW.minus(Duration.ofDays(300)),
                NOW.plus(Duration.ofDays(1000)), issuingCdps);
        TestPki.Issued tls = TestPki.tls("CN=manage.microsoft.com", issuing, NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(300)), List.of("manage.microsoft.com", "localhost"), TestPki.SERVER_AUTH);
        lastRoot = root;
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("tls", tls.keys().getPrivate(), "x".toCharArray(), new Certificate[] {tls.certificate(), issuing.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the probe closes after the handshake
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private TestPki.Issued lastRoot;

    /** A CONNECT proxy that tunnels to 127.0.0.1, or answers the given status instead. */
    private int proxy(String refuse) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    new Thread(() -> tunnel(client, refuse)).start();
                } catch (IOException ignored) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private static void tunnel(Socket client, String refuse) {
        try (client) {
            InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            OutputStream out = client.getOutputStream();
            if (refuse != null) {
                out.write(("HTTP/1.1 " + refuse + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String target = head.toString().split(" ")[1];
            int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread up = new Thread(() -> pipe(in, upstream));
                up.setDaemon(true);
                up.start();
                upstream.getInputStream().transferTo(out);
            }
        } catch (IOException ignored) {
            // tunnel closed
        }
    }

    private static void pipe(InputStream in, Socket upstream) {
        try {
            in.transferTo(upstream.getOutputStream());
        } catch (IOException ignored) {
            // closed
        }
    }

    private CheckOutcome judge(byte[] report) {
        return Analysis.outcome(BundleBuilder.in(dir).bytes("commands/connector-endpoints.txt", report).dir(),
                new ConnectorEndpointsCheck());
    }

    private static Finding only(CheckOutcome o) {
        assertThat(o.result().findings()).hasSize(1);
        return o.result().findings().get(0);
    }

    @Test
    void aChainEndingAtAPrivateCaIsTlsInspection() throws Exception {
        int port = tlsServer("Contoso Inspection Root");
        byte[] report = EndpointProbe.probe(List.of(new EndpointProbe.Endpoint("localhost", port)), Optional.empty(), Duration.ofSeconds(10));
        CheckOutcome o = judge(report);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = only(o);
        assertThat(f.code()).isEqualTo("ENDPOINT_TLS_INSPECTED");
        assertThat(f.evidence()).containsEntry("anchor", "Contoso Inspection Root");
        assertThat((String) f.evidence().get("chain")).isEqualTo("manage.microsoft.com <- Issuing under Contoso Inspection Root");
    }

    @Test
    void aChainEndingAtMicrosoftsRootNameIsNotFlaggedWithoutARootStoreToCompare() throws Exception {
        int port = tlsServer("DigiCert Global Root G2");
        CheckOutcome o = judge(EndpointProbe.probe(List.of(new EndpointProbe.Endpoint("localhost", port)), Optional.empty(),
                Duration.ofSeconds(10)));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(only(o).code()).isEqualTo("ENDPOINT_REACHABLE");
    }

    @Test
    void aRootThatOnlyBorrowsMicrosoftsRootNameIsCaughtByItsThumbprintInTheRootStore() throws Exception {
        int port = tlsServer("DigiCert Global Root G2");
        byte[] report = EndpointProbe.probe(List.of(new EndpointProbe.Endpoint("localhost", port)), Optional.empty(), Duration.ofSeconds(10));
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).bytes("commands/connector-endpoints.txt", report)
                .certificate("Root", lastRoot.certificate()).dir(), new ConnectorEndpointsCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(only(o).message()).contains("thumbprint " + BundleBuilder.thumbprint(lastRoot.certificate()));
    }

    @Test
    void theTlsHandshakeGoesThroughTheConnectorsProxy() throws Exception {
        int port = tlsServer("Contoso Inspection Root");
        int proxy = proxy(null);
        byte[] report = EndpointProbe.probe(List.of(new EndpointProbe.Endpoint("localhost", port)),
                Optional.of(URI.create("http://127.0.0.1:" + proxy)), Duration.ofSeconds(10));
        EndpointReport r = EndpointReport.parse(new String(report, StandardCharsets.UTF_8));
        assertThat(r.proxy()).contains("http://127.0.0.1:" + proxy);
        assertThat(r.endpoints().get(0).via()).isEqualTo("proxy");
        assertThat(r.endpoints().get(0).chain()).hasSize(2);
        assertThat(only(judge(report)).code()).isEqualTo("ENDPOINT_TLS_INSPECTED");
    }

    @Test
    void aProxyThatRefusesTheTunnelIsReportedWithItsStatus() throws Exception {
        int proxy = proxy("407 Proxy Authentication Required");
        byte[] report = EndpointProbe.probe(List.of(new EndpointProbe.Endpoint("manage.microsoft.com", 443)),
                Optional.of(URI.create("http://127.0.0.1:" + proxy)), Duration.ofSeconds(10));
        Finding f = only(judge(report));
        assertThat(f.code()).isEqualTo("ENDPOINT_PROXY_REFUSED");
        assertThat((String) f.evidence().get("error")).contains("407");
    }

    @Test
    void aClosedPortIsRefusedAndAnUnknownNameIsDns() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        byte[] report = EndpointProbe.probe(List.of(new EndpointProbe.Endpoint("127.0.0.1", closed),
                new EndpointProbe.Endpoint("no-such-host.invalid", 443)), Optional.empty(), Duration.ofSeconds(10));
        CheckOutcome o = judge(report);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ENDPOINT_TCP", "ENDPOINT_DNS");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("outcome", "refused");
    }

    @Test
    void everyEndpointIsProbedInParallelUnderOneDeadline() throws Exception {
        // two servers that accept TCP and never answer TLS: sequential probing would take twice the deadline
        List<EndpointProbe.Endpoint> silent = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            servers.add(s);
            silent.add(new EndpointProbe.Endpoint("127.0.0.1", s.getLocalPort()));
        }
        long start = System.nanoTime();
        byte[] report = EndpointProbe.probe(silent, Optional.empty(), Duration.ofSeconds(2));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(took).isLessThan(3500);
        EndpointReport r = EndpointReport.parse(new String(report, StandardCharsets.UTF_8));
        assertThat(r.endpoints()).allSatisfy(e -> assertThat(e.tls().outcome()).isIn("timeout", "tls"));
        assertThat(judge(report).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aReportThatIsNotJsonIsAnErrorQuotingIt() {
        CheckOutcome o = judge("Connecting ... not json".getBytes(StandardCharsets.UTF_8));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(only(o).evidence()).containsEntry("raw", "Connecting ... not json");
    }

    /**
     * An HTTP server on 127.0.0.1 that serves, at /issuing.crl, a CRL signed by the root of the TLS
     * server started last (issued when asked, as the chain is issued after this port is known).
     */
    private int crlServer() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/issuing.crl", ex -> {
            byte[] crl = TestPki.crl(lastRoot, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(7)));
            ex.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            ex.sendResponseHeaders(200, crl.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(crl);
            }
        });
        http.start();
        servers.add(() -> http.stop(0));
        return http.getAddress().getPort();
    }

    /** A port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static FetchOptions crlFetch() {
        return FetchOptions.defaults().withDeadline(Duration.ofSeconds(10));
    }

    @Test
    void theCrlOfMicrosoftsPresentedChainIsFetchedWithinTheSameDeadlineAndPasses() throws Exception {
        int live = crlServer();
        int port = tlsServer("DigiCert Global Root G2", List.of("http://127.0.0.1:" + live + "/issuing.crl"));
        byte[] report = EndpointProbe.probe(List.of(new EndpointProbe.Endpoint("localhost", port)), Optional.empty(),
                Duration.ofSeconds(10), Optional.of(crlFetch()));
        EndpointReport r = EndpointReport.parse(new String(report, StandardCharsets.UTF_8));
        assertThat(r.crls()).hasValueSatisfying(c -> assertThat(c).singleElement().satisfies(f -> {
            assertThat(f.url()).isEqualTo("http://127.0.0.1:" + live + "/issuing.crl");
            assertThat(f.outcome()).isEqualTo("ok");
        }));
        CheckOutcome o = judge(report);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ENDPOINT_REACHABLE", "ENDPOINT_CRLS_REACHABLE");
    }

    @Test
    void anUnreachableCrlOfMicrosoftsPresentedChainWarnsNamingTheUrlAndTheCertificate() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/issuing.crl";
        int port = tlsServer("DigiCert Global Root G2", List.of(url));
        byte[] report = EndpointProbe.probe(List.of(new EndpointProbe.Endpoint("localhost", port)), Optional.empty(),
                Duration.ofSeconds(10), Optional.of(crlFetch()));
        CheckOutcome o = judge(report);
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = o.result().findings().stream().filter(x -> x.code().equals("ENDPOINT_CRL_UNREACHABLE")).findFirst().orElseThrow();
        assertThat(f.evidence()).containsEntry("url", url).containsEntry("outcome", "refused");
        assertThat(f.message()).contains("Issuing under DigiCert Global Root G2").contains("localhost:" + port);
    }

    @Test
    void theCrlOfAnInspectingProxysChainIsNotJudged() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/issuing.crl";
        int port = tlsServer("Contoso Inspection Root", List.of(url));
        CheckOutcome o = judge(EndpointProbe.probe(List.of(new EndpointProbe.Endpoint("localhost", port)), Optional.empty(),
                Duration.ofSeconds(10), Optional.of(crlFetch())));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ENDPOINT_TLS_INSPECTED");
    }

    @Test
    void theServiceAddressTheConnectorsRegistryNamesBecomesAnEndpoint() {
        assertThat(EndpointProbe.endpointOf("https://fef.msua06.manage.microsoft.com/")).contains(
                new EndpointProbe.Endpoint("fef.msua06.manage.microsoft.com", 443));
        assertThat(EndpointProbe.endpointOf("https://manage.microsoft.com:8443")).contains(new EndpointProbe.Endpoint("manage.microsoft.com", 8443));
        assertThat(EndpointProbe.endpointOf("manage.microsoft.com")).as("no scheme: not an address").isEmpty();
        assertThat(EndpointProbe.endpointOf("http://manage.microsoft.com")).as("the probe speaks TLS").isEmpty();
    }
}
