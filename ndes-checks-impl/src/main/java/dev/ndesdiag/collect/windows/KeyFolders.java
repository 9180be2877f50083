package dev.ndesdiag.collect.windows;

import java.util.Locale;
import java.util.Optional;

/**
 * The folder of a private key's file, from CRYPT_KEY_PROV_INFO, as the CNG "Key Storage and
 * Retrieval" table lays them out
 * (https://learn.microsoft.com/windows/win32/seccng/key-storage-and-retrieval): CAPI machine keys
 * in {@code Crypto\RSA\MachineKeys} (DSS: {@code Crypto\DSS\MachineKeys}), CAPI LocalSystem keys in
 * {@code Crypto\RSA\S-1-5-18}; CNG machine keys in {@code Crypto\Keys}, CNG LocalSystem keys in
 * {@code Crypto\SystemKeys}. A machine key has CRYPT_MACHINE_KEYSET / NCRYPT_MACHINE_KEY_FLAG
 * (0x20) in {@code dwFlags}. Keys of the TPM and smart-card providers have no file.
 */
final class KeyFolders {

    static final int MACHINE_KEY_FLAG = 0x20;
    static final int PROV_DSS = 3;
    static final int PROV_DSS_DH = 13;

    private KeyFolders() {
    }

    /**
     * The folder that holds the key's file.
     *
     * @param cng whether the key opened as a CNG key
     * @param flags {@code CRYPT_KEY_PROV_INFO.dwFlags}
     * @param provType {@code CRYPT_KEY_PROV_INFO.dwProvType} (0 for CNG)
     * @param provider the CSP or KSP name
     * @param programData {@code %ProgramData%}
     * @return the folder, or empty when the provider keeps no key file
     */
    static Optional<String> folder(boolean cng, int flags, int provType, String provider, String programData) {
        String p = provider.toLowerCase(Locale.ROOT);
        if (p.contains("platform crypto provider") || p.contains("smart card")) {
            return Optional.empty();
        }
        boolean machine = (flags & MACHINE_KEY_FLAG) != 0;
        String crypto = programData + "\\Microsoft\\Crypto";
        if (cng) {
            return Optional.of(crypto + (machine ? "\\Keys" : "\\SystemKeys"));
        }
        String family = provType == PROV_DSS || provType == PROV_DSS_DH ? "\\DSS" : "\\RSA";
        return Optional.of(crypto + family + (machine ? "\\MachineKeys" : "\\S-1-5-18"));
    }
}
