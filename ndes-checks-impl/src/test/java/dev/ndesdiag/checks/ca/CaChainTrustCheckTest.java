package dev.ndesdiag.checks.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
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
    @Test
    void withoutAnyRaCertificateTheCaIsUnknownAndNotJudged() {
        CheckOutcome o = check(BundleBuilder.in(dir).folder("certs/My").certificate("CA", issuing.certificate())
                .certificate("Root", root.certificate()));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CA_CHAIN_NO_RA");
    }

    @Test
    void aTrustedChainNamesTheRaCertificateItStartedFrom() {
        TestPki.Issued ra = TestPki.ra("CN=NDES01-MSCEP-RA", issuing, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(700)),
                TestPki.RaSpec.signing());
        CheckOutcome o = check(BundleBuilder.in(dir).myCertificateWithKey(ra.certificate()).certificate("CA", issuing.certificate())
                .certificate("Root", root.certificate()));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CA_CHAIN_TRUSTED");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("raThumbprint", BundleBuilder.thumbprint(ra.certificate()));
    }

    @Test
    void aRootMissingAboveThePresentIntermediateBreaksTheChainThere() {
        CheckOutcome o = check(server(issuing).certificate("CA", issuing.certificate()).folder("certs/Root"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("CA_CHAIN_INCOMPLETE");
        assertThat(f.evidence()).containsEntry("missingIssuer", "CN=Contoso Root CA")
                .containsEntry("path", "CN=Contoso Issuing CA (CA)");
        assertThat(f.message()).contains("breaks at CN=Contoso Root CA: no certificate of that CA");
    }

    @Test
    void anIssuingCaRenewedWithANewKeyDoesNotVerifyTheRaCertificatesSignature() {
        // the CA was renewed with a new key and only the new certificate is on the server
        TestPki.Issued renewed = TestPki.intermediate("CN=Contoso Issuing CA", root, NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(1800)));
        CheckOutcome o = check(server(issuing).certificate("CA", renewed.certificate()).certificate("Root", root.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("CA_CHAIN_KEY_MISMATCH");
        assertThat(f.evidence()).containsEntry("missingIssuer", "CN=Contoso Issuing CA").containsEntry("path", "");
        assertThat(f.message()).contains("none verifies the signature");
    }

    @Test
    void aLoopOfCrossCertificatesWithoutARootIsAnErrorNotAnEndlessWalk() {
        // two CAs cross-certified each other and neither self-signed certificate is on the server
        TestPki.Issued a = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(3000)));
        TestPki.Issued b = TestPki.root("CN=Fabrikam Root CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(3000)));
        TestPki.Issued aByB = TestPki.crossSigned(a, b, NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(900)));
        TestPki.Issued bByA = TestPki.crossSigned(b, a, NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(900)));
        TestPki.Issued under = TestPki.intermediate("CN=Contoso Issuing CA", a, NOW.minus(Duration.ofDays(600)), NOW.plus(Duration.ofDays(900)));
        CheckOutcome o = check(server(under).certificate("CA", under.certificate()).certificate("CA", aByB.certificate())
                .certificate("CA", bByA.certificate()));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CA_CHAIN_TOO_LONG");
        assertThat(o.result().findings().get(0).evidence().get("path").toString().split(" <- ")).hasSize(8);
    }
}
