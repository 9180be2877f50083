package dev.ndesdiag.iis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.snapshot.RegistryValueType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * HTTP.sys endpoints as {@code netsh http show sslcert} and the SslBindingInfo keys name them.
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows-server/networking/technologies/netsh/netsh-http">netsh http (ipport, hostnameport, ccs)</a>
 */
class SslBindingTest {

    private static final String P = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";

    private static RegistryValue sz(String name, String text) {
        return RegistryValue.ofString(name, RegistryValueType.REG_SZ, text, text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    }

    private static SslBinding of(String endpoint, SslBinding.Kind kind) {
        return new SslBinding(endpoint, kind, "ab:cd", null, Optional.empty(), "netsh");
    }

    @Test
    void theHostAndPortOfEachEndpointShape() {
        SslBinding v4 = of(" 10.0.0.5:443 ", SslBinding.Kind.IP_PORT);
        assertThat(v4.endpoint()).isEqualTo("10.0.0.5:443");
        assertThat(v4.host()).isEqualTo("10.0.0.5");
        assertThat(v4.port()).isEqualTo(443);
        assertThat(v4.sni()).isFalse();
        assertThat(v4.thumbprint()).isEqualTo("ABCD");
        assertThat(v4.store()).isEqualTo("MY");
        SslBinding v6 = of("[::]:8443", SslBinding.Kind.IP_PORT);
        assertThat(v6.host()).isEqualTo("::");
        assertThat(v6.port()).isEqualTo(8443);
        SslBinding sni = of("NDES01.corp.contoso.com:443", SslBinding.Kind.HOSTNAME_PORT);
        assertThat(sni.host()).isEqualTo("ndes01.corp.contoso.com");
        assertThat(sni.sni()).isTrue();
        SslBinding noPort = of("ndes01", SslBinding.Kind.HOSTNAME_PORT);
        assertThat(noPort.port()).isEqualTo(-1);
        assertThat(noPort.host()).isEqualTo("ndes01");
        assertThat(of("host:https", SslBinding.Kind.HOSTNAME_PORT).port()).isEqualTo(-1);
        assertThat(new SslBinding("0.0.0.0:443", SslBinding.Kind.IP_PORT, null, " WebHosting ", Optional.empty(), "registry")
                .thumbprint()).isEmpty();
        assertThat(new SslBinding("0.0.0.0:443", SslBinding.Kind.IP_PORT, "", " WebHosting ", Optional.empty(), "registry")
                .store()).isEqualTo("WebHosting");
    }

    @Test
    void registryBindingsOfAllThreeTablesWithTheirStoreAndAppId() {
        Registry r = new Registry(List.of(
                new RegistryKey(P + "\\SslBindingInfo\\0.0.0.0:443", List.of(
                        RegistryValue.ofBytes("SslCertHash", RegistryValueType.REG_BINARY, new byte[] {(byte) 0xAB, 0x01}),
                        sz("SslCertStoreName", "WebHosting"),
                        RegistryValue.ofBytes("AppId", RegistryValueType.REG_BINARY, new byte[] {0x4d, (byte) 0xc3}))),
                new RegistryKey(P + "\\SslBindingInfo\\10.0.0.9:443", List.of(sz("SslCertStoreName", "MY"))),
                new RegistryKey(P + "\\SslSniBindingInfo\\ndes01.corp.contoso.com:443", List.of(
                        RegistryValue.ofBytes("SslCertHash", RegistryValueType.REG_BINARY, new byte[] {0x01}))),
                new RegistryKey(P + "\\SslCcsBindingInfo\\0.0.0.0:443", List.of())));
        List<SslBinding> bindings = HttpSysSslBindings.fromRegistry(r).orElseThrow();
        assertThat(bindings).extracting(SslBinding::endpoint).containsExactly("0.0.0.0:443", "ndes01.corp.contoso.com:443", "*:443");
        assertThat(bindings).extracting(SslBinding::kind).containsExactly(SslBinding.Kind.IP_PORT, SslBinding.Kind.HOSTNAME_PORT,
                SslBinding.Kind.CENTRAL_CERTIFICATE_STORE);
        assertThat(bindings.get(0).store()).isEqualTo("WebHosting");
        assertThat(bindings.get(0).appId()).contains("4DC3");
        assertThat(bindings.get(1).store()).isEqualTo("MY");
        assertThat(bindings.get(2).thumbprint()).isEmpty();
        assertThat(bindings).extracting(SslBinding::source).containsOnly("registry");
    }

    @Test
    void aRegistryExportWithoutAnyBindingTableIsNotCollectedButAnEmptyTableIsNoBinding() {
        assertThat(HttpSysSslBindings.fromRegistry(new Registry(List.of(new RegistryKey(P, List.of()))))).isEmpty();
        assertThat(HttpSysSslBindings.fromRegistry(new Registry(List.of(new RegistryKey(P + "\\SslSniBindingInfo", List.of())))))
                .contains(List.of());
    }

    @Test
    void anIpBindingWithoutAHashIsNotABindingAndASecondBlockStartsAtItsEndpoint() {
        String out = "\r\n    IP:port                 : 0.0.0.0:443\r\n"
                + "    Application ID          : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
                + "    Certificate Store Name  : MY\r\n"
                + "    IP:port                 : [::]:443\r\n"
                + "    Certificate Hash        : 01 02 03\r\n"
                + "    Application ID          : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n";
        List<SslBinding> bindings = HttpSysSslBindings.fromNetsh(new CommandCapture("netsh-http-sslcert", Optional.empty(),
                OptionalInt.empty(), Optional.empty(), OptionalLong.empty(), out));
        assertThat(bindings).singleElement().satisfies(b -> {
            assertThat(b.endpoint()).isEqualTo("[::]:443");
            assertThat(b.thumbprint()).isEqualTo("010203");
            assertThat(b.appId()).contains("{4dc3e181-e14b-4a21-b022-59fc669b0914}");
            assertThat(b.store()).isEqualTo("MY");
            assertThat(b.source()).isEqualTo("netsh");
        });
    }

    @Test
    void aBarePortOnlyStartsABindingAfterABlankLine() {
        // "Revocation Freshness Time : 0" and "URL Retrieval Timeout : 0" are bare numbers inside a block
        String out = "\r\n    IP:port                 : 0.0.0.0:443\r\n"
                + "    Certificate Hash        : abcdef\r\n"
                + "    Application ID          : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
                + "    Certificate Store Name  : MY\r\n"
                + "    Revocation Freshness Time : 0\r\n"
                + "    URL Retrieval Timeout   : 0\r\n";
        List<SslBinding> bindings = HttpSysSslBindings.fromNetsh(new CommandCapture("netsh-http-sslcert", Optional.empty(),
                OptionalInt.empty(), Optional.empty(), OptionalLong.empty(), out));
        assertThat(bindings).extracting(SslBinding::endpoint).containsExactly("0.0.0.0:443");
        assertThat(HttpSysSslBindings.fromNetsh(new CommandCapture("netsh-http-sslcert", Optional.empty(),
                OptionalInt.empty(), Optional.empty(), OptionalLong.empty(), "\r\nThe system cannot find the file specified.\r\n")))
                .isEmpty();
    }

    @Test
    void anIpSpecificBindingIsPreferredAndAnSniLookupNeverFallsBackToTheWildcard() {
        List<SslBinding> bindings = List.of(
                new SslBinding("*:443", SslBinding.Kind.CENTRAL_CERTIFICATE_STORE, "", "", Optional.empty(), "netsh"),
                new SslBinding("0.0.0.0:443", SslBinding.Kind.IP_PORT, "AA", "MY", Optional.empty(), "netsh"),
                new SslBinding("10.0.0.5:443", SslBinding.Kind.IP_PORT, "BB", "MY", Optional.empty(), "netsh"));
        assertThat(HttpSysSslBindings.forIisBinding(bindings, "10.0.0.5", 443, "", false)).map(SslBinding::thumbprint).contains("BB");
        assertThat(HttpSysSslBindings.forIisBinding(bindings, "10.0.0.6", 443, "", false)).map(SslBinding::thumbprint).contains("AA");
        assertThat(HttpSysSslBindings.forIisBinding(bindings, "", 443, "ndes01", false)).map(SslBinding::thumbprint).contains("AA");
        assertThat(HttpSysSslBindings.forIisBinding(bindings, "*", 443, "ndes01", true)).isEmpty();
        assertThat(HttpSysSslBindings.forIisBinding(bindings, "*", 444, "", false)).isEmpty();
        IisSites.Binding ccsOtherPort = new IisSites.Binding("https", "*", 8443, "ndes01", true, true);
        assertThat(HttpSysSslBindings.forIisBinding(bindings, ccsOtherPort)).isEmpty();
    }

    @Test
    void aCaptureCutOffInsideABlockKeepsWhatItShows() {
        // the collector keeps the head of a long console output: the last block may end after any line
        String head = "\r\n    IP:port                 : 0.0.0.0:443\r\n"
                + "    Certificate Hash        : abcdef\r\n"
                + "    Application ID          : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
                + "    Certificate Store Name  : WebHosting\r\n\r\n";
        List<SslBinding> endpointOnly = netsh(head + "    IP:port                 : 10.0.0.5:443\r\n");
        assertThat(endpointOnly).extracting(SslBinding::endpoint).containsExactly("0.0.0.0:443");
        List<SslBinding> noAppId = netsh(head + "    IP:port                 : 10.0.0.5:443\r\n    Certificate Hash        : 0102\r\n");
        assertThat(noAppId).extracting(SslBinding::endpoint).containsExactly("0.0.0.0:443", "10.0.0.5:443");
        assertThat(noAppId.get(1).appId()).isEmpty();
        assertThat(noAppId.get(1).store()).isEqualTo("MY");
        List<SslBinding> noStore = netsh(head + "    IP:port                 : 10.0.0.5:443\r\n    Certificate Hash        : 0102\r\n"
                + "    Application ID          : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n");
        assertThat(noStore.get(1).appId()).contains("{4dc3e181-e14b-4a21-b022-59fc669b0914}");
        assertThat(noStore.get(1).store()).isEqualTo("MY");
        assertThat(noStore.get(0).store()).isEqualTo("WebHosting");
    }

    private static List<SslBinding> netsh(String out) {
        return HttpSysSslBindings.fromNetsh(new CommandCapture("netsh-http-sslcert", Optional.empty(), OptionalInt.empty(),
                Optional.empty(), OptionalLong.empty(), out));
    }
}
