package dev.ndesdiag.checks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
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

/**
 * The endpoint verdicts at their edges: GetCACaps that lack only one of SHA-2 and a cipher beyond
 * DES (RFC 8894 section 3.5.2), a long request that gets no answer or a bare 400, the RA horizons in
 * GetCACert at N-1 / N / N+1 days, and a GetCACert without the CA.
 */
class EndpointVerdictsTest {

    private static final String BASE = "https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll";
    private static final String LONG = "?operation=PKIOperation&message=" + "A".repeat(30_000);
    private static final Instant NOW = BundleBuilder.COLLECTED_AT;

    @TempDir
    Path dir;

    private final List<String> entries = new ArrayList<>();
    private BundleBuilder bundle;

    private BundleBuilder bundle() {
        if (bundle == null) {
            bundle = BundleBuilder.in(dir);
        }
        return bundle;
    }

    private void answered(String query, int status, String contentType, byte[] body) {
        String file = "endpoint/" + entries.size() + ".body";
        bundle().bytes(file, body);
        entries.add("{\"url\":\"" + BASE + query + "\",\"httpStatus\":" + status + ",\"contentType\":\"" + contentType
                + "\",\"elapsedMs\":12,\"bodyFile\":\"" + file + "\"}");
    }

    private void unanswered(String query) {
        bundle();
        entries.add("{\"url\":\"" + BASE + query + "\",\"elapsedMs\":30000}");
    }

    private CheckOutcome check(Check check) {
        bundle().text("endpoint/probe.json", "[" + String.join(",", entries) + "]");
        return Analysis.outcome(bundle.dir(), check);
    }

    private static List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    // --- GetCACaps -------------------------------------------------------------------------------

    private CheckOutcome caps(String body) {
        answered("?operation=GetCACaps&message=x", 200, "text/plain", body.getBytes(StandardCharsets.US_ASCII));
        return check(new EndpointCaCapsCheck());
    }

    @Test
    void sha256WithOnlySingleDesWarnsAboutTheCipherAlone() {
        CheckOutcome o = caps("POSTPKIOperation\r\nSHA-256\r\n");
        assertThat(codes(o)).containsExactly("GETCACAPS_WEAK");
        assertThat(o.result().findings().get(0).message()).isEqualTo("GetCACaps offers POSTPKIOperation, SHA-256: no cipher "
                + "beyond single DES (no AES or DES3); devices that refuse SHA-1 or DES fail to enrol.");
    }

    @Test
    void aesWithOnlySha1WarnsAboutTheHashAlone() {
        CheckOutcome o = caps("AES\nSHA-1\n");
        assertThat(codes(o)).containsExactly("GETCACAPS_WEAK");
        assertThat(o.result().findings().get(0).message()).isEqualTo("GetCACaps offers AES, SHA-1: no SHA-2 hash (SHA-256 "
                + "or SHA-512); devices that refuse SHA-1 or DES fail to enrol.");
    }

    @Test
    void sha1WithSingleDesNamesBothWeaknesses() {
        CheckOutcome o = caps("SHA-1\n");
        assertThat(o.result().findings().get(0).message()).isEqualTo("GetCACaps offers SHA-1: no SHA-2 hash (SHA-256 or "
                + "SHA-512) and no cipher beyond single DES (no AES or DES3); devices that refuse SHA-1 or DES fail to enrol.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SHA-224, DES3", "sha-384, des3", "SHA-512, aes"})
    void anySha2HashWithAesOrTripleDesInAnyCaseIsStrong(String hash, String cipher) {
        CheckOutcome o = caps(hash + "\n" + cipher + "\n");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("GETCACAPS_OK");
        assertThat(o.result().findings().get(0).message()).doesNotContain("SCEPStandard");
    }

    @Test
    void a200WithOnlyBlankLinesHasNoCapabilities() {
        CheckOutcome o = caps("\r\n  \r\n");
        assertThat(codes(o)).containsExactly("GETCACAPS_FAILED");
        assertThat(o.result().findings().get(0).message()).isEqualTo("GetCACaps answered HTTP 200 with no capabilities: "
                + "devices cannot start a SCEP enrollment.");
    }

    @Test
    void capabilitiesOnAnErrorStatusAreStillAFailure() {
        answered("?operation=GetCACaps&message=x", 500, "text/plain", "AES\nSHA-256\n".getBytes(StandardCharsets.US_ASCII));
        CheckOutcome o = check(new EndpointCaCapsCheck());
        assertThat(codes(o)).containsExactly("GETCACAPS_FAILED");
        assertThat(o.result().findings().get(0).message()).isEqualTo("GetCACaps answered HTTP 500: devices cannot start a "
                + "SCEP enrollment.");
    }

    // --- the long request ------------------------------------------------------------------------

    @Test
    void aLongRequestThatGetsNoAnswerFailsNamingTheProxy() {
        unanswered(LONG);
        CheckOutcome o = check(new EndpointLongRequestCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("LONG_REQUEST_NO_ANSWER");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("queryLength", LONG.length())
                .containsEntry("result", "no response");
    }

    @Test
    void aBare400AfterA403OnTheBareUrlIsHttpSysRejectingTheLength() {
        answered("", 403, "text/html", "<html>403</html>".getBytes(StandardCharsets.UTF_8));
        answered(LONG, 400, "text/html", "<html>Bad Request</html>".getBytes(StandardCharsets.UTF_8));
        CheckOutcome o = check(new EndpointLongRequestCheck());
        assertThat(codes(o)).containsExactly("LONG_REQUEST_HTTP_SYS");
        assertThat(o.result().findings().get(0).message()).contains(", while the bare URL answered 403");
    }

    @Test
    void aBare400WhileTheBareUrlAlsoFailedIsAnAnswerFromNdes() {
        answered("", 500, "text/html", "<html>500</html>".getBytes(StandardCharsets.UTF_8));
        answered(LONG, 400, "text/html", "<html>Bad Request</html>".getBytes(StandardCharsets.UTF_8));
        CheckOutcome o = check(new EndpointLongRequestCheck());
        assertThat(codes(o)).containsExactly("LONG_REQUEST_ACCEPTED");
        assertThat(o.result().findings().get(0).message()).isEqualTo("A " + LONG.length() + "-character query string reached "
                + "NDES (HTTP 400); URL limits do not block SCEP.");
    }

    @Test
    void aGeneric404WhileTheBareUrlAlso404sIsAMissingApplicationNotJudgedHere() {
        answered("", 404, "text/html", "<html>404</html>".getBytes(StandardCharsets.UTF_8));
        answered(LONG, 404, "text/html", "<html>404 - File or directory not found.</html>".getBytes(StandardCharsets.UTF_8));
        CheckOutcome o = check(new EndpointLongRequestCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(codes(o)).containsExactly("LONG_REQUEST_404_UNEXPLAINED");
        assertThat(o.result().findings().get(0).message()).contains("the bare SCEP URL answered 404 too");
    }

    @Test
    void the404Point14SubstatusIsRequestFilteringEvenWithoutTheBareUrl() {
        answered(LONG, 404, "text/html", "<h3>HTTP Error 404.14 - Not Found</h3><p>URL too long</p>".getBytes(StandardCharsets.UTF_8));
        CheckOutcome o = check(new EndpointLongRequestCheck());
        assertThat(codes(o)).containsExactly("LONG_REQUEST_REQUEST_FILTERING");
        assertThat(o.result().findings().get(0).evidence()).doesNotContainKey("bareUrlStatus");
    }

    @Test
    void theBareUrlGivingNoAnswerIsReportedAsUnreachable() {
        unanswered("");
        CheckOutcome o = check(new EndpointMscepCheck());
        assertThat(codes(o)).containsExactly("ENDPOINT_UNREACHABLE");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("url", BASE).doesNotContainKey("httpStatus");
    }

    // --- GetCACert -------------------------------------------------------------------------------

    private static TestPki.Issued ca() {
        return TestPki.root("CN=Contoso CA", NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(1000)));
    }

    private CheckOutcome getCaCert(TestPki.Issued... certs) {
        byte[] body = TestPki.certsOnly(java.util.Arrays.stream(certs).map(TestPki.Issued::certificate)
                .toArray(java.security.cert.X509Certificate[]::new));
        answered("?operation=GetCACert&message=x", 200, "application/x-x509-ca-ra-cert", body);
        return check(new EndpointCaCertCheck());
    }

    private CheckOutcome signingValidFor(Duration left) {
        TestPki.Issued ca = ca();
        TestPki.Issued signing = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(300)), NOW.plus(left),
                RaSpec.signing());
        TestPki.Issued encryption = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(300)),
                NOW.plus(Duration.ofDays(400)), RaSpec.encryption());
        return getCaCert(ca, signing, encryption);
    }

    @ParameterizedTest(name = "signing RA valid for {0} days: {1}")
    @CsvSource({"31, GETCACERT_RA_VALID, PASS", "30, GETCACERT_RA_EXPIRING_SOON, WARN", "15, GETCACERT_RA_EXPIRING_SOON, WARN",
        "14, GETCACERT_RA_EXPIRING_URGENT, WARN", "1, GETCACERT_RA_EXPIRING_URGENT, WARN"})
    void theSigningRaCertificateIsJudgedAgainstThe30And14DayHorizons(long days, String code, Status status) {
        CheckOutcome o = signingValidFor(Duration.ofDays(days));
        assertThat(o.status()).isEqualTo(status);
        assertThat(codes(o)).containsExactly("GETCACERT_HAS_CA", code, "GETCACERT_RA_CHAINS", "GETCACERT_RA_VALID",
                "GETCACERT_RA_CHAINS");
        assertThat(o.result().findings().get(1).evidence()).containsEntry("daysLeft", days).containsEntry("role", "Exchange Enrollment Agent (Offline request)");
    }

    @Test
    void anExpiredSigningRaCertificateInTheAnswerFails() {
        CheckOutcome o = signingValidFor(Duration.ofDays(-2));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("GETCACERT_HAS_CA", "GETCACERT_RA_INVALID", "GETCACERT_RA_CHAINS",
                "GETCACERT_RA_VALID", "GETCACERT_RA_CHAINS");
    }

    @Test
    void aGetCaCertWithOnlyRaCertificatesHasNoCaAndNothingToChainTo() {
        TestPki.Issued ca = ca();
        TestPki.Issued signing = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(400)),
                RaSpec.signing());
        TestPki.Issued encryption = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(400)), RaSpec.encryption());
        CheckOutcome o = getCaCert(signing, encryption);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("GETCACERT_NO_CA", "GETCACERT_RA_VALID", "GETCACERT_RA_VALID");
        assertThat(o.result().findings().get(0).evidence()).containsKey("certificates");
    }

    @Test
    void aSingleDerCaCertificateHoldsTheCaButNeitherRaCertificate() throws Exception {
        answered("?operation=GetCACert&message=x", 200, "application/x-x509-ca-cert", ca().certificate().getEncoded());
        CheckOutcome o = check(new EndpointCaCertCheck());
        assertThat(codes(o)).containsExactly("GETCACERT_HAS_CA", "GETCACERT_RA_MISSING", "GETCACERT_RA_MISSING");
        assertThat(o.result().findings()).extracting(f -> f.evidence().get("role")).containsExactly(null, "Exchange Enrollment Agent (Offline request)",
                "CEP Encryption");
    }

    @Test
    void a200WithoutABodyFailsBeforeAnyParsingAndAnEmptyBodyIsUnreadable() {
        bundle();
        entries.add("{\"url\":\"" + BASE + "?operation=GetCACert&message=x\",\"httpStatus\":200,\"elapsedMs\":3}");
        assertThat(codes(check(new EndpointCaCertCheck()))).containsExactly("GETCACERT_FAILED");
        entries.clear();
        answered("?operation=GetCACert&message=x", 200, "application/x-x509-ca-ra-cert", new byte[0]);
        assertThat(codes(check(new EndpointCaCertCheck()))).containsExactly("GETCACERT_UNREADABLE");
    }

    @Test
    void aGetCaCertAnswerWithAnErrorStatusFails() {
        answered("?operation=GetCACert&message=x", 503, "text/html", "<html>Service Unavailable</html>".getBytes());
        CheckOutcome o = check(new EndpointCaCertCheck());
        assertThat(codes(o)).containsExactly("GETCACERT_FAILED");
        assertThat(o.result().findings().get(0).message()).startsWith("GetCACert answered HTTP 503");
    }
}
