package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.FetchPurpose;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import dev.ndesdiag.fixtures.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every fetch outcome, produced by real servers on 127.0.0.1 that the test starts. */
class UrlFetcherTest {

    private static final Instant NOW = Instant.now();
    private static TestPki.Issued ca;
    private static byte[] crl;
    private static HttpServer http;
    private static HttpsServer https;
    private static ServerSocket silent;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();
    private static InMemoryDirectoryServer ldap;

    @BeforeAll
    static void servers() throws Exception {
        ca = TestPki.root("CN=Contoso Issuing CA", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(10)));
        crl = TestPki.crl(ca, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/CertEnroll/ca.crl", ex -> respond(ex, 200, crl));
        http.createContext("/CertEnroll/missing.crl", ex -> respond(ex, 404, "not found".getBytes()));
        http.createContext("/CertEnroll/huge.crl", ex -> respond(ex, 200, new byte[300_000]));
        http.createContext("/moved.crl", ex -> {
            ex.getResponseHeaders().add("Location", "/CertEnroll/ca.crl");
            respond(ex, 302, new byte[0]);
        });
        http.start();
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(untrustedContext()));
        https.createContext("/ca.crl", ex -> respond(ex, 200, crl));
        https.start();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
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
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("DC=contoso,DC=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        config.setSchema(null);
        ldap = new InMemoryDirectoryServer(config);
        ldap.startListening();
        ldap.add(new Entry("DC=contoso,DC=com", new Attribute("objectClass", "domain"), new Attribute("dc", "contoso")));
        ldap.add(new Entry("CN=Contoso Issuing CA,DC=contoso,DC=com", new Attribute("objectClass", "cRLDistributionPoint"),
                new Attribute("cn", "Contoso Issuing CA"), new Attribute("certificateRevocationList;binary", crl)));
    }

    @AfterAll
    static void stop() throws IOException {
        http.stop(0);
        https.stop(0);
        silent.close();
        for (Socket s : held) {
            s.close();
        }
        ldap.shutDown(true);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    private static SSLContext untrustedContext() throws Exception {
        TestPki.Issued self = TestPki.tls("CN=localhost", TestPki.root("CN=Untrusted Test CA", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1))), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), List.of("localhost"),
                TestPki.SERVER_AUTH);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("tls", self.keys().getPrivate(), "x".toCharArray(), new java.security.cert.Certificate[] {self.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static String httpUrl(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private static NetworkFetch fetch(String url, Duration deadline) {
        return new UrlFetcher(FetchOptions.defaults().withDeadline(deadline).withMaxBytes(100_000))
                .fetchAll(List.of(FetchRequest.of(url, FetchPurpose.CRL))).get(0);
    }

    private static NetworkFetch fetch(String url) {
        return fetch(url, Duration.ofSeconds(5));
    }

    @Test
    void anHttpCrlIsFetchedWhole() {
        NetworkFetch f = fetch(httpUrl("/CertEnroll/ca.crl"));
        assertThat(f.outcome().wireName()).isEqualTo("ok");
        assertThat(f.httpStatus()).hasValue(200);
        assertThat(f.body()).hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(crl));
    }

    @Test
    void theAnswersDateHeaderAndTheServersOwnTimeAreRecordedForTheClockCheck() {
        // the JDK's HttpServer sends a Date header with every answer, as IIS and CDNs do
        NetworkFetch f = fetch(httpUrl("/CertEnroll/ca.crl"));
        assertThat(f.date()).isPresent();
        assertThat(f.fetchedAt()).isPresent();
        assertThat(Duration.between(f.fetchedAt().get(), f.date().get()).abs()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRedirectIsFollowed() {
        assertThat(fetch(httpUrl("/moved.crl")).body()).hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(crl));
    }

    @Test
    void a404IsAnHttpError() {
        NetworkFetch f = fetch(httpUrl("/CertEnroll/missing.crl"));
        assertThat(f.outcome().wireName()).isEqualTo("http-error");
        assertThat(f.httpStatus()).hasValue(404);
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() {
        NetworkFetch f = fetch("http://127.0.0.1:" + silent.getLocalPort() + "/ca.crl", Duration.ofMillis(600));
        assertThat(f.outcome().wireName()).isEqualTo("timeout");
    }

    @Test
    void aClosedPortIsRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(fetch("http://127.0.0.1:" + port + "/ca.crl").outcome().wireName()).isEqualTo("refused");
    }

    @Test
    void anUnknownHostIsADnsFailure() {
        NetworkFetch f = fetch("http://pki.contoso.invalid/CertEnroll/ca.crl");
        assertThat(f.outcome().wireName()).isEqualTo("dns");
        assertThat(f.error()).hasValueSatisfying(e -> assertThat(e).contains("pki.contoso.invalid"));
    }

    @Test
    void anUntrustedHttpsCertificateIsATlsFailure() {
        assertThat(fetch("https://127.0.0.1:" + https.getAddress().getPort() + "/ca.crl").outcome().wireName()).isEqualTo("tls");
    }

    @Test
    void anOversizedBodyIsRefusedWithAClearError() {
        NetworkFetch f = fetch(httpUrl("/CertEnroll/huge.crl"));
        assertThat(f.outcome().wireName()).isEqualTo("error");
        assertThat(f.error()).hasValueSatisfying(e -> assertThat(e).contains("exceeds 100000 bytes"));
    }

    @Test
    void aCrlPublishedInLdapIsFetchedWithTheJdkClient() {
        NetworkFetch f = fetch("ldap://127.0.0.1:" + ldap.getListenPort()
                + "/CN=Contoso%20Issuing%20CA,DC=contoso,DC=com?certificateRevocationList?base?objectClass=cRLDistributionPoint");
        assertThat(f.outcome().wireName()).as(f.error().orElse("")).isEqualTo("ok");
        assertThat(f.body()).hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(crl));
    }

    @Test
    void anLdapUrlWithoutAServerIsNotFetchedForWantOfDomainCredentialsNeverUnsupported() {
        NetworkFetch f = fetch("ldap:///CN=Contoso%20Issuing%20CA,CN=ca01,CN=CDP,CN=Public%20Key%20Services?certificateRevocationList");
        assertThat(f.outcome().wireName()).isEqualTo("not-fetched");
        assertThat(f.error()).hasValueSatisfying(e -> assertThat(e).startsWith("needs domain credentials").contains("ldap:///"));
    }

    @Test
    void aFileUrlIsUnsupported() {
        assertThat(fetch("file://ca01/CertEnroll/ca.crl").outcome().wireName()).isEqualTo("unsupported");
    }

    @Test
    void tenDeadUrlsEndTogetherAtTheDeadline() {
        List<FetchRequest> dead = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dead.add(FetchRequest.of("http://127.0.0.1:" + silent.getLocalPort() + "/dead" + i + ".crl", FetchPurpose.CRL));
        }
        dead.add(FetchRequest.of(httpUrl("/CertEnroll/ca.crl"), FetchPurpose.CRL));
        List<NetworkFetch> results = new UrlFetcher(FetchOptions.defaults().withDeadline(Duration.ofMillis(800))).fetchAll(dead);
        assertThat(results).hasSize(11);
        assertThat(results.subList(0, 10)).allSatisfy(f -> assertThat(f.outcome().wireName()).isEqualTo("timeout"));
        assertThat(results.get(10).outcome().wireName()).isEqualTo("ok");
    }
}
