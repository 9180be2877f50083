package dev.ndesdiag.checks.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA that issued the RA certificates must chain to a trusted root on the NDES server. */
class CaChainTrustCheckTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;

    @TempDir
    Path dir;

    private final TestPki.Issued root = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(3000)));
    private final TestPki.Issued issuing = TestPki.intermediate("CN=Contoso Issuing CA", root, NOW.minus(Duration.ofDays(600)),
            NOW.plus(Duration.ofDays(900)));

    private BundleBuilder server(TestPki.Issued ca) {
        TestPki.Issued ra = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(700)),
                TestPki.RaSpec.signing());
        return BundleBuilder.in(dir).myCertificateWithKey(ra.certificate());
    }

    private static CheckOutcome check(BundleBuilder b) {
        return Analysis.outcome(b.dir(), new CaChainTrustCheck());
    }

    @Test
    void aChainThroughTheIntermediateStoreToATrustedRootPasses() {
        CheckOutcome o = check(server(issuing).certificate("CA", issuing.certificate()).certificate("Root", root.certificate()));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).evidence().get("path").toString())
                .isEqualTo("CN=Contoso Issuing CA (CA) <- CN=Contoso Root CA (Root)");
    }

    @Test
    void aMissingIntermediateFails() {
        CheckOutcome o = check(server(issuing).certificate("Root", root.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("CA_CHAIN_INCOMPLETE");
    }

    @Test
    void aRootOnlyInTheIntermediateStoreIsNotTrusted() {
        CheckOutcome o = check(server(issuing).certificate("CA", issuing.certificate()).certificate("CA", root.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("CA_ROOT_NOT_TRUSTED");
    }

    @Test
    void anExpiredIntermediateFails() {
        TestPki.Issued old = TestPki.intermediate("CN=Contoso Issuing CA", root, NOW.minus(Duration.ofDays(900)),
                NOW.minus(Duration.ofDays(1)));
        CheckOutcome o = check(server(old).certificate("CA", old.certificate()).certificate("Root", root.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("CA_CERT_NOT_TIME_VALID");
    }

    @Test
    void withoutCaOrRootStoresTheChainIsNotJudged() {
        assertThat(check(server(issuing)).status()).isEqualTo(Status.SKIPPED);
    }
}
