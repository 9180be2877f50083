package dev.ndesdiag.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.Manifest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The manifest's host facts from GetComputerNameEx and the CurrentVersion values. The values are
 * those Windows documents for each name type (GetComputerNameExW, COMPUTER_NAME_FORMAT), for a
 * domain member and a workgroup server; not captured on a server.
 */
class HostFactsTest {

    private static final Map<String, String> SERVER_2022 = Map.of("ProductName", "Windows Server 2022 Standard",
            "DisplayVersion", "21H2", "CurrentBuild", "20348", "UBR", "2849");

    private static Manifest.Host host(Map<Integer, String> names, Map<String, String> version) {
        return HostFacts.of(t -> Optional.ofNullable(names.get(t)), n -> Optional.ofNullable(version.get(n)));
    }

    @Test
    void aDomainMemberGivesItsConfiguredFqdnAndTheComputersDomain() {
        Manifest.Host h = host(Map.of(0, "NDES01", 2, "corp.contoso.com", 3, "ndes01.corp.contoso.com"), SERVER_2022);
        assertThat(h.computerName()).hasValue("NDES01");
        assertThat(h.fqdn()).hasValue("ndes01.corp.contoso.com");
        assertThat(h.domain()).hasValue("corp.contoso.com");
        assertThat(h.os()).hasValue("Windows Server 2022 Standard 21H2");
        assertThat(h.osVersion()).hasValue("10.0.20348.2849");
    }

    @Test
    void aWorkgroupServerHasNoFqdnAndNoDomainRatherThanAnIpAddress() {
        Manifest.Host h = host(Map.of(0, "NDES01", 2, "", 3, "NDES01"), SERVER_2022);
        assertThat(h.fqdn()).isEmpty();
        assertThat(h.domain()).isEmpty();
    }

    @Test
    void anIpLiteralIsNeverTakenForAName() {
        assertThat(host(Map.of(3, "10.0.0.12"), Map.of()).fqdn()).isEmpty();
        assertThat(host(Map.of(3, "fe80::1"), Map.of()).fqdn()).isEmpty();
    }

    @Test
    void withoutDisplayVersionTheProductNameStandsAlone() {
        Manifest.Host h = host(Map.of(), Map.of("ProductName", "Windows Server 2019 Standard", "CurrentBuild", "17763"));
        assertThat(h.os()).hasValue("Windows Server 2019 Standard");
        assertThat(h.osVersion()).hasValue("10.0.17763");
    }

    @Test
    void theLastBootIsTheCollectionTimeLessTheTickCountToTheSecond() {
        java.time.Instant now = java.time.Instant.parse("2026-11-20T10:15:00.731Z");
        Manifest.Host h = HostFacts.of(t -> Optional.empty(), n -> Optional.empty(),
                Optional.of(java.time.Duration.ofMillis(43_440_250)), now);
        assertThat(h.lastBootAt()).hasValue(java.time.Instant.parse("2026-11-19T22:11:00Z"));
    }

    @Test
    void anUnreadableTickCountLeavesTheLastBootUnknown() {
        assertThat(host(Map.of(0, "NDES01"), SERVER_2022).lastBootAt()).isEmpty();
    }
}
