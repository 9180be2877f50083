package dev.ndesdiag.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Client and server addresses as IIS and HTTP.sys log them in {@code c-ip} / {@code s-ip}: IPv4, IPv6 with
 * the interface zone ({@code fe80::...%13}, as in the W3C line of
 * https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes),
 * {@code -} when not logged. A host name is never resolved: the log was written on another machine.
 */
class IpAddressTest {

    @Test
    void ipv4AndIpv6LiteralsAreReadAndLoopbackRecognised() {
        assertThat(IpAddress.parse("10.0.0.5")).hasValueSatisfying(ip -> {
            assertThat(ip.toString()).isEqualTo("10.0.0.5");
            assertThat(ip.zone()).isEmpty();
            assertThat(ip.isLoopback()).isFalse();
        });
        assertThat(IpAddress.parse("127.0.0.1")).hasValueSatisfying(ip -> assertThat(ip.isLoopback()).isTrue());
        assertThat(IpAddress.parse("[::1]")).hasValueSatisfying(ip -> assertThat(ip.isLoopback()).isTrue());
        assertThat(IpAddress.parse(" 190.0.9.1 ")).hasValueSatisfying(ip -> assertThat(ip.toString()).isEqualTo("190.0.9.1"));
    }

    @Test
    void everyHexDigitInEitherCaseIsPartOfAnIpv6Literal() {
        assertThat(IpAddress.parse("fe80::abcd:ef09:0")).hasValueSatisfying(
                ip -> assertThat(ip.address().getHostAddress()).isEqualTo("fe80:0:0:0:0:abcd:ef09:0"));
        assertThat(IpAddress.parse("FE80::ABCD:EF09:0")).hasValueSatisfying(
                ip -> assertThat(ip.address().getHostAddress()).isEqualTo("fe80:0:0:0:0:abcd:ef09:0"));
    }

    @Test
    void zoneIdOfALinkLocalAddressIsKeptAsText() {
        assertThat(IpAddress.parse("fe80::1%13")).hasValueSatisfying(ip -> {
            assertThat(ip.zone()).contains("13");
            assertThat(ip.toString()).isEqualTo("fe80:0:0:0:0:0:0:1%13");
        });
        assertThat(IpAddress.parse("[fe80::1%eth0.5]")).hasValueSatisfying(ip -> assertThat(ip.zone()).contains("eth0.5"));
        assertThat(IpAddress.parse("fe80::1%" + "z".repeat(64))).isPresent();
    }

    @Test
    void emptyOverlongOrForeignZoneIsNotAnAddress() {
        assertThat(IpAddress.parse("fe80::1%")).isEmpty();
        assertThat(IpAddress.parse("fe80::1%" + "z".repeat(65))).isEmpty();
        assertThat(IpAddress.parse("fe80::1%a b")).isEmpty();
        assertThat(IpAddress.parse("fe80::1%4/x")).isEmpty();
    }

    @Test
    void longestIpv6TextOfFortyFiveCharactersIsRead() {
        String longest = "0000:0000:0000:0000:0000:ffff:255.255.255.255";
        assertThat(longest).hasSize(45);

        assertThat(IpAddress.parse(longest)).hasValueSatisfying(ip -> assertThat(ip.toString()).isEqualTo("255.255.255.255"));
        assertThat(IpAddress.parse("0" + longest)).isEmpty();
    }

    @Test
    void dashNamesAndMalformedLiteralsAreNotAddressesAndAreNeverResolved() {
        for (String text : new String[] {"-", "", "[]", "localhost", "NDES01", "ndes01.corp.contoso.com", "1.2.3", "1.2.3.4.5",
                "1.2.3.a", "1.2.3.4/24", "999.1.1.1", "[10.0.0.5", "fe80::g1", "::1 x"}) {
            assertThat(IpAddress.parse(text)).as(text).isEmpty();
        }
    }

    /** An IPv4 address has no zone: a {@code %} suffix some tools add is dropped, not kept. */
    @Test
    void ipv4WithAZoneSuffixIsReadWithoutTheZone() {
        assertThat(IpAddress.parse("10.0.0.5%4")).hasValueSatisfying(ip -> {
            assertThat(ip.zone()).isEmpty();
            assertThat(ip.toString()).isEqualTo("10.0.0.5");
        });
    }
}
