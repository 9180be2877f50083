package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.network.FetchOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's own probe of an HTTPS SCEP URL whose certificate comes from a private CA (on
 * 127.0.0.1): the 403 lands in endpoint/probe.json, and the collection log says which store the
 * chain was judged against (here Java's cacerts, which does not know the CA; on Windows the
 * machine's Root store).
 */
class CollectorProbeTrustTest {

    @TempDir
    java.nio.file.Path dir;

    /** An HTTPS SCEP URL on 127.0.0.1 presenting a certificate for {@code name} from a private CA; started, to be stopped. */
    private static HttpsServer server(String name, Instant now) throws Exception {
        TestPki.Issued root = TestPki.root("CN=Contoso Root CA", now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(900)));
        TestPki.Issued tls = TestPki.tls("CN=" + name, root, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(300)), List.of(name), TestPki.SERVER_AUTH);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("tls", tls.keys().getPrivate(), "x".toCharArray(), new Certificate[] {tls.certificate(), root.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ctx));
        https.createContext("/certsrv/mscep/mscep.dll", ex -> {
            ex.sendResponseHeaders(403, -1);
            ex.close();
        });
        https.start();
        return https;
    }

    private dev.ndesdiag.api.CheckOutcome tlsCheckOnTheCollectedBundle(String certificateName) throws Exception {
        HttpsServer https = server(certificateName, Instant.now());
        try {
            URI url = URI.create("https://localhost:" + https.getAddress().getPort() + "/certsrv/mscep/mscep.dll");
            NetworkCollection.Collected c = NetworkCollection.probe(url, FetchOptions.defaults().withDeadline(Duration.ofSeconds(5)));
            dev.ndesdiag.fixtures.BundleBuilder b = dev.ndesdiag.fixtures.BundleBuilder.in(dir).manifest(Instant.now());
            c.files().forEach(b::bytes);
            String probe = new String(c.files().get("endpoint/probe.json"), StandardCharsets.UTF_8);
            // one handshake's chain, written once for the four requests
            assertThat(probe.split("\"tlsChain\"", -1)).hasSize(2);
            return dev.ndesdiag.fixtures.Analysis.outcome(b.dir(), new dev.ndesdiag.checks.endpoint.EndpointTlsCertificateCheck());
        } finally {
            https.stop(0);
        }
    }

    @Test
    void theCertificateTheScepUrlPresentedIsJudgedFromTheBundle() throws Exception {
        dev.ndesdiag.api.CheckOutcome o = tlsCheckOnTheCollectedBundle("localhost");
        assertThat(o.status()).isEqualTo(dev.ndesdiag.api.Status.PASS);
    }

    @Test
    void aPresentedCertificateForAnotherNameIsTheWinHttp12175OfTheBundle() throws Exception {
        dev.ndesdiag.api.CheckOutcome o = tlsCheckOnTheCollectedBundle("ndes01.corp.contoso.com");
        assertThat(o.result().findings()).extracting(dev.ndesdiag.api.Finding::code).containsExactly("ENDPOINT_TLS_WRONG_NAME");
    }

    @Test
    void theAnswerIsInTheBundleAndTheTrustVerdictInTheLog() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued root = TestPki.root("CN=Contoso Root CA", now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(900)));
        TestPki.Issued tls = TestPki.tls("CN=ndes01.corp.contoso.com", root, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(300)), List.of("ndes01.corp.contoso.com"), TestPki.SERVER_AUTH);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("tls", tls.keys().getPrivate(), "x".toCharArray(), new Certificate[] {tls.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ctx));
        https.createContext("/certsrv/mscep/mscep.dll", ex -> {
            ex.sendResponseHeaders(403, -1);
            ex.close();
        });
        https.start();
        try {
            URI url = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/certsrv/mscep/mscep.dll");
            NetworkCollection.Collected c = NetworkCollection.probe(url, FetchOptions.defaults().withDeadline(Duration.ofSeconds(5)));
            String probe = new String(c.files().get("endpoint/probe.json"), StandardCharsets.UTF_8);
            assertThat(probe).contains("\"httpStatus\" : 403").doesNotContain("PKIX");
            assertThat(c.detail()).startsWith("4 requests; TLS chain NOT trusted by Java's cacerts");
        } finally {
            https.stop(0);
        }
    }
}
