package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ndesdiag.fixtures.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box: {@code ndes-diag probe URL --trust FILE} against an HTTPS server on 127.0.0.1 with a private CA's certificate. */
class ProbeTrustOptionTest {

    private static final Instant NOW = Instant.now();

    @TempDir
    Path dir;

    private HttpsServer server;
    private TestPki.Issued root;
    private String url;

    @BeforeEach
    void start() throws Exception {
        root = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(1000)));
        TestPki.Issued tls = TestPki.tls("CN=ndes01.corp.contoso.com", root, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(200)), List.of("ndes01.corp.contoso.com"), TestPki.SERVER_AUTH);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("tls", tls.keys().getPrivate(), "x".toCharArray(), new Certificate[] {tls.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/certsrv/mscep/mscep.dll", ex -> {
            ex.sendResponseHeaders(403, -1);
            ex.close();
        });
        server.start();
        url = "https://127.0.0.1:" + server.getAddress().getPort() + "/certsrv/mscep/mscep.dll";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theStatusIsJudgedAndTheChainIsTrustedByTheGivenCa() throws Exception {
        Path trust = Files.write(dir.resolve("contoso-root.cer"), root.certificate().getEncoded());
        CliRun run = CliRun.of("probe", url, "--trust", trust.toString(), "--timeout", "5s", "--format", "json");
        assertThat(run.out()).contains("ENDPOINT_403").doesNotContain("ENDPOINT_UNREACHABLE");
        assertThat(run.err()).contains("TLS chain of 127.0.0.1: trusted by " + trust + " (file, 1 CA certificates)");
    }

    @Test
    void withoutTrustTheAnswerIsStillRecordedAndTheVerdictSaysWhichStoreWasUsed() {
        CliRun run = CliRun.of("probe", url, "--timeout", "5s", "--format", "json");
        assertThat(run.out()).contains("ENDPOINT_403");
        assertThat(run.err()).contains("TLS chain of 127.0.0.1: NOT trusted by Java's cacerts (java cacerts,");
    }

    @Test
    void aTrustFileThatHoldsNoCertificateIsAUsageError() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello");
        CliRun run = CliRun.of("probe", url, "--trust", junk.toString());
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--trust").contains("junk.pem");
    }
}
