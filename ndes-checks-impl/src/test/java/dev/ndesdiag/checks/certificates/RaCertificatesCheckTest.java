package dev.ndesdiag.checks.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.fixtures.TestPki.RaSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NDES needs both RA certificates, valid, with their keys, from a CA it holds; else HTTP 500. */
class RaCertificatesCheckTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;
    private static final String RA_DN = "CN=NDES01-MSCEP-RA,O=Contoso";
    private static TestPki.Issued root;
    private static TestPki.Issued issuing;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        root = TestPki.root("CN=Contoso Root CA,O=Contoso", NOW.minus(days(900)), NOW.plus(days(3000)));
        issuing = TestPki.intermediate("CN=Contoso Issuing CA,O=Contoso", root, NOW.minus(days(900)), NOW.plus(days(1500)));
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }

    private static TestPki.Issued ra(RaSpec spec, long validForDays) {
        return TestPki.ra(RA_DN, issuing, NOW.minus(days(300)), NOW.plus(days(validForDays)), spec);
    }

    /** A server with both CAs in place and the given RA certificates, each with its key. */
    private BundleBuilder server(TestPki.Issued... ras) {
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", root.certificate()).certificate("CA", issuing.certificate())
                .registry("mscep.reg", new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo")
                        .string("Configuration", "ca01.corp.contoso.com\\Contoso Issuing CA"));
        for (TestPki.Issued r : ras) {
            b.myCertificateWithKey(r.certificate());
        }
        return b;
    }

    private static CheckOutcome check(BundleBuilder b) {
        return Analysis.outcome(b.dir(), new RaCertificatesCheck());
    }

    private static List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    private static Finding finding(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + codes(o)));
    }

    @Test
    void passesWithBothRaCertificatesValidWithKeysFromTheIssuingCa() {
        CheckOutcome o = check(server(ra(RaSpec.signing(), 400), ra(RaSpec.encryption(), 400)));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("RA_CERT_VALID", "RA_CERT_HAS_PRIVATE_KEY", "RA_CERT_CHAINS",
                "RA_CERT_VALID", "RA_CERT_HAS_PRIVATE_KEY", "RA_CERT_CHAINS");
    }

    @Test
    void failsWhenTheEnrollmentAgentCertificateExpired() {
        TestPki.Issued expired = TestPki.ra(RA_DN, issuing, NOW.minus(days(730)), NOW.minus(days(49)), RaSpec.signing());
        CheckOutcome o = check(server(expired, ra(RaSpec.encryption(), 400)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "RA_CERT_EXPIRED");
        assertThat(f.message()).contains("Exchange Enrollment Agent (Offline request)").contains("49 days before collection")
                .contains("HTTP 500");
        assertThat(f.evidence()).containsEntry("thumbprint", BundleBuilder.thumbprint(expired.certificate()))
                .containsEntry("daysLeft", -49L);
        // Microsoft's procedure: enrol the EEA in the user context with an exportable key, export, import into
        // LocalMachine\My, grant Read, iisreset; a machine-context INF with the template fails with 0x8007000d (seed 001).
        // https://learn.microsoft.com/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes#internal-server-error
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("My user account").contains("Make private key exportable").contains("password")
                .contains("CN=NDES01-MSCEP-RA,O=Contoso").contains("Manage Private Keys").contains("iisreset")
                .doesNotContain("CertificateTemplate=EnrollmentAgentOffline").doesNotContain("-p \"\""));
    }

    @Test
    void anExpiredRaCertificateCitesNdesEvent10WhenTheApplicationLogHasIt() {
        // issue 12: a configuration check mentions the server's own record when both are present
        TestPki.Issued expired = TestPki.ra(RA_DN, issuing, NOW.minus(days(730)), NOW.minus(days(2)), RaSpec.signing());
        String event10 = dev.ndesdiag.fixtures.EvidenceFixtures.event(dev.ndesdiag.fixtures.EvidenceFixtures.NDES, "Application",
                10, 2, Instant.parse("2026-11-20T08:00:05Z"), 41, "The Network Device Enrollment Service cannot retrieve one "
                        + "of its required certificates (0x80070057). The parameter is incorrect.", "0x80070057");
        CheckOutcome o = check(server(expired, ra(RaSpec.encryption(), 400))
                .text("events/Application.xml", dev.ndesdiag.fixtures.EvidenceFixtures.export(List.of(event10))));
        assertThat(finding(o, "RA_CERT_EXPIRED").evidence().get("ndesEvent")).asString()
                .startsWith("event 10 at 2026-11-20T08:00:05Z");
        assertThat(finding(o, "RA_CERT_HAS_PRIVATE_KEY").evidence()).doesNotContainKey("ndesEvent");
    }

    @Test
    void failsWhenTheCepEncryptionCertificateExpired() {
        TestPki.Issued expired = TestPki.ra(RA_DN, issuing, NOW.minus(days(730)), NOW.minus(days(3)), RaSpec.encryption());
        CheckOutcome o = check(server(ra(RaSpec.signing(), 400), expired));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "RA_CERT_EXPIRED").message()).contains("CEP Encryption");
        assertThat(finding(o, "RA_CERT_EXPIRED").remediation()).hasValueSatisfying(r -> assertThat(r).contains("CEP Encryption template"));
    }

    @Test
    void warnsWithTheRenewalInfWhenACertificateExpiresIn20Days() {
        TestPki.Issued soon = ra(RaSpec.signing(), 20);
        CheckOutcome o = check(server(soon, ra(RaSpec.encryption(), 400)));
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = finding(o, "RA_CERT_EXPIRING_SOON");
        assertThat(f.evidence()).containsEntry("daysLeft", 20L);
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("RenewalCert=\"" + BundleBuilder.thumbprint(soon.certificate()) + "\"").contains("MachineKeySet=TRUE")
                .contains("certreq -accept -machine renewal.cer").contains("subject type is User"));
    }

    @Test
    void warnsUrgentlyWithin14Days() {
        CheckOutcome o = check(server(ra(RaSpec.signing(), 400), ra(RaSpec.encryption(), 9)));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(finding(o, "RA_CERT_EXPIRING_URGENT").message()).contains("Renew it now");
    }

    @Test
    void notesWithoutWarningWithin60Days() {
        CheckOutcome o = check(server(ra(RaSpec.signing(), 45), ra(RaSpec.encryption(), 400)));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "RA_CERT_EXPIRING").evidence()).containsEntry("daysLeft", 45L);
    }

    @Test
    void findsRaCertificatesFromCustomV2TemplatesByEkuAndKeyUsage() {
        CheckOutcome o = check(server(ra(RaSpec.custom(KeyUsage.digitalSignature, "1.3.6.1.4.1.311.21.8.1.2.3"), 400),
                ra(RaSpec.custom(KeyUsage.keyEncipherment, "1.3.6.1.4.1.311.21.8.1.2.4"), 400)));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "RA_CERT_VALID").evidence()).containsEntry("identifiedBy", "Certificate Request Agent EKU and key usage")
                .containsEntry("template", "template 1.3.6.1.4.1.311.21.8.1.2.3");
    }

    @Test
    void resolvesAV2TemplateOidToItsNameThroughTheTemplateCache() {
        BundleBuilder b = server(ra(RaSpec.custom(KeyUsage.digitalSignature, "1.3.6.1.4.1.311.21.8.1.2.3"), 400),
                ra(RaSpec.encryption(), 400))
                .registry("templates.reg", new RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache\\ContosoNDESSigning")
                        .string("msPKI-Cert-Template-OID", "1.3.6.1.4.1.311.21.8.1.2.3"));
        assertThat(finding(check(b), "RA_CERT_VALID").evidence()).containsEntry("template", "ContosoNDESSigning");
    }

    @Test
    void failsWhenARoleIsMissing() {
        CheckOutcome o = check(server(ra(RaSpec.signing(), 400)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "RA_CERT_MISSING").evidence()).containsEntry("role", "CEP Encryption");
    }

    @Test
    void aCertificateWithoutTheRequestAgentEkuIsNotAnRaCertificate() {
        TestPki.Issued tls = TestPki.leaf("CN=ndes01.corp.contoso.com", issuing, NOW.minus(days(1)), NOW.plus(days(300)));
        CheckOutcome o = check(server(ra(RaSpec.signing(), 400)).myCertificateWithKey(tls.certificate()));
        assertThat(finding(o, "RA_CERT_MISSING").evidence()).containsEntry("role", "CEP Encryption");
    }

    @Test
    void judgesTheValidCertificateWhenAnExpiredLeftoverSitsBesideIt() {
        TestPki.Issued old = TestPki.ra(RA_DN, issuing, NOW.minus(days(1000)), NOW.minus(days(270)), RaSpec.signing());
        CheckOutcome o = check(server(old, ra(RaSpec.signing(), 400), ra(RaSpec.encryption(), 400)));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenTheServerHasNoPrivateKeyForIt() {
        TestPki.Issued signing = ra(RaSpec.signing(), 400);
        BundleBuilder b = server(ra(RaSpec.encryption(), 400)).certificate("My", signing.certificate())
                .keySidecar(signing.certificate(), false, "");
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).contains("RA_CERT_NO_PRIVATE_KEY");
    }

    @Test
    void aHandCollectedBundleWithoutKeySidecarsSkipsTheKeyAndStillJudgesTheRest() {
        TestPki.Issued signing = ra(RaSpec.signing(), 400);
        CheckOutcome o = check(server(ra(RaSpec.encryption(), 400)).certificate("My", signing.certificate()));
        assertThat(o.status()).isEqualTo(Status.PASS);
        Finding unknown = finding(o, "RA_PRIVATE_KEY_UNKNOWN");
        assertThat(unknown.status()).isEqualTo(Status.SKIPPED);
        assertThat(unknown.message()).contains(".json");
        assertThat(codes(o)).contains("RA_CERT_CHAINS");
    }

    @Test
    void anRaKeyInACngKeyStorageProviderFails() {
        // Microsoft's validator: "NDES only supports the CryptoAPI CSP" (markstan/Validate-NDESConfiguration)
        TestPki.Issued signing = ra(RaSpec.signing(), 400);
        BundleBuilder b = server(ra(RaSpec.encryption(), 400)).certificate("My", signing.certificate())
                .keySidecar(signing.certificate(), true, "O:SYG:SYD:PAI(A;;FA;;;SY)", "CNG",
                        "Microsoft Software Key Storage Provider", false);
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "RA_KEY_IN_KSP");
        assertThat(f.message()).contains("Microsoft Software Key Storage Provider").contains("CryptoAPI").contains("HTTP 500");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("Microsoft Strong Cryptographic Provider"));
    }

    @Test
    void aKspKeyWhoseSidecarDoesNotSayItsStorageFailsWithoutAStorageTheSidecarDidNotSay() {
        // the provider's name says KSP; the evidence shows what the sidecar said, not a keyStorage it lacks
        TestPki.Issued signing = ra(RaSpec.signing(), 400);
        BundleBuilder b = server(ra(RaSpec.encryption(), 400)).certificate("My", signing.certificate())
                .text("certs/My/" + BundleBuilder.thumbprint(signing.certificate()) + ".json", "{\"hasPrivateKey\": true, "
                        + "\"keyProvider\": \"Microsoft Software Key Storage Provider\", \"keyFileSddl\": \"O:SYG:SYD:PAI(A;;FA;;;SY)\", "
                        + "\"archived\": false}");
        Finding f = finding(check(b), "RA_KEY_IN_KSP");
        assertThat(f.evidence()).containsEntry("keyProvider", "Microsoft Software Key Storage Provider")
                .doesNotContainKey("keyStorage");
    }

    @Test
    void aRenewedRaCertificateBesideItsArchivedPredecessorIsJudgedAlone() {
        TestPki.Issued archivedOld = TestPki.ra(RA_DN, issuing, NOW.minus(days(700)), NOW.plus(days(20)), RaSpec.signing());
        CheckOutcome o = check(server(ra(RaSpec.signing(), 700), ra(RaSpec.encryption(), 400))
                .archivedInMy(archivedOld.certificate()));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).noneMatch(f -> f.evidence().containsValue(BundleBuilder.thumbprint(archivedOld.certificate())));
    }

    @Test
    void anArchivedRaCertificateAloneIsNotAnRaCertificateNdesCanUse() {
        TestPki.Issued archived = ra(RaSpec.signing(), 400);
        CheckOutcome o = check(server(ra(RaSpec.encryption(), 400)).archivedInMy(archived.certificate()));
        assertThat(finding(o, "RA_CERT_MISSING").evidence()).containsEntry("role", "Exchange Enrollment Agent (Offline request)");
    }

    @Test
    void aCaRenewedWithTheSameKeyChainsThroughTheRenewedCertificateWhateverTheStoreOrder() {
        // the expired twin and the renewed certificate share subject and key; the chain engine keeps the time-valid one
        TestPki.Issued expiredTwin = TestPki.crossSigned(issuing, root, NOW.minus(days(2000)), NOW.minus(days(5)));
        TestPki.Issued renewed = TestPki.crossSigned(issuing, root, NOW.minus(days(30)), NOW.plus(days(1800)));
        for (TestPki.Issued first : List.of(expiredTwin, renewed)) {
            TestPki.Issued second = first == expiredTwin ? renewed : expiredTwin;
            Path d = dir.resolve(first == expiredTwin ? "a" : "b");
            BundleBuilder b = BundleBuilder.in(d).certificate("Root", root.certificate())
                    .certificate("CA", first.certificate()).certificate("CA", second.certificate())
                    .myCertificateWithKey(ra(RaSpec.signing(), 400).certificate())
                    .myCertificateWithKey(ra(RaSpec.encryption(), 400).certificate());
            CheckOutcome o = check(b);
            assertThat(o.status()).as("CA store order %s", first == expiredTwin ? "expired first" : "renewed first")
                    .isEqualTo(Status.PASS);
            assertThat(finding(o, "RA_CERT_CHAINS").evidence())
                    .containsEntry("issuerThumbprint", BundleBuilder.thumbprint(renewed.certificate()));
        }
    }

    @Test
    void anRaCertificateStillIssuedByThePreviousCaKeyFailsAlthoughTheOldCaCertificateIsPresent() {
        TestPki.Issued renewedWithNewKey = TestPki.intermediate("CN=Contoso Issuing CA,O=Contoso", root, NOW.minus(days(30)),
                NOW.plus(days(1800)));
        BundleBuilder b = server(ra(RaSpec.signing(), 400), ra(RaSpec.encryption(), 400))
                .certificate("CA", renewedWithNewKey.certificate());
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "RA_ISSUED_BY_PREVIOUS_CA_KEY");
        assertThat(f.evidence()).containsEntry("issuerThumbprint", BundleBuilder.thumbprint(issuing.certificate()))
                .containsEntry("currentCaThumbprint", BundleBuilder.thumbprint(renewedWithNewKey.certificate()));
        assertThat(f.message()).contains("GetCACert").contains("Windows devices");
    }

    @Test
    void failsWhenTheIssuingCaCertificateIsNotOnTheServer() {
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", root.certificate())
                .myCertificateWithKey(ra(RaSpec.signing(), 400).certificate())
                .myCertificateWithKey(ra(RaSpec.encryption(), 400).certificate());
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "RA_CERT_ISSUER_MISSING").remediation()).hasValueSatisfying(r -> assertThat(r).contains("certutil -addstore CA"));
    }

    @Test
    void failsWhenTheRaCertificateBelongsToAnOldCaKey() {
        TestPki.Issued renewedCa = TestPki.intermediate("CN=Contoso Issuing CA,O=Contoso", root, NOW.minus(days(30)),
                NOW.plus(days(1800)));
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", root.certificate()).certificate("CA", renewedCa.certificate())
                .myCertificateWithKey(ra(RaSpec.signing(), 400).certificate())
                .myCertificateWithKey(ra(RaSpec.encryption(), 400).certificate());
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "RA_CERT_ISSUER_KEY_MISMATCH").message()).contains("renewed with a new key");
    }

    @Test
    void anRaCertificateNotYetValidFailsAndPointsAtTheClock() {
        // a clock behind the CA's (or a certificate issued with a future notBefore): NDES cannot use it yet
        TestPki.Issued future = TestPki.ra(RA_DN, issuing, NOW.plus(days(2)), NOW.plus(days(700)), RaSpec.signing());
        CheckOutcome o = check(server(future, ra(RaSpec.encryption(), 400)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "RA_CERT_NOT_YET_VALID");
        assertThat(f.status()).isEqualTo(Status.FAIL);
        assertThat(f.evidence()).containsEntry("thumbprint", BundleBuilder.thumbprint(future.certificate()))
                .containsEntry("role", "Exchange Enrollment Agent (Offline request)");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("w32tm"));
    }

    @Test
    void anRaCertificateWhoseIssuingCaCertificateExpiredFailsEvenThoughTheRaCertificateIsValid() {
        // the chain engine needs every certificate of the chain time-valid; an expired issuing CA breaks it
        TestPki.Issued expiredCa = TestPki.intermediate("CN=Contoso Old Issuing CA,O=Contoso", root, NOW.minus(days(1900)),
                NOW.minus(days(10)));
        TestPki.Issued signing = TestPki.ra(RA_DN, expiredCa, NOW.minus(days(300)), NOW.plus(days(400)), RaSpec.signing());
        CheckOutcome o = check(server(signing, ra(RaSpec.encryption(), 400)).certificate("CA", expiredCa.certificate()));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("RA_CERT_VALID", "RA_CERT_HAS_PRIVATE_KEY", "RA_ISSUER_EXPIRED",
                "RA_CERT_VALID", "RA_CERT_HAS_PRIVATE_KEY", "RA_CERT_CHAINS");
        assertThat(finding(o, "RA_ISSUER_EXPIRED").evidence())
                .containsEntry("issuerThumbprint", BundleBuilder.thumbprint(expiredCa.certificate()))
                .containsEntry("thumbprint", BundleBuilder.thumbprint(signing.certificate()));
    }

    @Test
    void withoutTheCaAndRootStoresTheChainIsNotCheckedRatherThanFailed() {
        // unknown is no verdict: a bundle without certs/CA and certs/Root cannot say the issuer is missing
        BundleBuilder b = BundleBuilder.in(dir).myCertificateWithKey(ra(RaSpec.signing(), 400).certificate())
                .myCertificateWithKey(ra(RaSpec.encryption(), 400).certificate());
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("RA_CERT_VALID", "RA_CERT_HAS_PRIVATE_KEY", "RA_CHAIN_NOT_CHECKED",
                "RA_CERT_VALID", "RA_CERT_HAS_PRIVATE_KEY", "RA_CHAIN_NOT_CHECKED");
        assertThat(finding(o, "RA_CHAIN_NOT_CHECKED").status()).isEqualTo(Status.SKIPPED);
        assertThat(finding(o, "RA_CHAIN_NOT_CHECKED").remediation()).hasValueSatisfying(r -> assertThat(r).contains("certs/CA"));
    }

    @Test
    void withOnlyTheIntermediateStoreCollectedAMissingIssuingCaIsAFailure() {
        // one of the two stores is enough to say the issuing CA is absent
        BundleBuilder b = BundleBuilder.in(dir).certificate("CA", root.certificate())
                .myCertificateWithKey(ra(RaSpec.signing(), 400).certificate())
                .myCertificateWithKey(ra(RaSpec.encryption(), 400).certificate());
        assertThat(codes(check(b))).contains("RA_CERT_ISSUER_MISSING").doesNotContain("RA_CHAIN_NOT_CHECKED");
    }

    @Test
    void isSkippedWhenLocalMachineMyWasNotCollected() {
        CheckOutcome o = check(BundleBuilder.in(dir).certificate("Root", root.certificate()));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r).contains("Cert:\\LocalMachine\\My"));
    }
    @Test
    void anExpiredRaCertificateSaysHowManyDaysAgoItExpiredAsAPositiveCount() {
        TestPki.Issued expired = TestPki.ra(RA_DN, issuing, NOW.minus(days(730)), NOW.minus(days(49)), RaSpec.signing());
        Finding f = finding(check(server(expired, ra(RaSpec.encryption(), 400))), "RA_CERT_EXPIRED");
        assertThat(f.message()).contains(" expired on " + expired.certificate().getNotAfter().toInstant().toString().substring(0, 10)
                + " (49 days before collection)");
    }

    @Test
    void theLatestOfNdesEvents10And2IsCitedAndOtherEventsAreNot() {
        // NDES logs 10 then 2 at a failed start; a later unrelated event of the service is not its start failure
        TestPki.Issued expired = TestPki.ra(RA_DN, issuing, NOW.minus(days(730)), NOW.minus(days(2)), RaSpec.signing());
        String ndes = dev.ndesdiag.fixtures.EvidenceFixtures.NDES;
        String e10 = dev.ndesdiag.fixtures.EvidenceFixtures.event(ndes, "Application", 10, 2, Instant.parse("2026-11-20T08:00:05Z"),
                41, "The Network Device Enrollment Service cannot retrieve one of its required certificates (0x80070057).",
                "0x80070057");
        String e2 = dev.ndesdiag.fixtures.EvidenceFixtures.event(ndes, "Application", 2, 2, Instant.parse("2026-11-20T08:00:06Z"),
                42, "The Network Device Enrollment Service cannot be started (0x80070057).", "0x80070057");
        String later = dev.ndesdiag.fixtures.EvidenceFixtures.event(ndes, "Application", 35, 4, Instant.parse("2026-11-20T09:00:00Z"),
                43, "The Network Device Enrollment Service started.");
        CheckOutcome o = check(server(expired, ra(RaSpec.encryption(), 400))
                .text("events/Application.xml", dev.ndesdiag.fixtures.EvidenceFixtures.export(List.of(e10, e2, later))));
        assertThat(finding(o, "RA_CERT_EXPIRED").evidence().get("ndesEvent")).asString()
                .startsWith("event 2 at 2026-11-20T08:00:06Z (Application log");
    }

    @Test
    void withoutEvent10Or2NoServiceEventIsCitedBesideAFailure() {
        TestPki.Issued expired = TestPki.ra(RA_DN, issuing, NOW.minus(days(730)), NOW.minus(days(2)), RaSpec.signing());
        String started = dev.ndesdiag.fixtures.EvidenceFixtures.event(dev.ndesdiag.fixtures.EvidenceFixtures.NDES, "Application", 35, 4,
                Instant.parse("2026-11-20T09:00:00Z"), 43, "The Network Device Enrollment Service started.");
        CheckOutcome o = check(server(expired, ra(RaSpec.encryption(), 400))
                .text("events/Application.xml", dev.ndesdiag.fixtures.EvidenceFixtures.export(List.of(started))));
        assertThat(finding(o, "RA_CERT_EXPIRED").evidence()).doesNotContainKey("ndesEvent");
    }

    @Test
    void aKeyHeldInACryptoApiCspIsReportedWithItsStorageAndProvider() {
        TestPki.Issued signing = ra(RaSpec.signing(), 400);
        Finding f = finding(check(server(signing, ra(RaSpec.encryption(), 400))), "RA_CERT_HAS_PRIVATE_KEY");
        assertThat(f.message()).isEqualTo("The Exchange Enrollment Agent (Offline request) certificate "
                + BundleBuilder.thumbprint(signing.certificate()) + " has its private key (CAPI).");
        assertThat(f.evidence()).containsEntry("keyProvider", "Microsoft Strong Cryptographic Provider")
                .containsEntry("thumbprint", BundleBuilder.thumbprint(signing.certificate()));
    }

    @Test
    void aKeyTheSidecarPutsInCngFailsEvenWhenTheProvidersNameDoesNotSaySo() {
        // a vendor's HSM key storage provider need not be named "... Key Storage Provider": the sidecar's storage decides
        TestPki.Issued signing = ra(RaSpec.signing(), 400);
        BundleBuilder b = server(ra(RaSpec.encryption(), 400)).certificate("My", signing.certificate())
                .keySidecar(signing.certificate(), true, "O:SYG:SYD:PAI(A;;FA;;;SY)", "CNG", "Contoso HSM Provider", false);
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "RA_KEY_IN_KSP").evidence()).containsEntry("keyStorage", "CNG")
                .containsEntry("keyProvider", "Contoso HSM Provider");
    }

    @Test
    void aKeyInTheTpmsPlatformCryptoProviderIsACngKeyAndFails() {
        TestPki.Issued signing = ra(RaSpec.signing(), 400);
        BundleBuilder b = server(ra(RaSpec.encryption(), 400)).certificate("My", signing.certificate())
                .text("certs/My/" + BundleBuilder.thumbprint(signing.certificate()) + ".json", "{\"hasPrivateKey\": true, "
                        + "\"keyProvider\": \"Microsoft Platform Crypto Provider\", \"archived\": false}");
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("RA_CERT_VALID", "RA_KEY_IN_KSP", "RA_CERT_CHAINS",
                "RA_CERT_VALID", "RA_CERT_HAS_PRIVATE_KEY", "RA_CERT_CHAINS");
    }

    @Test
    void anUnreadableFileInMyIsReportedBesideTheVerdictsOnTheRaCertificates() {
        CheckOutcome o = check(server(ra(RaSpec.signing(), 400), ra(RaSpec.encryption(), 400))
                .bytes("certs/My/0123456789ABCDEF0123456789ABCDEF01234567.cer", "not a certificate".getBytes()));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(codes(o)).containsExactly("INPUT_UNREADABLE", "RA_CERT_VALID", "RA_CERT_HAS_PRIVATE_KEY", "RA_CERT_CHAINS",
                "RA_CERT_VALID", "RA_CERT_HAS_PRIVATE_KEY", "RA_CERT_CHAINS");
    }
    @Test
    void theRenewalStepsSubmitToTheCaNdesUsesAndGrantTheScepPoolsAccount() {
        TestPki.Issued soon = ra(RaSpec.signing(), 20);
        CheckOutcome o = check(server(soon, ra(RaSpec.encryption(), 400))
                .text("iis/applicationHost.config", dev.ndesdiag.fixtures.IisFixtures.runningAs("CONTOSO\\svc_ndes")));
        assertThat(finding(o, "RA_CERT_EXPIRING_SOON").remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("certreq -submit -config \"ca01.corp.contoso.com\\Contoso Issuing CA\" renewal.req renewal.cer")
                .contains("3. Grant CONTOSO\\svc_ndes Read on the new private key"));
    }

    @Test
    void aCaConfigurationWrittenAsTheCaInfoKeysDefaultValueIsUsedToo() {
        // NDES setup keeps the CA's config string in the (Default) value of MSCEP\CAInfo
        TestPki.Issued soon = ra(RaSpec.encryption(), 20);
        BundleBuilder b = server(ra(RaSpec.signing(), 400), soon).registry("mscep.reg", new RegExport()
                .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo")
                .raw("@=\"ca02.corp.contoso.com\\\\Contoso Issuing CA 2\""));
        assertThat(finding(check(b), "RA_CERT_EXPIRING_SOON").remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("-config \"ca02.corp.contoso.com\\Contoso Issuing CA 2\"")
                .contains("3. Grant the SCEP application pool's identity (IIS APPPOOL\\SCEP or its service account) Read"));
    }

    @Test
    void aBlankCaConfigurationLeavesAPlaceholderInTheRenewalSteps() {
        TestPki.Issued soon = ra(RaSpec.encryption(), 20);
        BundleBuilder b = server(ra(RaSpec.signing(), 400), soon).registry("mscep.reg", new RegExport()
                .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo").string("Configuration", " "));
        assertThat(finding(check(b), "RA_CERT_EXPIRING_SOON").remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("-config \"<CA host FQDN>\\<CA name>\""));
    }

    @Test
    void aV2TemplateIsNamedByTheCacheEntryWithItsOwnOidNotByAnotherTemplatesEntry() {
        BundleBuilder b = server(ra(RaSpec.custom(KeyUsage.digitalSignature, "1.3.6.1.4.1.311.21.8.1.2.3"), 400),
                ra(RaSpec.encryption(), 400))
                .registry("templates.reg", new RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache\\AWebServer")
                        .string("msPKI-Cert-Template-OID", "1.3.6.1.4.1.311.21.8.1.2.9")
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache\\ContosoNDESSigning")
                        .string("msPKI-Cert-Template-OID", "1.3.6.1.4.1.311.21.8.1.2.3"));
        assertThat(finding(check(b), "RA_CERT_VALID").evidence()).containsEntry("template", "ContosoNDESSigning");
    }
}
