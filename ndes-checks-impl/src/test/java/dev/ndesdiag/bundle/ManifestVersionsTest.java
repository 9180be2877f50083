package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.snapshot.Manifest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code manifest.json} decides whether a bundle is read at all: format version 1 is, 0 and 2 are
 * refused saying why; the collection time is required; the host's UTC offset is kept only within
 * the offsets that exist (UTC-14:00 to UTC+14:00 inclusive).
 */
class ManifestVersionsTest {

    private static Manifest read(String json) throws BundleException {
        return ManifestReader.read(new MemoryBundleSource(Map.of("manifest.json", json.getBytes(StandardCharsets.UTF_8)),
                "NDES01.zip"), BundleLimits.defaults());
    }

    private static String manifest(String version, String extra) {
        return "{\"format\":\"ndes-snapshot\",\"formatVersion\":" + version + ",\"collectedAt\":\"2026-11-20T10:15:00Z\"" + extra + "}";
    }

    private static String offset(int minutes) {
        return ",\"host\":{\"computerName\":\"NDES01\",\"utcOffsetMinutes\":" + minutes + "}";
    }

    @Test
    void formatVersionOneIsReadWithItsCollectionTime() throws Exception {
        Manifest m = read(manifest("1", ",\"externalUrl\":\"https://scep.contoso.com/certsrv/mscep/mscep.dll\""));
        assertThat(m.formatVersion()).isEqualTo(1);
        assertThat(m.collectedAt()).isEqualTo(Instant.parse("2026-11-20T10:15:00Z"));
        assertThat(m.externalUrl()).contains("https://scep.contoso.com/certsrv/mscep/mscep.dll");
        assertThat(m.collector()).isEmpty();
    }

    @Test
    void formatVersionTwoIsRefusedAsNewerAndZeroAsInvalid() {
        assertThatThrownBy(() -> read(manifest("2", ""))).isInstanceOf(BundleException.class)
                .hasMessage("The bundle is snapshot format version 2, newer than this ndes-diag reads (up to 1). "
                        + "Update ndes-diag to analyse it.");
        assertThatThrownBy(() -> read(manifest("0", ""))).isInstanceOf(BundleException.class)
                .hasMessage("manifest.json has the invalid formatVersion 0.");
    }

    @Test
    void aManifestWithoutVersionOrCollectionTimeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> read("{\"format\":\"ndes-snapshot\",\"collectedAt\":\"2026-11-20T10:15:00Z\"}"))
                .isInstanceOf(BundleException.class)
                .hasMessage("manifest.json of NDES01.zip lacks the whole number \"formatVersion\". Fix or re-collect the manifest.");
        assertThatThrownBy(() -> read("{\"format\":\"ndes-snapshot\",\"formatVersion\":1}"))
                .isInstanceOf(BundleException.class)
                .hasMessage("manifest.json of NDES01.zip lacks \"collectedAt\", the collection time. Fix or re-collect the manifest.");
    }

    @Test
    void aManifestWithoutFormatIsNotASnapshot() {
        assertThatThrownBy(() -> read("{\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\"}"))
                .isInstanceOf(BundleException.class)
                .hasMessage("manifest.json says format \"\", not \"ndes-snapshot\": this is not an ndes-diag snapshot bundle.");
    }

    @Test
    void offsetsOfFourteenHoursEitherWayAreKeptAndOneMinuteMoreIsIgnored() throws Exception {
        assertThat(read(manifest("1", offset(840))).host().utcOffsetMinutes()).hasValue(840);
        assertThat(read(manifest("1", offset(-840))).host().utcOffsetMinutes()).hasValue(-840);
        assertThat(read(manifest("1", offset(841))).host().utcOffsetMinutes()).isEmpty();
        assertThat(read(manifest("1", offset(-841))).host().utcOffsetMinutes()).isEmpty();
        assertThat(read(manifest("1", offset(0))).host().utcOffsetMinutes()).hasValue(0);
    }

    @Test
    void theCollectorIsReadAndUnnamedOneIsUnknown() throws Exception {
        Manifest m = read(manifest("1", ",\"collector\":{\"version\":\"0.1.0\",\"elevated\":false}"));
        assertThat(m.collector()).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("unknown");
            assertThat(c.version()).contains("0.1.0");
            assertThat(c.elevated()).contains(false);
        });
        assertThat(read(manifest("1", ",\"host\":{\"fqdn\":\"ndes01.corp.contoso.com\"}")).host().fqdn())
                .contains("ndes01.corp.contoso.com");
    }

    @Test
    void aManifestLargerThanOneMebibyteIsRefusedWithItsSize() {
        String padded = manifest("1", ",\"padding\":\"" + "x".repeat(1 << 20) + "\"");
        assertThatThrownBy(() -> read(padded)).isInstanceOf(BundleException.class)
                .hasMessage("manifest.json of NDES01.zip cannot be read: file is " + padded.length()
                        + " bytes, more than the 1048576 bytes accepted for it");
    }

    @Test
    void theManifestIsFoundWhateverTheCaseOfItsName() throws Exception {
        Manifest m = ManifestReader.read(new MemoryBundleSource(Map.of("Manifest.JSON",
                manifest("1", "").getBytes(StandardCharsets.UTF_8)), "NDES01.zip"), BundleLimits.defaults());
        assertThat(m.formatVersion()).isEqualTo(1);
    }
}
