package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.FetchPurpose;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The server's WinHTTP proxy applied to CDP fetches as WinHTTP applies it: the proxy and bypass
 * strings in the forms of WINHTTP_PROXY_INFO and {@code netsh winhttp set proxy} (written from
 * that documentation), and a real fetch through a proxy on 127.0.0.1.
 */
class ProxyRulesTest {

    @Test
    void oneProxyForEverySchemeExceptLocalNamesAndTheBypassList() {
        ProxyRules r = ProxyRules.parse("proxy.contoso.com:8080", "<local>;*.corp.contoso.com;10.*");
        assertThat(r.proxyFor(URI.create("http://pki.contoso.com/ca.crl"))).hasValue(URI.create("http://proxy.contoso.com:8080"));
        assertThat(r.proxyFor(URI.create("http://ca01/CertEnroll/ca.crl"))).as("<local>: no period").isEmpty();
        assertThat(r.proxyFor(URI.create("http://ca01.corp.contoso.com/ca.crl"))).isEmpty();
        assertThat(r.proxyFor(URI.create("http://10.1.2.3/ca.crl"))).isEmpty();
    }

    @Test
    void perSchemeProxies() {
        ProxyRules r = ProxyRules.parse("http=web.contoso.com:80;https=secure.contoso.com:8443", null);
        assertThat(r.proxyFor(URI.create("http://crl.example.com/x.crl"))).hasValue(URI.create("http://web.contoso.com:80"));
        assertThat(r.proxyFor(URI.create("https://crl.example.com/x.crl"))).hasValue(URI.create("http://secure.contoso.com:8443"));
    }

    @Test
    void directAccessUsesNoProxy() {
        assertThat(ProxyRules.direct().proxyFor(URI.create("http://pki.contoso.com/ca.crl"))).isEmpty();
        assertThat(ProxyRules.parse("", "").usesProxy()).isFalse();
    }

    @Test
    void aCrlIsFetchedThroughTheProxyAndABypassedHostDirectly() throws Exception {
        List<String> proxied = new CopyOnWriteArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", ex -> {
            proxied.add(ex.getRequestURI().toString());
            byte[] body = "via proxy".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        HttpServer direct = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        direct.createContext("/", ex -> {
            byte[] body = "direct".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        proxy.start();
        direct.start();
        try {
            ProxyRules rules = ProxyRules.parse("127.0.0.1:" + proxy.getAddress().getPort(), "<local>");
            FetchOptions options = FetchOptions.defaults().withDeadline(Duration.ofSeconds(5)).withProxyRules(rules);
            List<NetworkFetch> got = new UrlFetcher(options).fetchAll(List.of(
                    FetchRequest.of("http://pki.contoso.com/CertEnroll/ca.crl", FetchPurpose.CRL),
                    FetchRequest.of("http://localhost:" + direct.getAddress().getPort() + "/ca.crl", FetchPurpose.CRL)));
            assertThat(got.get(0).body()).hasValueSatisfying(b -> assertThat(new String(b.toByteArray(), StandardCharsets.US_ASCII))
                    .isEqualTo("via proxy"));
            assertThat(proxied).containsExactly("http://pki.contoso.com/CertEnroll/ca.crl");
            assertThat(got.get(1).body()).hasValueSatisfying(b -> assertThat(new String(b.toByteArray(), StandardCharsets.US_ASCII))
                    .isEqualTo("direct"));
        } finally {
            proxy.stop(0);
            direct.stop(0);
        }
    }

    @Test
    void theScepProbeIgnoresTheServersProxyRulesAsADeviceWould() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        HttpServer ndes = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ndes.createContext("/", ex -> {
            ex.sendResponseHeaders(403, -1);
            ex.close();
        });
        ndes.start();
        try {
            FetchOptions options = FetchOptions.defaults().withDeadline(Duration.ofSeconds(5))
                    .withProxyRules(ProxyRules.parse("127.0.0.1:" + deadPort, null));
            URI url = URI.create("http://127.0.0.1:" + ndes.getAddress().getPort() + "/certsrv/mscep/mscep.dll");
            assertThat(options.proxyFor(url)).as("the rules would send it to the dead proxy").isPresent();
            assertThat(new ScepProbe(options).probe(url).get(0).httpStatus()).hasValue(403);
        } finally {
            ndes.stop(0);
        }
    }
}
