package dev.ndesdiag.collect;

import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.bundle.RegistryExports;
import java.util.Optional;

/**
 * The CA NDES submits to, read from the collected {@code registry/mscep.reg}
 * ({@code MSCEP\CAInfo\Configuration}, "host\CA name"). The export is UTF-16LE, so a CA name with
 * {@code ü}, {@code é} or {@code ß} arrives intact, where {@code reg query} output is written in the
 * console's OEM code page and was decoded as UTF-8 (review-windows.md C3). Public NDES scripts read
 * the same value: {@code (Get-ItemProperty HKLM:\SOFTWARE\Microsoft\Cryptography\MSCEP\CAInfo -Name Configuration)}.
 */
public final class CaConfigFromRegistry {

    static final String CA_INFO = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo";

    private CaConfigFromRegistry() {
    }

    /**
     * Reads the configured CA.
     *
     * @param mscepReg the collected export of {@code HKLM\SOFTWARE\Microsoft\Cryptography\MSCEP}, if collected
     * @return the config string, or empty when the export or the value is missing or blank
     */
    public static Optional<String> configuredCa(byte[] mscepReg) {
        if (mscepReg == null) {
            return Optional.empty();
        }
        return RegistryExports.parse("mscep.reg", mscepReg)
                .flatMap(r -> r.value(CA_INFO, "Configuration"))
                .flatMap(RegistryValue::string)
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }
}
