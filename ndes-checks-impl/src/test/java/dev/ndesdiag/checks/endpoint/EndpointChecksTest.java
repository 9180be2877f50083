package dev.ndesdiag.checks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.checks.endpoint.EndpointCaCertCheck;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.fixtures.TestPki.RaSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the SCEP endpoint answered, as a bundle's endpoint/probe.json records it, judged verdict by verdict. */
class EndpointChecksTest {

    private static final String BASE = "https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll";
    private static final Instant NOW = BundleBuilder.COLLECTED_AT;

    @TempDir
    Path dir;

    private final List<String> entries = new ArrayList<>();
    private BundleBuilder bundle;

    private void answered(String query, int status, String contentType, byte[] body) {
        if (bundle == null) {
            bundle = BundleBuilder.in(dir);
        }
        String file = "endpoint/" + entries.size() + ".body";
        bundle.bytes(file, body);
        entries.add("{\"url\":\"" + BASE + query + "\",\"httpStatus\":" + status + ",\"contentType\":\"" + contentType
                + "\",\"elapsedMs\":12,\"bodyFile\":\"" + file + "\"}");
    }

    private CheckOutcome check(Check check) {
        bundle.text("endpoint/probe.json", "[" + String.join(",", entries) + "]");
        return Analysis.outcome(bundle.dir(), check);
    }

    @ParameterizedTest(name = "HTTP {0} gives {1}")
    @CsvSource({"403, ENDPOINT_403, PASS", "200, ENDPOINT_DEFAULT_PAGE, FAIL", "500, ENDPOINT_500, FAIL",
        "503, ENDPOINT_503, FAIL", "502, ENDPOINT_GATEWAY_ERROR, FAIL", "504, ENDPOINT_GATEWAY_ERROR, FAIL",
        "404, ENDPOINT_404, FAIL", "401, ENDPOINT_401, FAIL", "418, ENDPOINT_UNEXPECTED_STATUS, WARN"})
    void theBareUrlsStatusIsExplained(int status, String code, Status expected) {
        answered("", status, "text/html", "<html>page</html>".getBytes(StandardCharsets.UTF_8));
        CheckOutcome o = check(new EndpointMscepCheck());
        assertThat(o.status()).isEqualTo(expected);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly(code);
    }

    @Test
    void strongCapabilitiesPass() {
        answered("?operation=GetCACaps&message=x", 200, "text/plain", "AES\nPOSTPKIOperation\nRenewal\nSCEPStandard\nSHA-256\n".getBytes());
        CheckOutcome o = check(new EndpointCaCapsCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).evidence().get("capabilities"))
                .isEqualTo(List.of("AES", "POSTPKIOperation", "Renewal", "SCEPStandard", "SHA-256"));
    }

    @Test
    void sha1AndSingleDesOnlyCapabilitiesWarnNamingTheRegistryValueThatSetsThem() {
        answered("?operation=GetCACaps&message=x", 200, "text/plain", "POSTPKIOperation\nSHA-1\n".getBytes());
        CheckOutcome o = check(new EndpointCaCapsCheck());
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings().get(0).message()).contains("no SHA-2").contains("single DES");
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("MSCEP\\CACapabilitiesAlgorithms\\CACapabilitiesAlgorithms"));
    }

    @Test
    void sha2BesideSha1AndDes3IsNotAWeakness() {
        // Clients pick the strongest algorithm offered; SHA-1 or DES3 listed beside SHA-2 weakens nothing (RFC 8894 3.5.2).
        answered("?operation=GetCACaps&message=x", 200, "text/plain",
                "POSTPKIOperation\nRenewal\nSHA-512\nSHA-256\nSHA-1\nDES3\n".getBytes());
        assertThat(check(new EndpointCaCapsCheck()).status()).isEqualTo(Status.PASS);
    }

    @Test
    void scepStandardImpliesAesAndSha256() {
        // RFC 8894 3.5.2: "SCEPStandard" implies "AES", "POSTPKIOperation" and "SHA-256".
        answered("?operation=GetCACaps&message=x", 200, "text/plain", "SCEPStandard\nRenewal\n".getBytes());
        CheckOutcome o = check(new EndpointCaCapsCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).message()).contains("SCEPStandard");
    }

    @Test
    void emptyCapabilitiesFail() {
        answered("?operation=GetCACaps&message=x", 500, "text/html", new byte[0]);
        assertThat(check(new EndpointCaCapsCheck()).status()).isEqualTo(Status.FAIL);
    }

    private static TestPki.Issued[] pki(long signingDays, boolean withEncryption) {
        TestPki.Issued ca = TestPki.root("CN=Contoso CA", NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(1000)));
        TestPki.Issued signing = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(100)),
                NOW.plus(Duration.ofDays(signingDays)), RaSpec.signing());
        TestPki.Issued encryption = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(100)),
                NOW.plus(Duration.ofDays(400)), RaSpec.encryption());
        return withEncryption ? new TestPki.Issued[] {ca, signing, encryption} : new TestPki.Issued[] {ca, signing};
    }

    private static byte[] pkcs7(TestPki.Issued... certs) {
        return TestPki.certsOnly(java.util.Arrays.stream(certs).map(TestPki.Issued::certificate)
                .toArray(java.security.cert.X509Certificate[]::new));
    }

    @Test
    void getCaCertWithTheCaAndBothValidRaCertificatesPasses() {
        answered("?operation=GetCACert&message=x", 200, "application/x-x509-ca-ra-cert", pkcs7(pki(400, true)));
        CheckOutcome o = check(new EndpointCaCertCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("GETCACERT_HAS_CA",
                "GETCACERT_RA_VALID", "GETCACERT_RA_CHAINS", "GETCACERT_RA_VALID", "GETCACERT_RA_CHAINS");
    }

    @Test
    void raCertificatesOfThePreviousCaKeyBesideTheRenewedCaCertificateFail() {
        TestPki.Issued[] old = pki(400, true);
        TestPki.Issued renewedWithNewKey = TestPki.root("CN=Contoso CA", NOW.minus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(2000)));
        answered("?operation=GetCACert&message=x", 200, "application/x-x509-ca-ra-cert",
                pkcs7(renewedWithNewKey, old[1], old[2]));
        CheckOutcome o = check(new EndpointCaCertCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).filteredOn(f -> f.code().equals("GETCACERT_RA_NOT_FROM_CA")).hasSize(2)
                .first().satisfies(f -> assertThat(f.message()).contains("0x800B0109"));
    }

    @Test
    void anRaCertificateExpiringIn10DaysWarnsUrgently() {
        answered("?operation=GetCACert&message=x", 200, "application/x-x509-ca-ra-cert", pkcs7(pki(10, true)));
        CheckOutcome o = check(new EndpointCaCertCheck());
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).contains("GETCACERT_RA_EXPIRING_URGENT");
    }

    @Test
    void aGetCaCertWithoutTheEncryptionRaCertificateFails() {
        answered("?operation=GetCACert&message=x", 200, "application/x-x509-ca-ra-cert", pkcs7(pki(400, false)));
        CheckOutcome o = check(new EndpointCaCertCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().stream().filter(f -> f.code().equals("GETCACERT_RA_MISSING")).findFirst().orElseThrow()
                .evidence()).containsEntry("role", "CEP Encryption");
    }

    @Test
    void aGarbageGetCaCertAnswerFailsClearly() {
        answered("?operation=GetCACert&message=x", 200, "text/html", "<html>proxy login</html>".getBytes());
        assertThat(check(new EndpointCaCertCheck()).result().findings()).extracting(Finding::code).containsExactly("GETCACERT_UNREADABLE");
    }

    @ParameterizedTest(name = "{0} with \"{1}\" gives {2}")
    @CsvSource(delimiter = '|', value = {
        "414|URI Too Long|LONG_REQUEST_414", "404|HTTP Error 404.15 - Not Found: query string too long|LONG_REQUEST_REQUEST_FILTERING",
        "400|Bad Request - Request Too Long|LONG_REQUEST_HTTP_SYS", "500|an NDES error page|LONG_REQUEST_ACCEPTED"})
    void theLongRequestRevealsUrlLimitsFromOutside(int status, String body, String code) {
        answered("?operation=PKIOperation&message=" + "A".repeat(30_000), status, "text/html", body.getBytes());
        assertThat(check(new EndpointLongRequestCheck()).result().findings()).extracting(Finding::code).containsExactly(code);
    }

    @Test
    void aGenericLocalised404OnTheLongRequestAfterA403OnTheBareUrlIsARequestFilteringReject() {
        // Remote clients get IIS's generic custom-error page (no substatus, in the server's language); the bare URL's
        // 403 proves mscep.dll is there, so the 404 is request filtering (404.15 in the IIS log). A35.
        answered("", 403, "text/html", "<html>403 - Verboten: Zugriff verweigert.</html>".getBytes(StandardCharsets.UTF_8));
        answered("?operation=PKIOperation&message=" + "A".repeat(30_000), 404, "text/html",
                "<html><h2>404 - Datei oder Verzeichnis wurde nicht gefunden.</h2></html>".getBytes(StandardCharsets.UTF_8));
        CheckOutcome o = check(new EndpointLongRequestCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("LONG_REQUEST_REQUEST_FILTERING");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("bareUrlStatus", 403);
    }

    @Test
    void aGeneric404OnTheLongRequestWithoutTheBareUrlIsNotJudged() {
        answered("?operation=PKIOperation&message=" + "A".repeat(30_000), 404, "text/html",
                "<html><h2>404 - File or directory not found.</h2></html>".getBytes(StandardCharsets.UTF_8));
        CheckOutcome o = check(new EndpointLongRequestCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("LONG_REQUEST_404_UNEXPLAINED");
    }

    @Test
    void digits414InAnAnswerThatReachedNdesAreNotAUriTooLong() {
        answered("?operation=PKIOperation&message=" + "A".repeat(30_000), 500, "text/html",
                "<html>request 4141 failed in mscep.dll</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(check(new EndpointLongRequestCheck()).result().findings()).extracting(Finding::code)
                .containsExactly("LONG_REQUEST_ACCEPTED");
    }

    @Test
    void aVersion1CaCertificateWithoutBasicConstraintsIsRecognisedAsTheCa() throws Exception {
        // v1 certificates carry no extensions, so no basicConstraints; the CA is the one that issued the RA certificates. A41.
        java.security.KeyPair keys = TestPki.newKeys();
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=Contoso Legacy Root");
        java.security.cert.X509Certificate v1 = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                new org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder(name, java.math.BigInteger.valueOf(7),
                        java.util.Date.from(NOW.minus(Duration.ofDays(100))), java.util.Date.from(NOW.plus(Duration.ofDays(1000))),
                        name, keys.getPublic())
                        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        assertThat(v1.getVersion()).isEqualTo(1);
        TestPki.Issued ca = new TestPki.Issued(v1, keys);
        TestPki.Issued signing = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(400)),
                RaSpec.signing());
        TestPki.Issued encryption = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(100)),
                NOW.plus(Duration.ofDays(400)), RaSpec.encryption());
        answered("?operation=GetCACert&message=x", 200, "application/x-x509-ca-ra-cert", pkcs7(ca, signing, encryption));
        CheckOutcome o = check(new EndpointCaCertCheck());
        assertThat(o.result().findings()).extracting(Finding::code).contains("GETCACERT_HAS_CA").doesNotContain("GETCACERT_NO_CA");
    }

    @Test
    void endpointChecksAreSkippedForABundleWithoutAProbe() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).dir(), new EndpointMscepCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
    }
}
