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
    void readsIpAndSniBlocksOfNetshByFieldName() {
        String out = "\r\nSSL Certificate bindings: \r\n------------------------- \r\n\r\n"
                + "    IP:port                      : 0.0.0.0:443 \r\n"
                + "    Certificate Hash             : aa bb cc\r\n"
                + "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914} \r\n"
                + "    Certificate Store Name       : MY \r\n\r\n"
                + "    Hostname:port                : scep.contoso.com:443 \r\n"
                + "    Certificate Hash             : DDEEFF\r\n"
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
}
