package dev.ndesdiag.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.runner.RunOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jscep.server.ScepServlet;
import org.jscep.transaction.TransactionId;
import org.jscep.transport.response.Capability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ndes-diag's probe against a real SCEP server (jscep in Jetty) and small local servers, on 127.0.0.1. */
class ScepProbeTest {

    private static final Instant NOW = Instant.now();
    private Server jetty;
    private HttpServer http;
    private HttpsServer https;

    /** jscep's SCEP server with a generated CA and one RA certificate for signing and encryption. */
    static final class TestScepServlet extends ScepServlet {
        private static final long serialVersionUID = 1L;
        private final transient TestPki.Issued ca;
        private final transient TestPki.Issued ra;

        TestScepServlet(TestPki.Issued ca, TestPki.Issued ra) {
            this.ca = ca;
            this.ra = ra;
        }

        @Override
        protected Set<Capability> doCapabilities(String identifier) {
            return EnumSet.of(Capability.AES, Capability.POST_PKI_OPERATION, Capability.SHA_256, Capability.RENEWAL,
                    Capability.SCEP_STANDARD);
        }

        @Override
        protected List<X509Certificate> doGetCaCertificate(String identifier) {
            return List.of(ra.certificate(), ca.certificate());
        }

        @Override
        protected List<X509Certificate> getNextCaCertificate(String identifier) {
            return List.of();
        }

        @Override
        protected List<X509Certificate> doGetCert(X500Name issuer, BigInteger serial) {
            return List.of();
        }

        @Override
        protected List<X509Certificate> doGetCertInitial(X500Name issuer, X500Name subject, TransactionId transId) {
            return List.of();
        }

        @Override
        protected X509CRL doGetCrl(X500Name issuer, BigInteger serial) {
            return null;
        }

        @Override
        protected List<X509Certificate> doEnrol(PKCS10CertificationRequest csr, X509Certificate sender, TransactionId id) {
            return List.of();
        }

        @Override
        protected PrivateKey getRecipientKey() {
            return ra.keys().getPrivate();
        }

        @Override
        protected X509Certificate getRecipient() {
            return ra.certificate();
        }

        @Override
        protected PrivateKey getSignerKey() {
            return ra.keys().getPrivate();
        }

        @Override
        protected X509Certificate getSigner() {
            return ra.certificate();
        }

        @Override
        protected X509Certificate[] getSignerCertificateChain() {
            return new X509Certificate[] {ra.certificate(), ca.certificate()};
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        if (http != null) {
            http.stop(0);
        }
        if (https != null) {
            https.stop(0);
        }
    }

    private URI startScepServer(long raValidDays) throws Exception {
        TestPki.Issued ca = TestPki.root("CN=Contoso Issuing CA", NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(1000)));
        TestPki.Issued ra = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(raValidDays)),
                TestPki.RaSpec.custom(KeyUsage.digitalSignature | KeyUsage.keyEncipherment, "1.3.6.1.4.1.311.21.8.7"));
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/certsrv/mscep");
        ctx.addServlet(new ServletHolder(new TestScepServlet(ca, ra)), "/mscep.dll/*");
        ctx.addServlet(new ServletHolder(new TestScepServlet(ca, ra)), "/mscep.dll");
        jetty.setHandler(ctx);
        jetty.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/certsrv/mscep/mscep.dll");
    }

    private static Report judge(URI url, List<ProbeResponse> responses) throws Exception {
        NdesDiag diag = NdesDiag.discover(ScepProbeTest.class.getClassLoader());
        Snapshot snapshot = Snapshot.builder(new Manifest("ndes-snapshot", 1, NOW, Manifest.Host.unknown(), Optional.empty(),
                Optional.empty())).endpointProbe(Part.present(SnapshotPart.ENDPOINT_PROBE, responses)).build();
        Set<String> ids = diag.checks().stream().filter(d -> d.reads().contains(SnapshotPart.ENDPOINT_PROBE))
                .map(d -> d.id()).collect(Collectors.toSet());
        return diag.analyze(snapshot, dev.ndesdiag.api.TargetMode.PROBE, url.toString(), RunOptions.defaults().withOnly(ids).withClock(Clock.systemUTC()));
    }

    private static CheckOutcome outcome(Report r, String id) {
        return r.results().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    @Test
    void aRealScepServerAnswersGetCaCapsAndGetCaCertWithItsRaAndCa() throws Exception {
        URI url = startScepServer(400);
        List<ProbeResponse> responses = new ScepProbe(FetchOptions.defaults().withDeadline(Duration.ofSeconds(10))).probe(url);
        assertThat(responses).hasSize(4);
        Report report = judge(url, responses);
        assertThat(outcome(report, "endpoint-getcacaps").status()).isEqualTo(Status.PASS);
        assertThat(codes(outcome(report, "endpoint-getcacert"))).containsExactly("GETCACERT_HAS_CA", "GETCACERT_RA_VALID",
                "GETCACERT_RA_CHAINS", "GETCACERT_RA_VALID", "GETCACERT_RA_CHAINS");
        assertThat(report.target().mode().wireName()).isEqualTo("probe");
    }

    @Test
    void anRaCertificateExpiringIn10DaysIsSeenFromOutside() throws Exception {
        URI url = startScepServer(10);
        Report report = judge(url, new ScepProbe(FetchOptions.defaults().withDeadline(Duration.ofSeconds(10))).probe(url));
        assertThat(codes(outcome(report, "endpoint-getcacert"))).contains("GETCACERT_RA_EXPIRING_URGENT");
    }

    @Test
    void aServerWithASmallUrlLimitIsCaughtByTheLongRequest() throws Exception {
        URI url = startScepServer(400);
        Report report = judge(url, new ScepProbe(FetchOptions.defaults().withDeadline(Duration.ofSeconds(10))).probe(url));
        assertThat(codes(outcome(report, "endpoint-long-request"))).containsExactly("LONG_REQUEST_414");
    }

    @Test
    void everyProbeRequestSaysItIsNdesDiagSoLogAnalysisSetsItAside() throws Exception {
        List<String> agents = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/certsrv/mscep/mscep.dll", ex -> {
            agents.add(String.valueOf(ex.getRequestHeaders().getFirst("User-Agent")));
            ex.sendResponseHeaders(403, -1);
            ex.close();
        });
        http.start();
        URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/certsrv/mscep/mscep.dll");
        new ScepProbe(FetchOptions.defaults().withDeadline(Duration.ofSeconds(5))).probe(url);
        assertThat(agents).isNotEmpty().allMatch(a -> a.equals("ndes-diag/" + dev.ndesdiag.NdesDiag.version()));
        assertThat(dev.ndesdiag.history.OwnProbe.isOwn(java.util.Optional.of(agents.get(0)))).isTrue();
    }

    @Test
    void a403FromTheBareUrlIsHealthy() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/certsrv/mscep/mscep.dll", ex -> {
            byte[] body = "403 - Forbidden: Access is denied.".getBytes();
            ex.sendResponseHeaders(ex.getRequestURI().getQuery() == null ? 403 : 500, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/certsrv/mscep/mscep.dll");
        Report report = judge(url, new ScepProbe(FetchOptions.defaults().withDeadline(Duration.ofSeconds(5))).probe(url));
        assertThat(codes(outcome(report, "endpoint-mscep"))).containsExactly("ENDPOINT_403");
        assertThat(outcome(report, "endpoint-tls-certificate").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void theTlsCertificateAndTheAnswerAreReadEvenWhenTheChainIsNotTrusted() throws Exception {
        TestPki.Issued tlsCa = TestPki.root("CN=Untrusted CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100)));
        TestPki.Issued tls = TestPki.tls("CN=scep.contoso.com", tlsCa, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(20)),
                List.of("scep.contoso.com"), TestPki.SERVER_AUTH);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("tls", tls.keys().getPrivate(), "x".toCharArray(), new java.security.cert.Certificate[] {tls.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ctx));
        https.createContext("/", ex -> {
            ex.sendResponseHeaders(403, -1);
            ex.close();
        });
        https.start();
        URI url = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/certsrv/mscep/mscep.dll");
        List<ProbeResponse> responses = new ScepProbe(FetchOptions.defaults().withDeadline(Duration.ofSeconds(5))).probe(url);
        assertThat(responses.get(0).tlsChain()).isNotEmpty();
        Report report = judge(url, responses);
        assertThat(codes(outcome(report, "endpoint-tls-certificate"))).contains("ENDPOINT_TLS_WRONG_NAME", "ENDPOINT_TLS_EXPIRING_SOON");
        // the answer is recorded whatever the chain; trust is judged apart (ScepProbeTrustTest)
        assertThat(codes(outcome(report, "endpoint-mscep"))).containsExactly("ENDPOINT_403");
    }
}
