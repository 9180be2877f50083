package dev.ndesdiag.checks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.runner.RunOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The certificate the SCEP URL presents: right name, valid, not about to expire. */
class EndpointTlsCertificateCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:15:00Z");
    private static final TestPki.Issued CA = TestPki.root("CN=Contoso CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(900)));

    private static CheckOutcome probe(TestPki.Issued leaf) throws Exception {
        return probe(List.of(leaf.certificate(), CA.certificate()));
    }

    private static CheckOutcome probe(List<java.security.cert.X509Certificate> chain) throws Exception {
        ProbeResponse r = new ProbeResponse("https://scep.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACaps", OptionalInt.of(403),
                Optional.empty(), OptionalLong.of(20), Optional.empty(), Optional.empty(), Optional.empty(), chain);
        Snapshot s = Snapshot.builder(new Manifest("ndes-snapshot", 1, NOW, Manifest.Host.unknown(), Optional.empty(),
                Optional.empty())).endpointProbe(Part.present(SnapshotPart.ENDPOINT_PROBE, List.of(r))).build();
        return NdesDiag.withChecks(List.of(new EndpointTlsCertificateCheck())).analyze(s, dev.ndesdiag.api.TargetMode.PROBE, r.url(), RunOptions.defaults())
                .results().get(0);
    }

    private static TestPki.Issued tls(String name, Instant from, Instant to) {
        return TestPki.tls("CN=" + name, CA, from, to, List.of(name), TestPki.SERVER_AUTH);
    }

    @Test
    void passesForAValidCertificateNamingTheHost() throws Exception {
        CheckOutcome o = probe(tls("scep.contoso.com", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(200))));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsForAnExpiredCertificate() throws Exception {
        CheckOutcome o = probe(tls("scep.contoso.com", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(2))));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ENDPOINT_TLS_EXPIRED");
    }

    @Test
    void failsWith12175ForAnotherName() throws Exception {
        CheckOutcome o = probe(tls("ndes01.corp.contoso.com", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(200))));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ENDPOINT_TLS_WRONG_NAME");
        assertThat(o.result().findings().get(0).message()).contains("12175");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} days left: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"31, ENDPOINT_TLS_OK, PASS", "30, ENDPOINT_TLS_EXPIRING_SOON, WARN",
        "14, ENDPOINT_TLS_EXPIRING_SOON, WARN"})
    void warnsFromThe30DayHorizon(long days, String code, Status status) throws Exception {
        CheckOutcome o = probe(tls("scep.contoso.com", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(days))));
        assertThat(o.status()).isEqualTo(status);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly(code);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("daysLeft", days);
    }

    @Test
    void aCertificateNotYetValidIsNotTimeValid() throws Exception {
        CheckOutcome o = probe(tls("scep.contoso.com", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(400))));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ENDPOINT_TLS_EXPIRED");
    }

    @Test
    void anExpiredCertificateForAnotherNameIsBothFindings() throws Exception {
        CheckOutcome o = probe(tls("ndes01.corp.contoso.com", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1))));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ENDPOINT_TLS_WRONG_NAME", "ENDPOINT_TLS_EXPIRED");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("host", "scep.contoso.com");
    }

    @Test
    void aProbeRecordedWithoutTheChainIsSkipped() throws Exception {
        CheckOutcome o = probe(List.of());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NO_TLS_CHAIN");
    }
}
