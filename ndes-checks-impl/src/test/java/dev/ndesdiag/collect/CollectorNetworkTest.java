package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.bundle.BundleReader;
import dev.ndesdiag.bundle.OpenBundle;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.network.FetchOptions;
import dev.ndesdiag.runner.RunOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's network steps against real servers on 127.0.0.1: what the NDES server itself
 * sees of its CRL distribution points and of its own SCEP URL lands in the bundle, and the checks
 * read it back.
 */
class CollectorNetworkTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;

    @TempDir
    Path dir;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theServersOwnViewOfItsCrlsAndItsScepUrlIsCollectedAndReadBack() throws Exception {
        TestPki.Issued root = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(900)));
        TestPki.Issued issuing = TestPki.intermediate("CN=Contoso Issuing CA", root, NOW.minus(Duration.ofDays(900)),
                NOW.plus(Duration.ofDays(900)));
        byte[] crl = TestPki.crl(issuing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/CertEnroll/issuing.crl", x -> answer(x, 200, "application/pkix-crl", crl));
        server.createContext("/certsrv/mscep/mscep.dll", x -> {
            String query = x.getRequestURI().getRawQuery();
            if (query == null) {
                answer(x, 403, "text/html", "<h1>403 - Forbidden</h1>".getBytes(StandardCharsets.US_ASCII));
            } else if (query.startsWith("operation=GetCACaps")) {
                answer(x, 200, "text/plain", "POSTPKIOperation\nRenewal\nSHA-256\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                answer(x, 500, "text/html", "error".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String dead = "http://127.0.0.1:" + closedPort() + "/CertEnroll/old.crl";
        TestPki.Issued ra = TestPki.ra("CN=NDES01-MSCEP-RA", issuing, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(400)),
                TestPki.RaSpec.signing(), List.of(base + "/CertEnroll/issuing.crl", dead));
        CollectorRoundTripTest.RecordedSource source = new CollectorRoundTripTest.RecordedSource();
        source.stores.put("My", List.of(entry(ra)));
        source.stores.put("CA", List.of(entry(issuing)));
        source.stores.put("Root", List.of(entry(root)));
        List<Step> plan = new ArrayList<>(CollectionPlan.standard(Optional.empty()));
        plan.addAll(CollectionPlan.network(URI.create(base + "/certsrv/mscep/mscep.dll"),
                FetchOptions.defaults().withDeadline(Duration.ofSeconds(5))));

        Map<String, byte[]> bundle = new Collector(source, Clock.fixed(NOW, ZoneOffset.UTC)).collect(plan);
        Path zip = dir.resolve("NDES01.zip");
        BundleZipWriter.write(bundle, zip);

        try (OpenBundle open = new BundleReader().open(zip)) {
            Snapshot snapshot = open.snapshot();
            List<NetworkFetch> fetches = snapshot.networkFetches().value().orElseThrow();
            assertThat(fetches).extracting(NetworkFetch::url).containsExactly(base + "/CertEnroll/issuing.crl", dead);
            assertThat(fetches.get(0).outcome().wireName()).isEqualTo("ok");
            assertThat(fetches.get(0).body()).map(Blob::toByteArray).contains(crl);
            assertThat(fetches.get(1).outcome().wireName()).isEqualTo("refused");
            List<ProbeResponse> probe = snapshot.endpointProbe().value().orElseThrow();
            assertThat(probe).filteredOn(r -> r.url().endsWith("mscep.dll")).singleElement()
                    .satisfies(r -> assertThat(r.httpStatus()).hasValue(403));
            assertThat(probe).filteredOn(r -> r.url().contains("GetCACaps")).singleElement()
                    .satisfies(r -> assertThat(r.body()).map(b -> new String(b.toByteArray(), StandardCharsets.US_ASCII))
                            .hasValueSatisfying(caps -> assertThat(caps).contains("POSTPKIOperation")));
        }
        Report report = NdesDiag.discover(getClass().getClassLoader()).analyze(zip, RunOptions.defaults());
        assertThat(status(report, "crl-retrievability")).isNotEqualTo(Status.SKIPPED);
        assertThat(status(report, "endpoint-mscep")).isEqualTo(Status.PASS);
        assertThat(status(report, "endpoint-getcacaps")).isNotEqualTo(Status.SKIPPED);
    }

    @Test
    void theDeltaCrlTheBaseCrlNamesAndTheOcspAnswerAreFetchedFromTheServerAndJudged() throws Exception {
        TestPki.Issued root = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(900)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        byte[] crl = TestPki.crlWithDelta(root, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)),
                base + "/CertEnroll/root+.crl");
        byte[] delta = TestPki.deltaCrl(root, NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(1)));
        TestPki.Issued ra = TestPki.ra("CN=NDES01-MSCEP-RA", root, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(400)),
                TestPki.RaSpec.signing(), List.of(base + "/CertEnroll/root.crl"), List.of(base + "/ocsp"));
        byte[] ocsp = TestPki.ocspAnswer(ra.certificate(), root, NOW, true);
        List<String> ocspPaths = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/CertEnroll/root.crl", x -> answer(x, 200, "application/pkix-crl", crl));
        server.createContext("/CertEnroll/root+.crl", x -> answer(x, 200, "application/pkix-crl", delta));
        server.createContext("/ocsp/", x -> {
            ocspPaths.add(x.getRequestURI().getRawPath());
            answer(x, 200, "application/ocsp-response", ocsp);
        });
        server.start();
        CollectorRoundTripTest.RecordedSource source = new CollectorRoundTripTest.RecordedSource();
        source.stores.put("My", List.of(entry(ra)));
        source.stores.put("Root", List.of(entry(root)));
        List<Step> plan = new ArrayList<>(CollectionPlan.standard(Optional.empty()));
        plan.addAll(CollectionPlan.network(URI.create(base + "/certsrv/mscep/mscep.dll"),
                FetchOptions.defaults().withDeadline(Duration.ofSeconds(5))));

        Map<String, byte[]> bundle = new Collector(source, Clock.fixed(NOW, ZoneOffset.UTC)).collect(plan);
        Path zip = dir.resolve("NDES01.zip");
        BundleZipWriter.write(bundle, zip);

        try (OpenBundle open = new BundleReader().open(zip)) {
            List<NetworkFetch> fetches = open.snapshot().networkFetches().value().orElseThrow();
            assertThat(fetches).filteredOn(f -> f.purpose().filter(dev.ndesdiag.api.snapshot.FetchPurpose.DELTA_CRL::equals)
                    .isPresent()).singleElement().satisfies(f -> {
                        assertThat(f.url()).isEqualTo(base + "/CertEnroll/root+.crl");
                        assertThat(f.body()).map(Blob::toByteArray).contains(delta);
                    });
            assertThat(fetches).filteredOn(f -> f.purpose().filter(dev.ndesdiag.api.snapshot.FetchPurpose.OCSP::equals)
                    .isPresent()).singleElement().satisfies(f -> assertThat(f.outcome().wireName()).isEqualTo("ok"));
        }
        // RFC 6960 A.1: GET {url}/{url-encoding of base-64 encoding of the DER OCSPRequest}
        assertThat(ocspPaths).singleElement().satisfies(p -> {
            byte[] der = java.util.Base64.getDecoder().decode(java.net.URLDecoder.decode(p.substring("/ocsp/".length()),
                    StandardCharsets.US_ASCII));
            org.bouncycastle.cert.ocsp.OCSPReq request = new org.bouncycastle.cert.ocsp.OCSPReq(der);
            assertThat(request.getRequestList()).singleElement().satisfies(r -> assertThat(r.getCertID().getSerialNumber())
                    .isEqualTo(ra.certificate().getSerialNumber()));
        });
        Report report = NdesDiag.discover(getClass().getClassLoader()).analyze(zip, RunOptions.defaults());
        CheckOutcome crls = report.results().stream().filter(o -> o.id().equals("crl-retrievability")).findFirst().orElseThrow();
        assertThat(crls.result().findings()).filteredOn(f -> f.code().equals("CRL_OK")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.message()).contains("delta CRL is current"));
    }

    private static WindowsSource.StoredEntry entry(TestPki.Issued c) {
        return new WindowsSource.StoredEntry(Blob.of(BundleBuilder.der(c.certificate())), Optional.empty());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static Status status(Report report, String id) {
        return report.results().stream().filter(o -> o.id().equals(id)).map(CheckOutcome::status)
                .findFirst().orElseThrow();
    }
}
