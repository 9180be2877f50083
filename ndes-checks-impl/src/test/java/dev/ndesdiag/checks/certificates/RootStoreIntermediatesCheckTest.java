package dev.ndesdiag.checks.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalMachine\Root must hold only self-signed roots, or the SCEP pool ends in HTTP 503 / 403.16. */
class RootStoreIntermediatesCheckTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;
    private static TestPki.Issued root;
    private static TestPki.Issued issuing;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        root = TestPki.root("CN=Contoso Root CA,O=Contoso", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(3000)));
        issuing = TestPki.intermediate("CN=Contoso Issuing CA,O=Contoso", root, NOW.minus(Duration.ofDays(900)),
                NOW.plus(Duration.ofDays(1500)));
    }

    private CheckOutcome check(BundleBuilder b) {
        return Analysis.outcome(b.dir(), new RootStoreIntermediatesCheck());
    }

    @Test
    void passesWhenRootHoldsOnlySelfSignedRoots() {
        TestPki.Issued other = TestPki.root("CN=Microsoft Root Certificate Authority 2011", NOW.minus(Duration.ofDays(9)),
                NOW.plus(Duration.ofDays(9)));
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate())
                .certificate("Root", other.certificate()).certificate("CA", issuing.certificate()));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ROOT_STORE_CLEAN");
    }

    @Test
    void anIntermediateInTrustedRootCitesTheRegistrationPointsRefusals40316FromTheIisLog() {
        // the policy module's VerifyRequest refused 403.16 (client certificate not trusted): Microsoft Learn,
        // troubleshoot-scep-certificate-ndes-policy-module; win32 status 2148204809 is 0x800B0109
        String log = dev.ndesdiag.fixtures.EvidenceFixtures.W3C_HEADER + dev.ndesdiag.fixtures.EvidenceFixtures.w3c(
                dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo(12), "POST", "/CertificateRegistrationSvc/Certificate/VerifyRequest",
                "", 403, 16, 2148204809L, "NDES_Plugin");
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate())
                .certificate("Root", issuing.certificate()).text("logs/iis/W3SVC1/u_ex261120.log", log));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).singleElement().satisfies(f -> assertThat(f.evidence().get("iisLog")).asString()
                .startsWith("1 SCEP request(s) failed with 403.16 in the IIS log").contains("iis-scep-requests"));
    }

    @Test
    void aCleanRootStoreCitesNoLogEvenWhenTheLogHolds40316() {
        String log = dev.ndesdiag.fixtures.EvidenceFixtures.W3C_HEADER + dev.ndesdiag.fixtures.EvidenceFixtures.w3c(
                dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo(12), "POST", "/CertificateRegistrationSvc/Certificate/VerifyRequest",
                "", 403, 16, 2148204809L, "NDES_Plugin");
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate()).text("logs/iis/W3SVC1/u_ex261120.log", log));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ROOT_STORE_CLEAN");
        assertThat(o.result().findings().get(0).evidence()).doesNotContainKey("iisLog");
    }

    @Test
    void failsWhenTheIssuingCaSitsInTrustedRoot() {
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate())
                .certificate("Root", issuing.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("ROOT_STORE_INTERMEDIATE");
            assertThat(f.message()).contains("CN=Contoso Issuing CA,O=Contoso").contains("HTTP 503").contains("403.16");
            assertThat(f.evidence()).containsEntry("thumbprint", BundleBuilder.thumbprint(issuing.certificate()))
                    .containsEntry("issuer", "CN=Contoso Root CA,O=Contoso");
            assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r)
                    .contains("Cert:\\LocalMachine\\CA").contains(BundleBuilder.thumbprint(issuing.certificate()))
                    // Microsoft: remove the intermediates, "and then restart the NDES server"
                    // (troubleshoot-scep-certificate-device-to-ndes, common causes for an application pool crash)
                    .contains("restart the NDES server").doesNotContain("Then run iisreset"));
        });
    }

    @Test
    void failsForAnIntermediateEvenWhenItsRootIsMissing() {
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", issuing.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void failsForAnEndEntityCertificateInRoot() {
        TestPki.Issued leaf = TestPki.leaf("CN=ndes01.corp.contoso.com", issuing, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(300)));
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate()).certificate("Root", leaf.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).message()).contains("non-CA");
    }

    @Test
    void exceptsACrossSignedTwinOfARootThatIsPresent() {
        TestPki.Issued newRoot = TestPki.root("CN=Contoso Root CA G2,O=Contoso", NOW.minus(Duration.ofDays(30)),
                NOW.plus(Duration.ofDays(3000)));
        TestPki.Issued crossSigned = TestPki.crossSigned(newRoot, root, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(900)));
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate())
                .certificate("Root", newRoot.certificate()).certificate("Root", crossSigned.certificate()));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ROOT_STORE_CLEAN", "CROSS_SIGNED_ROOT");
    }

    @Test
    void failsForACrossSignedCertificateWhoseSelfSignedTwinIsAbsent() {
        TestPki.Issued newRoot = TestPki.root("CN=Contoso Root CA G2,O=Contoso", NOW.minus(Duration.ofDays(30)),
                NOW.plus(Duration.ofDays(3000)));
        TestPki.Issued crossSigned = TestPki.crossSigned(newRoot, root, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(900)));
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate())
                .certificate("Root", crossSigned.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aCertificateNamedLikeItsIssuerButSignedByAnotherKeyIsNotARoot() {
        TestPki.Issued impostor = TestPki.intermediate("CN=Contoso Root CA,O=Contoso", root, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(9)));
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate()).certificate("Root", impostor.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void anUnreadableRootCertificateIsAnErrorNamingTheFileNeverAPass() {
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate())
                .bytes("certs/Root/0000000000000000000000000000000000000000.cer", "garbage".getBytes(StandardCharsets.UTF_8)));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("INPUT_UNREADABLE");
        assertThat(o.result().findings().get(0).message()).contains("certs/Root/0000000000000000000000000000000000000000.cer");
    }

    @Test
    void isSkippedWhenTheRootStoreWasNotCollected() {
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("My", root.certificate()));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).contains("LocalMachine\\Root");
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r).contains("Cert:\\LocalMachine\\Root"));
    }

    @Test
    void isSkippedNamingTheRootStoreExportWhenNoCertificateWasCollected() {
        CheckOutcome o = check(BundleBuilder.in(dir));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("Cert:\\LocalMachine\\Root"));
    }

    @Test
    void anEmptyRootFolderIsNotTakenAsAHealthyStore() {
        assertThat(check(BundleBuilder.in(dir).folder("certs/Root")).status()).isEqualTo(Status.SKIPPED);
    }
    @Test
    void aCleanStoreWithACrossSignedTwinCountsEveryCertificateAndNamesTheTwin() {
        TestPki.Issued newRoot = TestPki.root("CN=Contoso Root CA G2,O=Contoso", NOW.minus(Duration.ofDays(30)),
                NOW.plus(Duration.ofDays(3000)));
        TestPki.Issued crossSigned = TestPki.crossSigned(newRoot, root, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(900)));
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate())
                .certificate("Root", newRoot.certificate()).certificate("Root", crossSigned.certificate()));
        Finding clean = o.result().findings().get(0);
        assertThat(clean.message()).isEqualTo("All 3 certificates in LocalMachine\\Root are self-signed roots or cross-signed "
                + "twins of them.");
        assertThat(clean.evidence()).containsEntry("certificates", 3);
        assertThat(o.result().findings().get(1).evidence())
                .containsEntry("thumbprint", BundleBuilder.thumbprint(crossSigned.certificate()))
                .containsEntry("twinThumbprint", BundleBuilder.thumbprint(newRoot.certificate()));
    }

    @Test
    void aStoreOfOnlySelfSignedRootsIsCalledCleanWithItsCount() {
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate()));
        assertThat(o.result().findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("All 1 certificates in LocalMachine\\Root are self-signed roots.");
            assertThat(f.evidence()).containsEntry("certificates", 1);
        });
    }

    @Test
    void everyIntermediateInTrustedRootIsReportedWithItsFileAndExpiry() {
        TestPki.Issued second = TestPki.intermediate("CN=Contoso Policy CA,O=Contoso", root, NOW.minus(Duration.ofDays(100)),
                NOW.plus(Duration.ofDays(1000)));
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate())
                .certificate("Root", issuing.certificate()).certificate("Root", second.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("ROOT_STORE_INTERMEDIATE", "ROOT_STORE_INTERMEDIATE");
        assertThat(o.result().findings()).extracting(f -> f.evidence().get("subject"))
                .containsExactlyInAnyOrder("CN=Contoso Issuing CA,O=Contoso", "CN=Contoso Policy CA,O=Contoso");
        Finding f = o.result().findings().stream().filter(x -> x.evidence().get("subject").equals("CN=Contoso Policy CA,O=Contoso"))
                .findFirst().orElseThrow();
        String tp = BundleBuilder.thumbprint(second.certificate());
        assertThat(f.evidence()).containsEntry("file", "certs/Root/" + tp + ".cer")
                .containsEntry("notAfter", second.certificate().getNotAfter().toInstant().toString());
        assertThat(f.message()).startsWith("LocalMachine\\Root holds the intermediate CA certificate CN=Contoso Policy CA,O=Contoso");
    }
}
