package dev.ndesdiag.certificates;

import java.util.Locale;

/**
 * Which kind of provider holds a key, from its name: CNG key storage providers are named
 * "... Key Storage Provider" (Microsoft Software Key Storage Provider, Microsoft Smart Card Key
 * Storage Provider) or are the TPM's Microsoft Platform Crypto Provider; every other name is a
 * CryptoAPI CSP. NDES works only with CryptoAPI CSP keys (Microsoft's Validate-NDESConfiguration:
 * "NDES only supports the CryptoAPI CSP").
 */
public final class KeyProviders {

    private KeyProviders() {
    }

    /**
     * Tells whether a provider is a CNG key storage provider rather than a CryptoAPI CSP.
     *
     * @param provider the provider's name; never null
     * @return true for a CNG provider
     */
    public static boolean isCng(String provider) {
        String p = provider.toLowerCase(Locale.ROOT);
        return p.contains("key storage provider") || p.contains("platform crypto provider");
    }
}
