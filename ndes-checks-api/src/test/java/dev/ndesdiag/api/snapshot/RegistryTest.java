package dev.ndesdiag.api.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegistryTest {

    private final Registry registry = new Registry(List.of(
            new RegistryKey("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\services\\HTTP\\Parameters", List.of(
                    RegistryValue.ofNumber("MaxFieldLength", RegistryValueType.REG_DWORD, 65534, new byte[] {(byte) 0xfe, (byte) 0xff, 0, 0}))),
            new RegistryKey("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo", List.of()),
            new RegistryKey("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443", List.of())));

    @Test
    void findsKeysWhateverTheCaseAndTheRootAbbreviation() {
        assertThat(registry.key("HKLM\\System\\CurrentControlSet\\Services\\Http\\Parameters")).isPresent();
        assertThat(registry.key("hkey_local_machine\\SYSTEM\\CURRENTCONTROLSET\\SERVICES\\HTTP\\PARAMETERS\\")).isPresent();
    }

    @Test
    void findsValuesWhateverTheCase() {
        assertThat(registry.value("HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters", "maxfieldlength")
                .flatMap(v -> v.number().isPresent() ? java.util.Optional.of(v.number().getAsLong()) : java.util.Optional.empty()))
                .contains(65534L);
    }

    @Test
    void listsOnlyDirectSubkeys() {
        assertThat(registry.subkeys("HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"))
                .extracting(RegistryKey::path).containsExactly(
                        "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo");
    }

    @Test
    void anExportHoldingOnlyKeysBelowAPathHoldsItsTree() {
        // reg export "HKLM\...\HTTP" of a server whose HTTP key has no values still writes its sub-keys
        assertThat(registry.holdsTree("HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP")).isTrue();
        assertThat(registry.holdsTree("HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443"))
                .isTrue();
    }

    @Test
    void aSiblingWhoseNameExtendsTheKeyIsNotInItsTree() {
        Registry r = new Registry(List.of(
                new RegistryKey("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP-old", List.of()),
                new RegistryKey("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP2\\EncryptionTemplate", List.of()),
                new RegistryKey("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEPZ", List.of())));
        assertThat(r.holdsTree("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP")).isFalse();
        assertThat(r.subkeys("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP")).isEmpty();
        assertThat(r.holdsTree("HKLM\\SOFTWARE\\Microsoft\\Cryptography")).isTrue();
        assertThat(r.subkeys("HKLM\\SOFTWARE\\Microsoft\\Cryptography")).extracting(RegistryKey::path).containsExactly(
                "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP-old",
                "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEPZ");
    }

    @Test
    void aStringIsNeverReadAsANumber() {
        RegistryValue sz = RegistryValue.ofString("MaxRequestBytes", RegistryValueType.REG_SZ, "65534", new byte[0]);
        assertThat(sz.number()).isEmpty();
        assertThat(sz.string()).contains("65534");
    }

    @Test
    void aPathAlreadyCanonicalIsKeptAndAnyOtherIsCanonicalisedAsBefore() {
        assertThat(Registry.isCanonical("HKEY_LOCAL_MACHINE\\software\\microsoft\\cryptography\\mscep")).isTrue();
        for (String odd : List.of("HKLM\\Software", "HKEY_LOCAL_MACHINE\\Software", "hkey_local_machine\\x", "HKEY_LOCAL_MACHINE\\x\\",
                "HKEY_LOCAL_MACHINE\\\\x", "HKEY_LOCAL_MACHINE/x", "HKEY_LOCAL_MACHINE\\x ", " HKEY_LOCAL_MACHINE", "HKEY_LOCAL_MACHINE\\\u00c9t\u00e9")) {
            assertThat(Registry.isCanonical(odd)).as(odd).isFalse();
        }
        // every path, canonical or not, gets what the step-by-step form gives
        Random random = new Random(42);
        String alphabet = "HKEY_LOCALMhklmcu\\/ aZz\u00e9\u0130\t";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder p = new StringBuilder(random.nextBoolean() ? "HKEY_LOCAL_MACHINE\\" : "");
            for (int k = random.nextInt(12); k > 0; k--) {
                p.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String path = p.toString();
            assertThat(Registry.normalize(path)).as(path).isEqualTo(Registry.canonicalStepByStep(path));
        }
    }
}
