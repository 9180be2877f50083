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

/** HTTP.sys TLS bindings as the registry and netsh show them. */
class HttpSysSslBindingsTest {

    private static final String P = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";

    @Test
    void readsBindingsWhoseParentKeyWasNotExportedOnItsOwn() {
        Registry r = new Registry(List.of(new RegistryKey(P + "\\SslBindingInfo\\0.0.0.0:443", List.of(
                RegistryValue.ofBytes("SslCertHash", RegistryValueType.REG_BINARY, new byte[] {(byte) 0xAB, 0x01})))));
        assertThat(HttpSysSslBindings.fromRegistry(r)).hasValueSatisfying(list -> assertThat(list).singleElement()
                .satisfies(b -> {
                    assertThat(b.endpoint()).isEqualTo("0.0.0.0:443");
                    assertThat(b.thumbprint()).isEqualTo("AB01");
                    assertThat(b.store()).isEqualTo("MY");
                }));
    }

    @Test
    void readsIpAndSniBlocksOfNetshByTheShapeOfTheirValues() {
        String out = "\r\nSSL Certificate bindings: \r\n------------------------- \r\n\r\n"
                + "    IP:port                      : 0.0.0.0:443 \r\n"
                + "    Certificate Hash             : aa bb cc\r\n"
                + "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914} \r\n"
                + "    Certificate Store Name       : MY \r\n\r\n"
                + "    Hostname:port                : scep.contoso.com:443 \r\n"
                + "    Certificate Hash             : DDEEFF\r\n"
                + "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914} \r\n"
                + "    Certificate Store Name       : WebHosting \r\n"
                + "    Extended Properties:\r\n     PropertyId                   : 0\r\n";
        List<SslBinding> bindings = HttpSysSslBindings.fromNetsh(new CommandCapture("netsh-http-sslcert", Optional.empty(),
                OptionalInt.empty(), Optional.empty(), OptionalLong.empty(), out));
        assertThat(bindings).extracting(SslBinding::endpoint).containsExactly("0.0.0.0:443", "scep.contoso.com:443");
        assertThat(bindings).extracting(SslBinding::thumbprint).containsExactly("AABBCC", "DDEEFF");
        assertThat(bindings.get(1).sni()).isTrue();
        assertThat(bindings.get(1).store()).isEqualTo("WebHosting");
        assertThat(HttpSysSslBindings.forIisBinding(bindings, "*", 443, "scep.contoso.com", true)).hasValueSatisfying(
                b -> assertThat(b.thumbprint()).isEqualTo("DDEEFF"));
        assertThat(HttpSysSslBindings.forIisBinding(bindings, "10.0.0.5", 443, "", false)).hasValueSatisfying(
                b -> assertThat(b.endpoint()).isEqualTo("0.0.0.0:443"));
    }

    private static CommandCapture netsh(String out) {
        return new CommandCapture("netsh-http-sslcert", Optional.empty(), OptionalInt.empty(), Optional.empty(),
                OptionalLong.empty(), out);
    }

    @Test
    void readsAGermanCaptureWhoseLabelsAreTranslated() {
        // "SSL-Zertifikatbindungen", "IP:Port", "Zertifikathash": netsh http show sslcert on a German Windows Server
        // (public capture in ScriptRunner setup notes; its hash is redacted there, so a valid one stands in, and the
        // other labels follow the same translation); Windows Server 2022 adds "Extended Properties" lines.
        String out = "\r\nSSL-Zertifikatbindungen:\r\n-------------------------\r\n\r\n"
                + "    IP:Port                      : 10.0.0.5:443\r\n"
                + "    Zertifikathash              : af459df0ed47a6f04b8f6a20caf2488d3bb6e1bb\r\n"
                + "    Anwendungs-ID                : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
                + "    Zertifikatspeichername       : WebHosting\r\n"
                + "    Aktualisierungszeit der Sperrung : 0\r\n"
                + "    Erweiterte Eigenschaften:\r\n"
                + "    PropertyId                   : 0\r\n\r\n"
                + "    Hostname:Port                : ndes01.corp.contoso.com:443\r\n"
                + "    Zertifikathash              : 0102030405060708090a0b0c0d0e0f1011121314\r\n"
                + "    Anwendungs-ID                : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
                + "    Zertifikatspeichername       : My\r\n\r\n";
        List<SslBinding> bindings = HttpSysSslBindings.fromNetsh(netsh(out));
        assertThat(bindings).extracting(SslBinding::endpoint).containsExactly("10.0.0.5:443", "ndes01.corp.contoso.com:443");
        assertThat(bindings).extracting(SslBinding::kind).containsExactly(SslBinding.Kind.IP_PORT, SslBinding.Kind.HOSTNAME_PORT);
        assertThat(bindings.get(0).thumbprint()).isEqualTo("AF459DF0ED47A6F04B8F6A20CAF2488D3BB6E1BB");
        assertThat(bindings.get(0).store()).isEqualTo("WebHosting");
        assertThat(bindings.get(1).store()).isEqualTo("My");
    }

    @Test
    void readsACentralCertificateStoreBlockWithoutAHash() {
        // netsh http add sslcert ccs=443 ...; netsh prints "Central Certificate Store : 443" and no certificate hash.
        // https://learn.microsoft.com/en-us/windows-server/networking/technologies/netsh/netsh-http
        String out = "\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n"
                + "    IP:port                      : 0.0.0.0:8172\r\n"
                + "    Certificate Hash             : fedcba98765432100123456789abcdeffedcba98\r\n"
                + "    Application ID               : {00000000-0000-0000-0000-000000000000}\r\n"
                + "    Certificate Store Name       : MY\r\n"
                + "    Revocation Freshness Time    : 0\r\n\r\n"
                + "    Central Certificate Store    : 443\r\n"
                + "    Certificate Hash             : (null)\r\n"
                + "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
                + "    Certificate Store Name       : (null)\r\n\r\n";
        List<SslBinding> bindings = HttpSysSslBindings.fromNetsh(netsh(out));
        assertThat(bindings).extracting(SslBinding::kind)
                .containsExactly(SslBinding.Kind.IP_PORT, SslBinding.Kind.CENTRAL_CERTIFICATE_STORE);
        assertThat(bindings.get(1).port()).isEqualTo(443);
        IisSites.Binding ccs = new IisSites.Binding("https", "*", 443, "ndes01.corp.contoso.com", true, true);
        assertThat(HttpSysSslBindings.forIisBinding(bindings, ccs)).hasValueSatisfying(
                b -> assertThat(b.kind()).isEqualTo(SslBinding.Kind.CENTRAL_CERTIFICATE_STORE));
    }
}
