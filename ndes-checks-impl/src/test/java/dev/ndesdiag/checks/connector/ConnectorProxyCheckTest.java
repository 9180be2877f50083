package dev.ndesdiag.checks.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.connector.ConnectorReleases;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector's proxy must be a schemed URI without credentials and agree with WinHTTP (netsh winhttp show proxy, English layout). */
class ConnectorProxyCheckTest {

    static final String UNINSTALL = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\";
    static final String KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector";

    @TempDir
    Path dir;

    static List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    static RegExport uninstall(String name, String version) {
        return new RegExport().key(UNINSTALL + "{5E4D7C1B-0000-4000-8000-000000000001}").string("DisplayName", name)
                .string("DisplayVersion", version).key(UNINSTALL + "7-Zip").string("DisplayName", "7-Zip 23.01 (x64)")
                .string("DisplayVersion", "23.01");
    }


    static final String DIRECT = "\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n\r\n";
    static final String VIA = "\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  proxy.contoso.com:8080\r\n"
            + "    Bypass List     :  *.corp.contoso.com;<local>\r\n\r\n";

    CheckOutcome check(RegExport intune, String winhttp) {
        BundleBuilder b = BundleBuilder.in(dir).registry("intune.reg", intune);
        if (winhttp != null) {
            b.text("commands/netsh-winhttp-proxy.txt", winhttp);
        }
        return Analysis.outcome(b.dir(), new ConnectorProxyCheck());
    }

    static RegExport proxy(String server, String port) {
        return new RegExport().key(KEY).string("EnableSCEP", "1").key(KEY + "\\Proxy").string("ProxyServer", server)
                .string("Port", port);
    }

    @Test
    void aSchemedProxyThatWinHttpSharesPasses() {
        CheckOutcome o = check(proxy("http://proxy.contoso.com", "8080"), VIA);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_OK");
    }

    @Test
    void noProxyAndDirectWinHttpPasses() {
        assertThat(check(new RegExport().key(KEY).string("EnableSCEP", "1"), DIRECT).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aBrokenProxyServerLineIsAnErrorNotADirectConnection() {
        RegExport reg = new RegExport().key(KEY).string("EnableSCEP", "1").key(KEY + "\\Proxy")
                .raw("\"ProxyServer\"=\"http://proxy.contoso.com").string("Port", "8080");
        CheckOutcome o = check(reg, DIRECT);
        Analysis.unreadableLine(o, "registry/intune.reg", "ProxyServer", "\"http://proxy.contoso.com");
        assertThat(codes(o)).doesNotContain("CONNECTOR_PROXY_NONE");
    }

    @Test
    void aProxyWithoutSchemeFails() {
        CheckOutcome o = check(proxy("proxy.contoso.com", "8080"), VIA);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).contains("CONNECTOR_PROXY_MALFORMED");
    }

    @Test
    void credentialsInTheUriFailAndThePasswordIsNotRepeated() {
        CheckOutcome o = check(proxy("http://svc:Sup3rSecret!@proxy.contoso.com", "8080"), VIA);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().stream().filter(x -> x.code().equals("CONNECTOR_PROXY_CREDENTIALS")).findFirst().orElseThrow();
        assertThat(f.message() + f.evidence()).doesNotContain("Sup3rSecret!");
    }

    @Test
    void anAuthenticatingProxyWarns() {
        CheckOutcome o = check(proxy("http://proxy.contoso.com", "8080").string("Username", "CONTOSO\\svc_proxy"), VIA);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_AUTHENTICATED");
    }

    @Test
    void aConnectorProxyWhileWinHttpIsDirectWarns() {
        CheckOutcome o = check(proxy("http://proxy.contoso.com", "8080"), DIRECT);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("winhttpProxy", "direct");
    }

    @Test
    void aPortOutOfRangeFails() {
        assertThat(codes(check(proxy("http://proxy.contoso.com", "70000"), VIA))).contains("CONNECTOR_PROXY_PORT");
    }

    static final String OTHER = "\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  egress.fabrikam.net:3128\r\n\r\n";

    @Test
    void aBundleWithoutTheConnectorsKeyIsSkipped() {
        CheckOutcome o = check(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune"), VIA);
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(codes(o)).containsExactly("CONNECTOR_NOT_CONFIGURED");
    }

    @Test
    void noConnectorProxyWhileWinHttpGoesThroughOneWarnsNamingWinHttpsProxy() {
        CheckOutcome o = check(new RegExport().key(KEY).string("EnableSCEP", "1"), VIA);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_DIFFERS");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("winhttpProxy", "proxy.contoso.com:8080");
    }

    @Test
    void aBlankProxyServerIsNoProxy() {
        CheckOutcome o = check(proxy("   ", ""), DIRECT);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_NONE");
        assertThat(o.result().findings().get(0).message()).isEqualTo("The connector connects directly, as WinHTTP does.");
    }

    @Test
    void noProxyWithoutAWinHttpCaptureSaysOnlyThatItConnectsDirectly() {
        CheckOutcome o = check(new RegExport().key(KEY).string("EnableSCEP", "1"), null);
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_NONE");
        assertThat(o.result().findings().get(0).message()).isEqualTo("The connector connects directly.");
    }

    @Test
    void anHttpsProxyWithABlankPortAndBlankUsernamePasses() {
        CheckOutcome o = check(proxy("https://proxy.contoso.com", "").string("Username", " "), null);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_OK");
        assertThat(o.result().findings().get(0).message()).isEqualTo("The connector goes through https://proxy.contoso.com without credentials.");
    }

    @Test
    void aProxyOfAnotherSchemeIsMalformed() {
        assertThat(codes(check(proxy("socks5://proxy.contoso.com", "1080"), null))).containsExactly("CONNECTOR_PROXY_MALFORMED");
    }

    @Test
    void aProxyUriWithoutAHostIsMalformed() {
        CheckOutcome o = check(proxy("http:///8080", "8080"), VIA);
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_MALFORMED");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("ProxyServer", "http:///8080");
    }

    @Test
    void aProxyThatIsNoUriAtAllIsMalformedAndNotComparedWithWinHttp() {
        CheckOutcome o = check(proxy("http://proxy contoso com", "8080"), OTHER);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_MALFORMED");
    }

    @Test
    void portsFrom1To65535AreAccepted() {
        assertThat(codes(check(proxy("http://proxy.contoso.com", "1"), VIA))).containsExactly("CONNECTOR_PROXY_OK");
        assertThat(codes(check(proxy("http://proxy.contoso.com", "65535"), VIA))).containsExactly("CONNECTOR_PROXY_OK");
    }

    @Test
    void portZeroIsNoPort() {
        CheckOutcome o = check(proxy("http://proxy.contoso.com", "0"), VIA);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_PORT");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("Port", "0");
    }

    @Test
    void port65536AndAPortThatIsNoNumberAreNoPorts() {
        assertThat(codes(check(proxy("http://proxy.contoso.com", "65536"), VIA))).containsExactly("CONNECTOR_PROXY_PORT");
        assertThat(codes(check(proxy("http://proxy.contoso.com", "80a"), VIA))).containsExactly("CONNECTOR_PROXY_PORT");
    }

    @Test
    void aWinHttpProxyOnAnotherHostDiffersNamingBoth() {
        CheckOutcome o = check(proxy("http://proxy.contoso.com", "8080"), OTHER);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_DIFFERS");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("connectorProxy", "http://proxy.contoso.com (port 8080)")
                .containsEntry("winhttpProxy", "egress.fabrikam.net:3128");
        assertThat(o.result().findings().get(0).message()).startsWith("The connector goes through http://proxy.contoso.com (port 8080), "
                + "but WinHTTP goes through egress.fabrikam.net:3128.");
    }

    @Test
    void theProxyHostsAreComparedWithoutRegardToCase() {
        CheckOutcome o = check(proxy("http://Proxy.Contoso.com", "8080"), VIA.replace("proxy.contoso.com", "PROXY.CONTOSO.COM"));
        assertThat(codes(o)).containsExactly("CONNECTOR_PROXY_OK");
        assertThat(o.result().findings().get(0).message())
                .isEqualTo("The connector goes through http://Proxy.Contoso.com (port 8080) without credentials, as WinHTTP does.");
    }
}
