package dev.ndesdiag.checks.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.fixtures.TestPki.RaSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server must get a valid CRL for its RA and CA certificates, or NDES fails (HTTP 500/503). */
class CrlRetrievabilityCheckTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;
    private static final String ISSUING_CRL = "http://pki.contoso.com/CertEnroll/Contoso%20Issuing%20CA.crl";
    private static final String ISSUING_LDAP = "ldap:///CN=Contoso%20Issuing%20CA,CN=ca01,CN=CDP,CN=Public%20Key%20Services";
    private static final String ROOT_CRL = "http://pki.contoso.com/CertEnroll/Contoso%20Root%20CA.crl";

    private TestPki.Issued root;
    private TestPki.Issued issuing;
    private final List<String> fetches = new ArrayList<>();
    private BundleBuilder bundle;

    @TempDir
    Path dir;

    @BeforeEach
    void pki() {
        root = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(2000)), NOW.plus(Duration.ofDays(3000)));
        issuing = TestPki.intermediate("CN=Contoso Issuing CA", root, NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(900)),
                List.of(ROOT_CRL));
        bundle = BundleBuilder.in(dir).certificate("Root", root.certificate()).certificate("CA", issuing.certificate());
    }

    private TestPki.Issued ra(RaSpec spec, List<String> cdps) {
        TestPki.Issued r = TestPki.ra("CN=NDES01-MSCEP-RA", issuing, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(700)), spec, cdps);
        bundle.myCertificateWithKey(r.certificate());
        return r;
    }

    private void fetched(String url, byte[] crl) {
        String file = "network/" + String.format("%04d", fetches.size() + 1) + ".crl";
        bundle.bytes(file, crl);
        fetches.add("{\"url\":\"" + url + "\",\"purpose\":\"crl\",\"outcome\":\"ok\",\"httpStatus\":200,\"elapsedMs\":35,"
                + "\"file\":\"" + file + "\",\"error\":null}");
    }

    private void fetchedAs(String purpose, String url, byte[] body) {
        String file = "network/" + String.format("%04d", fetches.size() + 1) + "." + (purpose.equals("ocsp") ? "ocsp" : "crl");
        bundle.bytes(file, body);
        fetches.add("{\"url\":\"" + url + "\",\"purpose\":\"" + purpose + "\",\"outcome\":\"ok\",\"httpStatus\":200,"
                + "\"elapsedMs\":35,\"file\":\"" + file + "\",\"error\":null}");
    }

    private void failedAs(String purpose, String url) {
        fetches.add("{\"url\":\"" + url + "\",\"purpose\":\"" + purpose + "\",\"outcome\":\"timeout\",\"httpStatus\":null,"
                + "\"elapsedMs\":15000,\"file\":null,\"error\":\"timed out after 15 s\"}");
    }

    private void failed(String url, String outcome, String error) {
        fetches.add("{\"url\":\"" + url + "\",\"purpose\":\"crl\",\"outcome\":\"" + outcome + "\",\"httpStatus\":null,"
                + "\"elapsedMs\":15000,\"file\":null,\"error\":\"" + error + "\"}");
    }

    private byte[] freshCrl(TestPki.Issued ca, java.security.cert.X509Certificate... revoked) {
        return TestPki.crl(ca, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), revoked);
    }

    private CheckOutcome check() {
        bundle.text("network/fetches.json", "[" + String.join(",\n", fetches) + "]");
        return Analysis.outcome(bundle.dir(), new CrlRetrievabilityCheck());
    }

    private static Finding finding(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + o.result().findings()));
    }

    @Test
    void passesWhenEveryCrlWasFetchedValidAndSigned() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        ra(RaSpec.encryption(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, freshCrl(issuing));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_OK", "CRL_OK", "CRL_OK");
    }

    @Test
    void failsWhenTheCrlCouldNotBeReachedFromTheServer() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        ra(RaSpec.encryption(), List.of(ISSUING_CRL));
        failed(ISSUING_CRL, "timeout", "timed out after 15 s");
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "CRL_UNAVAILABLE");
        assertThat(f.message()).contains("HTTP 500");
        assertThat((List<?>) f.evidence().get("results")).singleElement().asString().contains("timeout").contains("timed out after 15 s");
    }

    @Test
    void failsWhenTheCrlIsPastItsNextUpdate() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, TestPki.crl(issuing, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(3))));
        fetched(ROOT_CRL, freshCrl(root));
        assertThat(finding(check(), "CRL_EXPIRED").message()).contains("nextUpdate");
    }

    @Test
    void failsWhenTheRaCertificateIsRevoked() {
        TestPki.Issued revoked = ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, freshCrl(issuing, revoked.certificate()));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "CERT_REVOKED").evidence()).containsEntry("thumbprint", BundleBuilder.thumbprint(revoked.certificate()));
    }

    @Test
    void warnsWhenOneOfSeveralDistributionPointsFails() {
        ra(RaSpec.signing(), List.of(ISSUING_LDAP, ISSUING_CRL));
        failed(ISSUING_LDAP, "timeout", "timed out after 15 s");
        fetched(ISSUING_CRL, freshCrl(issuing));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(finding(o, "CRL_URL_FAILING").evidence().get("urls")).isEqualTo(List.of(ISSUING_LDAP, ISSUING_CRL));
    }

    @Test
    void anLdapCdpTheCollectorDidNotFetchForWantOfDomainCredentialsIsNoFailure() {
        ra(RaSpec.signing(), List.of(ISSUING_LDAP, ISSUING_CRL));
        failed(ISSUING_LDAP, "not-fetched", "needs domain credentials");
        fetched(ISSUING_CRL, freshCrl(issuing));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("CRL_URL_FAILING", "CRL_UNAVAILABLE");
    }

    @Test
    void saysTheIssuingCaStopsWhenTheOfflineRootsCrlExpired() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, freshCrl(issuing));
        fetched(ROOT_CRL, TestPki.crl(root, NOW.minus(Duration.ofDays(200)), NOW.minus(Duration.ofDays(20))));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "CRL_EXPIRED");
        assertThat(f.message()).contains("Contoso Issuing CA").contains("offline root").contains("Certificate Services");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("certutil -crl"));
    }

    @Test
    void aCrlSignedByAnotherCaDoesNotCount() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        TestPki.Issued impostor = TestPki.root("CN=Contoso Issuing CA", NOW.minus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(5)));
        fetched(ISSUING_CRL, freshCrl(impostor));
        fetched(ROOT_CRL, freshCrl(root));
        Finding f = finding(check(), "CRL_UNAVAILABLE");
        assertThat((List<?>) f.evidence().get("results")).singleElement().asString().contains("not signed by");
    }

    @Test
    void isSkippedWhenTheServerNeverFetchedTheUrls() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsOnly("CRL_NOT_FETCHED");
    }

    @Test
    void isSkippedNamingTheCommandWhenNoFetchesWereCollected() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        CheckOutcome o = Analysis.outcome(bundle.dir(), new CrlRetrievabilityCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).contains("network/fetches.json");
    }

    @Test
    void aCrlWhoseThisUpdateIsStillInTheFutureIsNotACurrentCrl() {
        // CertVerifyCRLTimeValidity returns -1 "if the comparison time is before the ThisUpdate member": a CRL published
        // by a CA whose clock runs ahead (or read on a server whose clock runs behind) is not usable yet
        // (https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certverifycrltimevalidity)
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, TestPki.crl(issuing, NOW.plus(Duration.ofHours(3)), NOW.plus(Duration.ofDays(7))));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "CRL_UNAVAILABLE");
        assertThat((List<?>) f.evidence().get("results")).singleElement().asString().contains("-> failed")
                .contains("in the future");
    }

    @Test
    void aCertificateWithoutADistributionPointHasNoCrlToFetchAndPasses() {
        TestPki.Issued r = ra(RaSpec.signing(), List.of());
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NO_CDP", "CRL_OK");
        assertThat(finding(o, "NO_CDP").evidence()).containsEntry("thumbprint", BundleBuilder.thumbprint(r.certificate()));
    }

    @Test
    void aCrlReadAtExactlyItsNextUpdateIsStillCurrentAsCryptoApiJudgesIt() {
        // CertVerifyCRLTimeValidity returns +1 only "if the comparison time is after the NextUpdate time"
        // (https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certverifycrltimevalidity)
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, TestPki.crl(issuing, NOW.minus(Duration.ofDays(7)), NOW));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_OK", "CRL_OK");
    }

    @Test
    void aCrlReadOneSecondAfterItsNextUpdateHasExpired() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, TestPki.crl(issuing, NOW.minus(Duration.ofDays(7)), NOW.minusSeconds(1)));
        fetched(ROOT_CRL, freshCrl(root));
        assertThat(check().result().findings()).extracting(Finding::code).containsExactly("CRL_EXPIRED", "CRL_OK");
    }

    private static final String DELTA = "http://pki.contoso.com/CertEnroll/Contoso%20Issuing%20CA+.crl";
    private static final String OCSP = "http://ocsp.contoso.com/ocsp";

    private TestPki.Issued raWithOcsp(RaSpec spec) {
        TestPki.Issued r = TestPki.ra("CN=NDES01-MSCEP-RA", issuing, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(700)),
                spec, List.of(ISSUING_CRL), List.of(OCSP));
        bundle.myCertificateWithKey(r.certificate());
        return r;
    }

    @Test
    void anExpiredDeltaCrlBesideACurrentBaseCrlFailsBecauseRevocationIsOffline() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        ra(RaSpec.encryption(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, TestPki.crlWithDelta(issuing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), DELTA));
        fetchedAs("delta-crl", DELTA, TestPki.deltaCrl(issuing, NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofDays(2))));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "DELTA_CRL_UNAVAILABLE");
        assertThat(f.message()).contains("0x80092013").contains("HTTP 500");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("certutil -crl delta"));
    }

    @Test
    void aCurrentDeltaCrlPasses() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        ra(RaSpec.encryption(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, TestPki.crlWithDelta(issuing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), DELTA));
        fetchedAs("delta-crl", DELTA, TestPki.deltaCrl(issuing, NOW.minus(Duration.ofHours(5)), NOW.plus(Duration.ofDays(1))));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(finding(o, "CRL_OK").message()).contains("delta CRL is current");
    }

    @Test
    void aCertificateRevokedOnlyInTheDeltaCrlIsRevoked() {
        TestPki.Issued signing = ra(RaSpec.signing(), List.of(ISSUING_CRL));
        ra(RaSpec.encryption(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, TestPki.crlWithDelta(issuing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), DELTA));
        fetchedAs("delta-crl", DELTA, TestPki.deltaCrl(issuing, NOW.minus(Duration.ofHours(5)), NOW.plus(Duration.ofDays(1)),
                signing.certificate()));
        fetched(ROOT_CRL, freshCrl(root));
        assertThat(finding(check(), "CERT_REVOKED").message()).contains("delta CRL");
    }

    @Test
    void anUnreachableCdpIsOnlyAWarningWhenTheOcspResponderInTheAiaAnswersGood() {
        TestPki.Issued signing = raWithOcsp(RaSpec.signing());
        TestPki.Issued encryption = raWithOcsp(RaSpec.encryption());
        failedAs("crl", ISSUING_CRL);
        fetchedAs("ocsp", OCSP + "/MEIwQDA%2BMDwwOjAJBgUrDgMCGgUABBQ1", TestPki.ocspAnswer(signing.certificate(), issuing, NOW, true));
        fetchedAs("ocsp", OCSP + "/MEIwQDA%2BMDwwOjAJBgUrDgMCGgUABBQ2", TestPki.ocspAnswer(encryption.certificate(), issuing, NOW, true));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(finding(o, "CRL_UNAVAILABLE_OCSP_ANSWERS").evidence()).containsEntry("ocsp", "good");
    }

    @Test
    void anOcspAnswerForAnotherCertificateDoesNotRescueAnUnreachableCdp() {
        TestPki.Issued signing = raWithOcsp(RaSpec.signing());
        raWithOcsp(RaSpec.encryption());
        failedAs("crl", ISSUING_CRL);
        fetchedAs("ocsp", OCSP + "/x", TestPki.ocspAnswer(signing.certificate(), issuing, NOW, true));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).contains("CRL_UNAVAILABLE", "CRL_UNAVAILABLE_OCSP_ANSWERS");
    }

    @Test
    void theConnectorsIdentityCertificateIsAmongTheCertificatesJudged() {
        // HTTP 503 cause 2: "the URLs in the CRL are blocked or unreachable for the certificates that are used by the
        // Intune Certificate Connector" (troubleshoot-scep-certificate-device-to-ndes)
        TestPki.Issued identity = TestPki.ra("CN=Intune connector", issuing, NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(300)), RaSpec.custom(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, "1.2.3")
                        .withoutRequestAgentEku(), List.of(ISSUING_CRL));
        bundle.myCertificateWithKey(identity.certificate())
                .registry("intune.reg", new dev.ndesdiag.fixtures.RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector")
                        .string("EncryptionCertThumbprint", BundleBuilder.thumbprint(identity.certificate())));
        failed(ISSUING_CRL, "timeout", "timed out after 15 s");
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "CRL_UNAVAILABLE").message()).contains("the connector's identity certificate");
    }
    private void fetchedWithout(String purposeField, String url, byte[] crl) {
        String file = "network/" + String.format("%04d", fetches.size() + 1) + ".crl";
        bundle.bytes(file, crl);
        fetches.add("{\"url\":\"" + url + "\"," + purposeField + "\"outcome\":\"ok\",\"httpStatus\":200,\"elapsedMs\":35,"
                + "\"file\":\"" + file + "\",\"error\":null}");
    }

    @Test
    void aHealthyCertificateListsEachDistributionPointAsGoodWithoutDetail() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, freshCrl(issuing));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        Finding ra = o.result().findings().get(0);
        assertThat(ra.evidence()).containsEntry("results", List.of(ISSUING_CRL + " -> good")).containsEntry("ocsp", "none")
                .containsEntry("urls", List.of(ISSUING_CRL));
        assertThat(ra.message()).isEqualTo("Every CRL distribution point of the Exchange Enrollment Agent (Offline request) "
                + "certificate CN=NDES01-MSCEP-RA (" + ra.evidence().get("thumbprint") + ") gave a valid CRL from the server.");
        assertThat(o.result().findings().get(1).message()).startsWith("Every CRL distribution point of the CA certificate "
                + "CN=Contoso Issuing CA CN=Contoso Issuing CA (");
    }

    @Test
    void aCdpAnsweringHttp404IsFailedWithTheStatusInTheResults() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetches.add("{\"url\":\"" + ISSUING_CRL + "\",\"purpose\":\"crl\",\"outcome\":\"http-error\",\"httpStatus\":404,"
                + "\"elapsedMs\":20,\"file\":null,\"error\":\"Not Found\"}");
        fetched(ROOT_CRL, freshCrl(root));
        Finding f = finding(check(), "CRL_UNAVAILABLE");
        assertThat(f.evidence()).containsEntry("results", List.of(ISSUING_CRL + " -> failed (http-error HTTP 404: Not Found)"));
    }

    @Test
    void aCrlFetchedButMissingFromTheBundleIsNotTakenAsACurrentCrl() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetches.add("{\"url\":\"" + ISSUING_CRL + "\",\"purpose\":\"crl\",\"outcome\":\"ok\",\"httpStatus\":200,"
                + "\"elapsedMs\":20,\"file\":null,\"error\":null}");
        fetched(ROOT_CRL, freshCrl(root));
        Finding f = finding(check(), "CRL_UNAVAILABLE");
        assertThat(f.evidence()).containsEntry("results",
                List.of(ISSUING_CRL + " -> failed (fetched, but its file is not in the bundle)"));
    }

    @Test
    void aProxysHtmlPageServedForTheCdpIsNotACrl() {
        // a filtering proxy answers 200 with its own block page: the server got no CRL
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, "<html><body>Access to pki.contoso.com is blocked by policy</body></html>".getBytes());
        fetched(ROOT_CRL, freshCrl(root));
        Finding f = finding(check(), "CRL_UNAVAILABLE");
        assertThat((List<?>) f.evidence().get("results")).singleElement().asString().startsWith(ISSUING_CRL + " -> failed (not a CRL");
    }

    @Test
    void aCrlWhoseIssuerIsNotInTheBundleIsUsedUncheckedAndSaysSo() {
        // certs/CA was not collected: the issuing CA's certificate is unknown, so its chain stops at the RA certificate
        bundle.remove("certs/CA/" + BundleBuilder.thumbprint(issuing.certificate()) + ".cer");
        TestPki.Issued r = TestPki.ra("CN=NDES01-MSCEP-RA", issuing, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(700)),
                RaSpec.signing(), List.of(ISSUING_CRL), List.of(OCSP));
        bundle.myCertificateWithKey(r.certificate());
        fetched(ISSUING_CRL, freshCrl(issuing));
        fetchedAs("ocsp", OCSP + "/x", TestPki.ocspAnswer(r.certificate(), issuing, NOW, true));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_OK");
        assertThat(o.result().findings().get(0).evidence())
                .containsEntry("results", List.of(ISSUING_CRL + " -> good (signature not checked: issuer not in the bundle)"))
                .containsEntry("ocsp", "none");
    }

    @Test
    void aFetchWrittenWithoutItsPurposeStillAnswersForTheCdp() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetchedWithout("", ISSUING_CRL, freshCrl(issuing));
        fetched(ROOT_CRL, freshCrl(root));
        assertThat(check().result().findings()).extracting(Finding::code).containsExactly("CRL_OK", "CRL_OK");
    }

    @Test
    void anAiaDownloadOfTheSameUrlIsNotTheCrlFetch() {
        // only CRL and delta-CRL fetches (or unlabelled ones) answer for a distribution point
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetchedWithout("\"purpose\":\"aia\",", ISSUING_CRL, freshCrl(issuing));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_NOT_FETCHED", "CRL_OK");
    }

    @Test
    void aCdpFetchedWithASpaceWhereTheCertificateHasPercent20IsTheSameUrl() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL.replace("%20", " "), freshCrl(issuing));
        fetched(ROOT_CRL, freshCrl(root));
        assertThat(check().result().findings()).extracting(Finding::code).containsExactly("CRL_OK", "CRL_OK");
    }

    @Test
    void aCertificateTheOcspResponderReportsRevokedIsRevoked() {
        TestPki.Issued signing = raWithOcsp(RaSpec.signing());
        fetched(ISSUING_CRL, freshCrl(issuing));
        fetchedAs("ocsp", OCSP + "/MEIwQDA", TestPki.ocspAnswer(signing.certificate(), issuing, NOW, false));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "CERT_REVOKED");
        assertThat(f.message()).contains("is revoked by its issuer (OCSP)");
        assertThat(f.evidence()).containsEntry("ocsp", "revoked");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).startsWith("Replace it with a newly issued certificate"));
    }

    @Test
    void anOcspAnswerFetchedFromAResponderNotInTheAiaIsNotTheCertificatesResponder() {
        TestPki.Issued signing = raWithOcsp(RaSpec.signing());
        failedAs("crl", ISSUING_CRL);
        fetchedAs("ocsp", "http://ocsp.fabrikam.com/ocsp/x", TestPki.ocspAnswer(signing.certificate(), issuing, NOW, true));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_UNAVAILABLE", "CRL_OK");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("ocsp", "none");
    }

    @Test
    void aRevokedIssuingCaCertificateAsksForANewCaCertificate() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, freshCrl(issuing));
        fetched(ROOT_CRL, freshCrl(root, issuing.certificate()));
        CheckOutcome o = check();
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_OK", "CERT_REVOKED");
        assertThat(o.result().findings().get(1).remediation()).hasValue("Issue a new CA certificate and reissue the NDES "
                + "certificates from it.");
    }

    @Test
    void anExpiredDeltaCrlIsOnlyAWarningWhileTheOcspResponderAnswersGood() {
        TestPki.Issued signing = raWithOcsp(RaSpec.signing());
        fetched(ISSUING_CRL, TestPki.crlWithDelta(issuing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), DELTA));
        fetchedAs("delta-crl", DELTA, TestPki.deltaCrl(issuing, NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofDays(2))));
        fetchedAs("ocsp", OCSP + "/MEIwQDA", TestPki.ocspAnswer(signing.certificate(), issuing, NOW, true));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("DELTA_CRL_UNAVAILABLE");
        assertThat(f.status()).isEqualTo(Status.WARN);
        assertThat((List<?>) f.evidence().get("results")).hasSize(2).element(1).asString().startsWith("delta " + DELTA + " -> expired");
    }

    @Test
    void aDeltaCrlTheServerDidNotFetchLeavesTheCurrentBaseCrlPassing() {
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        fetched(ISSUING_CRL, TestPki.crlWithDelta(issuing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), DELTA));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_OK", "CRL_OK");
        assertThat(o.result().findings().get(0).message()).endsWith("gave a valid CRL from the server; its delta CRL was not fetched.");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("results",
                List.of(ISSUING_CRL + " -> good", "delta " + DELTA + " -> not_fetched"));
    }

    @Test
    void anOcspGoodAnswerDoesNotStandInForCrlsTheBundleSaysNothingAbout() {
        TestPki.Issued signing = raWithOcsp(RaSpec.signing());
        fetchedAs("ocsp", OCSP + "/MEIwQDA", TestPki.ocspAnswer(signing.certificate(), issuing, NOW, true));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_NOT_FETCHED", "CRL_OK");
    }

    @Test
    void aFailingHttpCdpBesideAnUnfetchedLdapCdpWarnsThatRevocationRestsOnTheLdapOne() {
        ra(RaSpec.signing(), List.of(ISSUING_LDAP, ISSUING_CRL));
        failed(ISSUING_LDAP, "not-fetched", "needs domain credentials");
        failed(ISSUING_CRL, "timeout", "timed out after 15 s");
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_URL_FAILING", "CRL_OK");
        assertThat(o.result().findings().get(0).message()).contains("the others were not fetched");
    }

    @Test
    void anExpiredHttpCrlBesideAnUnfetchedLdapCdpIsAnExpiredCrl() {
        ra(RaSpec.signing(), List.of(ISSUING_LDAP, ISSUING_CRL));
        failed(ISSUING_LDAP, "not-fetched", "needs domain credentials");
        fetched(ISSUING_CRL, TestPki.crl(issuing, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(3))));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_EXPIRED", "CRL_OK");
        assertThat(o.result().findings().get(0).remediation())
                .hasValue("Publish a new CRL on the issuing CA (certutil -crl) and check its CDP locations.");
    }

    @Test
    void aBundleWithoutAnyCertificateNdesUsesHasNothingToCheck() {
        bundle.folder("certs/My");
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NO_CERTIFICATES_TO_CHECK");
    }

    @Test
    void theSeparateClientCertificateOfThePolicyModuleIsJudged() {
        TestPki.Issued client = TestPki.ra("CN=ndes01.corp.contoso.com", issuing, NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(300)), RaSpec.custom(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, "1.2.3")
                        .withoutRequestAgentEku(), List.of(ISSUING_CRL));
        bundle.myCertificateWithKey(client.certificate()).registry("mscep.reg", new dev.ndesdiag.fixtures.RegExport()
                .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy")
                .string("NDESCertThumbprint", BundleBuilder.thumbprint(client.certificate()).toLowerCase()));
        failed(ISSUING_CRL, "timeout", "timed out after 15 s");
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_UNAVAILABLE", "CRL_OK");
        assertThat(o.result().findings().get(0).message()).contains("the policy module's client certificate CN=ndes01");
    }

    @Test
    void aPolicyModuleOrConnectorNamingACertificateTheBundleLacksIsLeftToTheirOwnChecks() {
        // ndes-policy-ssl-binding and connector-certificate report the missing certificates
        ra(RaSpec.signing(), List.of(ISSUING_CRL));
        bundle.registry("mscep.reg", new dev.ndesdiag.fixtures.RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy")
                        .string("NDESCertThumbprint", "0123456789ABCDEF0123456789ABCDEF01234567"))
                .registry("intune.reg", new dev.ndesdiag.fixtures.RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector")
                        .string("EncryptionCertThumbprint", "89ABCDEF0123456789ABCDEF0123456789ABCDEF"));
        fetched(ISSUING_CRL, freshCrl(issuing));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CRL_OK", "CRL_OK");
    }

    @Test
    void theScepSitesHttpsCertificateIsJudged() {
        TestPki.Issued tls = TestPki.tls("CN=ndes01.corp.contoso.com", issuing, NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(300)), List.of("ndes01.corp.contoso.com"), TestPki.SERVER_AUTH);
        // TestPki.tls names no CDP: the HTTPS certificate is judged as having none
        bundle.myCertificateWithKey(tls.certificate())
                .text("iis/applicationHost.config", dev.ndesdiag.fixtures.IisFixtures.applicationPoolIdentity())
                .registry("http.reg", new dev.ndesdiag.fixtures.RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443")
                        .binary("SslCertHash", java.util.HexFormat.of().parseHex(BundleBuilder.thumbprint(tls.certificate())))
                        .string("SslCertStoreName", "MY"));
        fetched(ROOT_CRL, freshCrl(root));
        CheckOutcome o = check();
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NO_CDP", "CRL_OK");
        assertThat(o.result().findings().get(0).message()).startsWith("the SCEP site's HTTPS certificate ("
                + BundleBuilder.thumbprint(tls.certificate()) + ")");
    }
}
