package dev.ndesdiag.checks.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.TestPki;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts on commands/connector-endpoints.txt as the collector's endpoint probe writes it (see
 * EndpointProbe: one entry per endpoint with its DNS, TCP and TLS steps and the chain presented, leaf
 * first, and the fetches of the presented chains' CRLs), written here by hand so that every failing step
 * and every chain shape is one scenario. Microsoft's TLS chains end at the roots of "Azure Certificate
 * Authority details"; anything else in front of *.manage.microsoft.com is a TLS-inspecting proxy.
 */
class ConnectorEndpointsCheckTest {

    static final Instant AT = BundleBuilder.COLLECTED_AT;
    static final String ISSUING_CRL = "http://crl3.digicert.com/DigiCertGlobalG2TLSRSASHA2562020CA1-1.crl";
    static final String ROOT_CRL = "http://crl3.digicert.com/DigiCertGlobalRootG2.crl";

    /** A chain as Microsoft's front doors present it: leaf, then the issuing CA under DigiCert Global Root G2. */
    static final TestPki.Issued DIGICERT = TestPki.root("CN=DigiCert Global Root G2,OU=www.digicert.com,O=DigiCert Inc,C=US",
            AT.minus(Duration.ofDays(3000)), AT.plus(Duration.ofDays(3000)));
    static final TestPki.Issued DIGICERT_ISSUING = TestPki.intermediate("CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US",
            DIGICERT, AT.minus(Duration.ofDays(1000)), AT.plus(Duration.ofDays(1000)), List.of(ROOT_CRL));
    static final TestPki.Issued MANAGE = TestPki.tls("CN=*.manage.microsoft.com", DIGICERT_ISSUING, AT.minus(Duration.ofDays(60)),
            AT.plus(Duration.ofDays(300)), List.of("*.manage.microsoft.com", "manage.microsoft.com"), TestPki.SERVER_AUTH);
    /** What a TLS-inspecting proxy presents instead: a leaf minted under the proxy's own root. */
    static final TestPki.Issued PROXY_ROOT = TestPki.root("CN=Contoso Web Filter Root,O=Contoso", AT.minus(Duration.ofDays(900)),
            AT.plus(Duration.ofDays(900)));
    static final TestPki.Issued MINTED = TestPki.tls("CN=manage.microsoft.com", PROXY_ROOT, AT.minus(Duration.ofDays(1)),
            AT.plus(Duration.ofDays(30)), List.of("manage.microsoft.com"), TestPki.SERVER_AUTH);

    @TempDir
    Path dir;

    static String step(String outcome, String error) {
        return "{\"outcome\":\"" + outcome + "\"" + (error == null ? ",\"error\":null" : ",\"error\":\"" + error + "\"") + "}";
    }

    static final String OK = step("ok", null);
    static final String NOT_RUN = step("not-run", null);

    static String endpoint(String host, String via, String dns, String tcp, String tls, X509Certificate... chain) {
        StringBuilder c = new StringBuilder();
        for (X509Certificate x : chain) {
            c.append(c.length() == 0 ? "" : ",").append('"').append(Base64.getEncoder().encodeToString(BundleBuilder.der(x))).append('"');
        }
        String tlsWithChain = tls.substring(0, tls.length() - 1) + ",\"protocol\":\"TLSv1.2\",\"chain\":[" + c + "]}";
        return "{\"host\":\"" + host + "\",\"port\":443,\"via\":\"" + via + "\",\"dns\":" + dns + ",\"tcp\":" + tcp
                + ",\"tls\":" + tlsWithChain + "}";
    }

    static String reachable(String host, X509Certificate... chain) {
        return endpoint(host, "direct", OK, OK, OK, chain);
    }

    static String crl(String url, String outcome, Integer status, String error) {
        return "{\"url\":\"" + url + "\",\"outcome\":\"" + outcome + "\",\"httpStatus\":" + status + ",\"error\":"
                + (error == null ? "null" : "\"" + error + "\"") + "}";
    }

    static String report(String proxy, List<String> endpoints, List<String> crls) {
        return "{\"proxy\":" + (proxy == null ? "null" : "\"" + proxy + "\"") + ",\"deadlineMs\":20000,\"endpoints\":["
                + String.join(",", endpoints) + "]" + (crls == null ? "" : ",\"crls\":[" + String.join(",", crls) + "]") + "}";
    }

    CheckOutcome check(String report, X509Certificate... rootStore) {
        BundleBuilder b = BundleBuilder.in(dir).text("commands/connector-endpoints.txt", report);
        for (X509Certificate r : rootStore) {
            b.certificate("Root", r);
        }
        return Analysis.outcome(b.dir(), new ConnectorEndpointsCheck());
    }

    static List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    static Finding only(CheckOutcome o) {
        assertThat(o.result().findings()).hasSize(1);
        return o.result().findings().get(0);
    }

    @Test
    void microsoftsChainUnderDigiCertGlobalRootG2Passes() {
        Finding f = only(check(report(null, List.of(reachable("manage.microsoft.com", MANAGE.certificate(),
                DIGICERT_ISSUING.certificate())), null)));
        assertThat(f.status()).isEqualTo(Status.PASS);
        assertThat(f.code()).isEqualTo("ENDPOINT_REACHABLE");
        assertThat(f.evidence()).containsEntry("endpoint", "manage.microsoft.com:443").containsEntry("anchor", "DigiCert Global Root G2");
        assertThat(f.message()).isEqualTo("manage.microsoft.com:443 answered TLS directly with Microsoft's chain (DigiCert Global Root G2).");
    }

    @Test
    void aChainThatIncludesMicrosoftsSelfSignedRootIsAnchoredAtThatRoot() {
        // some servers send the root too: the anchor is then the top certificate itself, not its issuer
        Finding f = only(check(report(null, List.of(reachable("manage.microsoft.com", MANAGE.certificate(),
                DIGICERT_ISSUING.certificate(), DIGICERT.certificate())), null)));
        assertThat(f.code()).isEqualTo("ENDPOINT_REACHABLE");
        assertThat(f.evidence()).containsEntry("anchor", "DigiCert Global Root G2");
    }

    @Test
    void aChainEndingAtTheProxysOwnSelfSignedRootIsTlsInspection() {
        CheckOutcome o = check(report("http://proxy.contoso.com:8080", List.of(endpoint("manage.microsoft.com", "proxy", OK, OK, OK,
                MINTED.certificate(), PROXY_ROOT.certificate())), null));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = only(o);
        assertThat(f.code()).isEqualTo("ENDPOINT_TLS_INSPECTED");
        assertThat(f.evidence()).containsEntry("endpoint", "manage.microsoft.com:443").containsEntry("anchor", "Contoso Web Filter Root")
                .containsEntry("chain", "manage.microsoft.com <- Contoso Web Filter Root");
        assertThat(f.message()).startsWith("manage.microsoft.com:443 through the proxy http://proxy.contoso.com:8080 presented a chain "
                + "that ends at \"Contoso Web Filter Root\", not at Microsoft's roots");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).startsWith("Exempt manage.microsoft.com "));
    }

    @Test
    void aRootStoreRootWithMicrosoftsNameThatDidNotSignTheChainIsNoLookalike() {
        // the same subject under another key (a stale test root, say) did not issue what was presented
        TestPki.Issued sameName = TestPki.root("CN=DigiCert Global Root G2,OU=www.digicert.com,O=DigiCert Inc,C=US",
                AT.minus(Duration.ofDays(100)), AT.plus(Duration.ofDays(100)));
        TestPki.Issued other = TestPki.root("CN=Contoso Root CA,O=Contoso", AT.minus(Duration.ofDays(100)), AT.plus(Duration.ofDays(100)));
        Finding f = only(check(report(null, List.of(reachable("manage.microsoft.com", MANAGE.certificate(),
                DIGICERT_ISSUING.certificate())), null), sameName.certificate(), other.certificate()));
        assertThat(f.code()).isEqualTo("ENDPOINT_REACHABLE");
    }

    @Test
    void aRootStoreRootWithMicrosoftsNameThatSignedTheChainIsALookalikeNamedByThumbprint() {
        // the test DigiCert root has Microsoft's root name but not its thumbprint: exactly what an inspecting proxy installs
        CheckOutcome o = check(report(null, List.of(reachable("manage.microsoft.com", MANAGE.certificate(),
                DIGICERT_ISSUING.certificate())), null), DIGICERT.certificate());
        Finding f = only(o);
        assertThat(f.code()).isEqualTo("ENDPOINT_TLS_INSPECTED");
        assertThat(f.evidence()).containsEntry("anchor", "DigiCert Global Root G2");
        assertThat(f.message()).contains("(a root in LocalMachine\\Root with Microsoft's root name but thumbprint "
                + BundleBuilder.thumbprint(DIGICERT.certificate()) + ")");
    }

    @Test
    void aNameThatDoesNotResolveIsDnsNamingTheHostWhenDirect() {
        Finding f = only(check(report(null, List.of(endpoint("manage.microsoft.com", "direct", step("dns", "no such host: manage.microsoft.com"),
                NOT_RUN, NOT_RUN)), null)));
        assertThat(f.status()).isEqualTo(Status.FAIL);
        assertThat(f.code()).isEqualTo("ENDPOINT_DNS");
        assertThat(f.message()).startsWith("The server cannot resolve manage.microsoft.com (dns). The connector cannot talk to Intune");
        assertThat(f.evidence()).containsEntry("endpoint", "manage.microsoft.com:443").containsEntry("via", "direct")
                .containsEntry("outcome", "dns").containsEntry("error", "no such host: manage.microsoft.com");
        assertThat(f.remediation()).contains("Allow the NDES server to manage.microsoft.com:443 (DNS, firewall, proxy allow-list), "
                + "then test again with ndes-diag collect.");
    }

    @Test
    void aProxyThatDoesNotResolveIsDnsNamingTheProxy() {
        Finding f = only(check(report("http://proxy.contoso.com:8080", List.of(endpoint("login.microsoftonline.com", "proxy",
                step("dns", "no such host: proxy.contoso.com"), NOT_RUN, NOT_RUN)), null)));
        assertThat(f.code()).isEqualTo("ENDPOINT_DNS");
        assertThat(f.message()).startsWith("The server cannot resolve its proxy http://proxy.contoso.com:8080 (dns).");
        assertThat(f.evidence()).containsEntry("via", "proxy");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).startsWith(
                "Allow the NDES server through http://proxy.contoso.com:8080 to login.microsoftonline.com:443"));
    }

    @Test
    void aRefusedConnectionIsTcpNamingTheEndpointOrTheProxy() {
        Finding direct = only(check(report(null, List.of(endpoint("manage.microsoft.com", "direct", OK, step("refused", "Connection refused"),
                NOT_RUN)), null)));
        assertThat(direct.code()).isEqualTo("ENDPOINT_TCP");
        assertThat(direct.message()).startsWith("The server cannot open TCP to manage.microsoft.com:443 (refused).");
        assertThat(direct.evidence()).containsEntry("outcome", "refused").containsEntry("error", "Connection refused");
        Finding proxied = only(check(report("http://proxy.contoso.com:8080", List.of(endpoint("manage.microsoft.com", "proxy", OK,
                step("timeout", "connect timed out"), NOT_RUN)), null)));
        assertThat(proxied.message()).startsWith("The server cannot open TCP to its proxy http://proxy.contoso.com:8080 (timeout).");
    }

    @Test
    void theUpdateServiceOutOfReachMeansTheConnectorCannotUpdateItself() {
        Finding f = only(check(report(null, List.of(endpoint("AutoUpdate.msappproxy.net", "direct", OK, step("timeout", null), NOT_RUN)),
                null)));
        assertThat(f.code()).isEqualTo("ENDPOINT_TCP");
        assertThat(f.message()).endsWith("The connector cannot update itself and falls out of its six-month support window.");
        assertThat(f.evidence()).containsEntry("error", "");
    }

    @Test
    void aProxyRefusingTheTunnelIsReportedWithItsStatusLine() {
        CheckOutcome o = check(report("http://proxy.contoso.com:8080", List.of(endpoint("manage.microsoft.com", "proxy", OK, OK,
                step("proxy", "HTTP/1.1 407 Proxy Authentication Required"))), null));
        Finding f = only(o);
        assertThat(f.code()).isEqualTo("ENDPOINT_PROXY_REFUSED");
        assertThat(f.message()).startsWith("The proxy http://proxy.contoso.com:8080 refused the tunnel to manage.microsoft.com:443 "
                + "(HTTP/1.1 407 Proxy Authentication Required).");
        assertThat(f.evidence()).containsEntry("outcome", "proxy").containsEntry("error", "HTTP/1.1 407 Proxy Authentication Required");
    }

    @Test
    void aFailedHandshakeIsTlsSayingWhichPath() {
        Finding direct = only(check(report(null, List.of(endpoint("manage.microsoft.com", "direct", OK, OK,
                step("tls", "SSLHandshakeException: Remote host terminated the handshake"))), null)));
        assertThat(direct.code()).isEqualTo("ENDPOINT_TLS");
        assertThat(direct.message()).startsWith("The TLS handshake with manage.microsoft.com:443 directly failed (tls).");
        Finding proxied = only(check(report("http://proxy.contoso.com:8080", List.of(endpoint("manage.microsoft.com", "proxy", OK, OK,
                step("timeout", "SocketTimeoutException: Read timed out"))), null)));
        assertThat(proxied.message()).startsWith("The TLS handshake with manage.microsoft.com:443 through the proxy "
                + "http://proxy.contoso.com:8080 failed (timeout).");
    }

    @Test
    void aHandshakeWithoutARecordedChainIsNotJudged() {
        CheckOutcome o = check(report(null, List.of(reachable("manage.microsoft.com")), null));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        Finding f = only(o);
        assertThat(f.code()).isEqualTo("ENDPOINT_NO_CHAIN");
        assertThat(f.evidence()).containsEntry("endpoint", "manage.microsoft.com:443");
    }

    @Test
    void aReportWithoutEndpointsIsSkipped() {
        CheckOutcome o = check(report(null, List.of(), null));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(codes(o)).containsExactly("ENDPOINT_REPORT_EMPTY");
    }

    @Test
    void aReportWithoutAnEndpointsArrayIsAnErrorQuotingItsFirst200Characters() {
        String head = "{\"proxy\":null,\"note\":\"";
        String exactly200 = head + "x".repeat(200 - head.length() - 2) + "\"}";
        assertThat(exactly200).hasSize(200);
        Finding whole = only(check(exactly200));
        assertThat(whole.status()).isEqualTo(Status.ERROR);
        assertThat(whole.code()).isEqualTo("ENDPOINT_REPORT_UNREADABLE");
        assertThat(whole.evidence()).containsEntry("file", "commands/connector-endpoints.txt").containsEntry("raw", exactly200);
        String longer = head + "x".repeat(201 - head.length() - 2) + "\"}";
        Finding cut = only(check(longer));
        assertThat(cut.evidence()).containsEntry("raw", longer.substring(0, 200) + "...");
    }

    @Test
    void everyEndpointIsJudgedInTheReportsOrder() {
        CheckOutcome o = check(report(null, List.of(reachable("manage.microsoft.com", MANAGE.certificate(), DIGICERT_ISSUING.certificate()),
                endpoint("login.microsoftonline.com", "direct", OK, OK, OK, MINTED.certificate(), PROXY_ROOT.certificate()),
                endpoint("autoupdate.msappproxy.net", "direct", step("dns", null), NOT_RUN, NOT_RUN)), null));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("ENDPOINT_REACHABLE", "ENDPOINT_TLS_INSPECTED", "ENDPOINT_DNS");
    }

    @Test
    void theFetchedCrlsOfMicrosoftsChainPassWithTheirCount() {
        TestPki.Issued issuing = TestPki.intermediate("CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US", DIGICERT,
                AT.minus(Duration.ofDays(1000)), AT.plus(Duration.ofDays(1000)), List.of(ROOT_CRL));
        TestPki.Issued sub = TestPki.intermediate("CN=Microsoft Azure RSA TLS Issuing CA 04,O=Microsoft Corporation,C=US", issuing,
                AT.minus(Duration.ofDays(500)), AT.plus(Duration.ofDays(500)), List.of(ISSUING_CRL));
        TestPki.Issued leaf = TestPki.tls("CN=*.manage.microsoft.com", sub, AT.minus(Duration.ofDays(60)), AT.plus(Duration.ofDays(300)),
                List.of("manage.microsoft.com"), TestPki.SERVER_AUTH);
        CheckOutcome o = check(report(null, List.of(reachable("manage.microsoft.com", leaf.certificate(), sub.certificate(),
                issuing.certificate(), DIGICERT.certificate())), List.of(crl(ISSUING_CRL, "ok", 200, null), crl(ROOT_CRL, "ok", 200, null))));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("ENDPOINT_REACHABLE", "ENDPOINT_CRLS_REACHABLE");
        Finding f = o.result().findings().get(1);
        assertThat(f.evidence()).containsEntry("fetched", 2);
        assertThat(f.message()).isEqualTo("The server fetched the 2 CRL(s) that Microsoft's presented chains name.");
    }

    @Test
    void aCrlTheServerCouldNotFetchWarnsNamingTheCertificateTheEndpointsAndTheHttpStatus() {
        CheckOutcome o = check(report(null, List.of(reachable("manage.microsoft.com", MANAGE.certificate(), DIGICERT_ISSUING.certificate()),
                reachable("login.microsoftonline.com", MANAGE.certificate(), DIGICERT_ISSUING.certificate())),
                List.of(crl(ROOT_CRL, "http-error", 403, "Forbidden by the firewall"), crl(ROOT_CRL, "ok", 200, null))));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("ENDPOINT_REACHABLE", "ENDPOINT_REACHABLE", "ENDPOINT_CRL_UNREACHABLE");
        Finding f = o.result().findings().get(2);
        assertThat(f.message()).startsWith("The server cannot fetch " + ROOT_CRL + ", the CRL that \"DigiCert Global G2 TLS RSA SHA256 "
                + "2020 CA1\" names in the chain manage.microsoft.com:443, login.microsoftonline.com:443 presents (http-error 403: "
                + "Forbidden by the firewall).");
        assertThat(f.evidence()).containsEntry("url", ROOT_CRL).containsEntry("outcome", "http-error")
                .containsEntry("error", "Forbidden by the firewall")
                .containsEntry("endpoints", "manage.microsoft.com:443, login.microsoftonline.com:443");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).startsWith("Allow the NDES server HTTP (port 80) to crl3.digicert.com "));
    }

    @Test
    void aCrlFetchThatGotNoAnswerWarnsWithoutAStatus() {
        CheckOutcome o = check(report(null, List.of(reachable("manage.microsoft.com", MANAGE.certificate(), DIGICERT_ISSUING.certificate())),
                List.of(crl(ROOT_CRL, "timeout", null, null))));
        Finding f = o.result().findings().get(1);
        assertThat(f.code()).isEqualTo("ENDPOINT_CRL_UNREACHABLE");
        assertThat(f.message()).contains("presents (timeout). ");
        assertThat(f.evidence()).containsEntry("error", "");
    }

    @Test
    void theCrlsOfAnInspectedChainAndCrlsTheReportDidNotFetchAreNotJudged() {
        TestPki.Issued filterCa = TestPki.intermediate("CN=Contoso Web Filter Issuing,O=Contoso", PROXY_ROOT,
                AT.minus(Duration.ofDays(100)), AT.plus(Duration.ofDays(100)), List.of("http://pki.contoso.com/filter.crl"));
        TestPki.Issued minted = TestPki.tls("CN=login.microsoftonline.com", filterCa, AT.minus(Duration.ofDays(1)),
                AT.plus(Duration.ofDays(30)), List.of("login.microsoftonline.com"), TestPki.SERVER_AUTH);
        CheckOutcome o = check(report(null, List.of(reachable("manage.microsoft.com", MANAGE.certificate(), DIGICERT_ISSUING.certificate()),
                reachable("login.microsoftonline.com", minted.certificate(), filterCa.certificate())),
                List.of(crl("http://pki.contoso.com/filter.crl", "refused", null, "Connection refused"))));
        assertThat(codes(o)).containsExactly("ENDPOINT_REACHABLE", "ENDPOINT_TLS_INSPECTED");
    }

    @Test
    void aCnLessNameIsShownWhole() {
        assertThat(ConnectorEndpointsCheck.cn("OU=Web Filter,O=Contoso")).isEqualTo("OU=Web Filter,O=Contoso");
        assertThat(ConnectorEndpointsCheck.cn("O=Contoso,CN=Contoso Web Filter Root")).isEqualTo("Contoso Web Filter Root");
        assertThat(ConnectorEndpointsCheck.cn("not a distinguished name")).isEqualTo("not a distinguished name");
    }
}
