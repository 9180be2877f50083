package dev.ndesdiag.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ndesdiag.fixtures.TestPki;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against an HTTPS server on 127.0.0.1 whose certificate comes from a private CA, as an
 * NDES server's usually does (the enterprise CA): the HTTP status is recorded whatever the chain,
 * and trust is judged separately against the anchors given ({@code --trust FILE}), saying which.
 */
class ScepProbeTrustTest {

    private static final Instant NOW = Instant.now();

    @TempDir
    Path dir;

    private HttpsServer https;
    private TestPki.Issued root;
    private TestPki.Issued issuing;
    private URI url;

    @BeforeEach
    void startServerWithAPrivateCaCertificate() throws Exception {
        root = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(3000)));
        issuing = TestPki.intermediate("CN=Contoso Issuing CA", root, NOW.minus(Duration.ofDays(300)),
                NOW.plus(Duration.ofDays(1000)));
        TestPki.Issued tls = TestPki.tls("CN=ndes01.corp.contoso.com", issuing, NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(300)), List.of("ndes01.corp.contoso.com"), TestPki.SERVER_AUTH);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("tls", tls.keys().getPrivate(), "x".toCharArray(),
                new Certificate[] {tls.certificate(), issuing.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ctx));
        https.createContext("/certsrv/mscep/mscep.dll", ex -> {
            ex.sendResponseHeaders(ex.getRequestURI().getRawQuery() == null ? 403 : 200, -1);
            ex.close();
        });
        https.start();
        url = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/certsrv/mscep/mscep.dll");
    }

    @AfterEach
    void stop() {
        https.stop(0);
    }

    private Path pem(String name, TestPki.Issued... cas) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            for (TestPki.Issued ca : cas) {
                w.writeObject(ca.certificate());
            }
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    private ScepProbe probe() {
        return new ScepProbe(FetchOptions.defaults().withDeadline(Duration.ofSeconds(5)));
    }

    @Test
    void aHealthyServerWithAnInternalCaCertificateAnswers403AndIsTrustedByThatCa() throws Exception {
        Path trust = pem("contoso-root.pem", root);
        ScepProbe.Result r = probe().probe(url, TrustAnchors.fromFile(trust), NOW);

        assertThat(r.responses().get(0).httpStatus()).hasValue(403);
        assertThat(r.responses().get(0).error()).isEmpty();
        assertThat(r.responses().get(1).httpStatus()).hasValue(200);
        assertThat(r.trust()).hasValueSatisfying(v -> {
            assertThat(v.trusted()).isTrue();
            assertThat(v.anchors().source()).isEqualTo(TrustAnchors.Source.FILE);
            assertThat(v.describe()).isEqualTo("trusted by " + trust + " (file, 1 CA certificates)");
        });
    }

    @Test
    void theStatusIsRecordedEvenWhenTheGivenFileNamesAnotherCa() throws Exception {
        TestPki.Issued other = TestPki.root("CN=Fabrikam Root CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100)));
        ScepProbe.Result r = probe().probe(url, TrustAnchors.fromFile(pem("fabrikam.pem", other)), NOW);

        assertThat(r.responses().get(0).httpStatus()).hasValue(403);
        assertThat(r.trust()).hasValueSatisfying(v -> {
            assertThat(v.trusted()).isFalse();
            assertThat(v.describe()).startsWith("NOT trusted by ").contains("fabrikam.pem");
        });
    }

    @Test
    void javasCacertsDoesNotTrustTheInternalCaButTheAnswerIsStillRecorded() throws Exception {
        ScepProbe.Result r = probe().probe(url, TrustAnchors.javaCacerts(), NOW);

        assertThat(r.responses().get(0).httpStatus()).as("used to be a tls failure, read as ENDPOINT_UNREACHABLE")
                .hasValue(403);
        assertThat(r.trust()).hasValueSatisfying(v -> {
            assertThat(v.trusted()).isFalse();
            assertThat(v.anchors().source()).isEqualTo(TrustAnchors.Source.JAVA_CACERTS);
        });
    }

    @Test
    void aDerFileOfTheIssuingCaIsAnAnchorToo() throws Exception {
        Path der = dir.resolve("issuing.cer");
        Files.write(der, issuing.certificate().getEncoded());
        assertThat(probe().probe(url, TrustAnchors.fromFile(der), NOW).trust()).hasValueSatisfying(v ->
                assertThat(v.trusted()).isTrue());
    }

    @Test
    void aChainIsJudgedAtTheGivenTimeSoAnExpiredCertificateIsNotTrusted() throws Exception {
        ScepProbe.Result r = probe().probe(url, TrustAnchors.fromFile(pem("root.pem", root)), NOW.plus(Duration.ofDays(400)));
        assertThat(r.trust()).hasValueSatisfying(v -> {
            assertThat(v.trusted()).isFalse();
            assertThat(v.reason()).hasValueSatisfying(reason -> assertThat(reason).containsIgnoringCase("expired"));
        });
    }

    @Test
    void aTrustFileWithoutCertificatesIsRefusedWithItsName() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        assertThatThrownBy(() -> TrustAnchors.fromFile(junk)).isInstanceOf(IOException.class).hasMessageContaining("junk.pem");
    }

    @Test
    void theWindowsMachineRootStoreIsTheLocalMachineOneFromJava19On() {
        assertThat(TrustAnchors.storeTypeFor(17)).isEqualTo("Windows-ROOT");
        assertThat(TrustAnchors.storeTypeFor(21)).isEqualTo("Windows-ROOT-LOCALMACHINE");
    }
}
