package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.bundle.BundleReader;
import dev.ndesdiag.bundle.OpenBundle;
import dev.ndesdiag.fixtures.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** keyOpens and keyError travel from the collector's sidecar to the reader's model. */
class KeySidecarTest {

    private static PrivateKeyInfo readBack(PrivateKeyInfo written) throws Exception {
        TestPki.Issued ca = TestPki.root("CN=CA", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(9)));
        String tp = StoredCertificate.thumbprintOf(ca.certificate());
        Map<String, byte[]> bundle = new LinkedHashMap<>();
        bundle.put("manifest.json", "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8));
        bundle.put("certs/My/" + tp + ".cer", ca.certificate().getEncoded());
        bundle.put("certs/My/" + tp + ".json", KeySidecar.json(written));
        try (OpenBundle open = new BundleReader().open(bundle, "test")) {
            return open.snapshot().certificates().value().orElseThrow().store("My").orElseThrow().get(0).privateKey().orElseThrow();
        }
    }

    private static PrivateKeyInfo raKey(boolean has, Optional<Boolean> opens, Optional<String> error) {
        return new PrivateKeyInfo(has, Optional.of("CAPI"), Optional.of("Microsoft Strong Cryptographic Provider"),
                Optional.of("NDES01-MSCEP-RA"), Optional.of("C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\3b2a_1"),
                Optional.empty(), Optional.of(""), false, opens, error);
    }

    @Test
    void aDeletedKeyIsRecordedAsNotOpeningWithItsHresult() throws Exception {
        PrivateKeyInfo back = readBack(raKey(false, Optional.of(false), Optional.of("0x80090016")));
        assertThat(back.hasPrivateKey()).isFalse();
        assertThat(back.keyOpens()).hasValue(false);
        assertThat(back.keyError()).hasValue("0x80090016");
    }

    @Test
    void aKeyThatOpensHasNoError() throws Exception {
        String json = new String(KeySidecar.json(raKey(true, Optional.of(true), Optional.empty())), StandardCharsets.UTF_8);
        assertThat(json).contains("\"keyOpens\" : true").doesNotContain("keyError");
        assertThat(readBack(raKey(true, Optional.of(true), Optional.empty())).keyOpens()).hasValue(true);
    }

    @Test
    void unknownIsAbsentNotFalse() throws Exception {
        PrivateKeyInfo back = readBack(raKey(true, Optional.empty(), Optional.of("0x80070005")));
        assertThat(back.keyOpens()).isEmpty();
        assertThat(back.hasPrivateKey()).isTrue();
        assertThat(back.keyError()).hasValue("0x80070005");
    }
}
