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
}
