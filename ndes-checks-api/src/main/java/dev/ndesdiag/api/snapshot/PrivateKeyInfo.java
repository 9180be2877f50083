package dev.ndesdiag.api.snapshot;

import java.util.Objects;
import java.util.Optional;

/**
 * PrivateKeyInfo describes the private key of a certificate in LocalMachine\My, from its
 * {@code <THUMBPRINT>.json} sidecar. It never holds key material.
 *
 * @param hasPrivateKey whether Windows associates a private key with the certificate; false when
 *        the collector found the key gone ({@code keyError} NTE_BAD_KEYSET and the like)
 * @param keyStorage {@code CAPI} (keys under {@code Crypto\RSA\MachineKeys}) or {@code CNG} ({@code Crypto\Keys}), when known
 * @param keyProvider the CSP or KSP name, when known
 * @param keyContainer the key container name, when known
 * @param keyFile the key file's full path on the server, when known
 * @param keyFileSddl the key file's security descriptor in SDDL, when known
 * @param friendlyName the certificate's friendly name, when known
 * @param archived whether the certificate is archived
 * @param keyOpens whether the collector could open the private key silently
 *        ({@code CryptAcquireCertificatePrivateKey}); empty when unknown (not tried, or refused for
 *        a reason that says nothing about the key, such as access denied)
 * @param keyError the HRESULT of the failed open, such as {@code 0x80090016} (NTE_BAD_KEYSET: the key is gone), when it failed
 * @since 0.1.0
 */
public record PrivateKeyInfo(
        boolean hasPrivateKey,
        Optional<String> keyStorage,
        Optional<String> keyProvider,
        Optional<String> keyContainer,
        Optional<String> keyFile,
        Optional<String> keyFileSddl,
        Optional<String> friendlyName,
        boolean archived,
        Optional<Boolean> keyOpens,
        Optional<String> keyError) {

    /** Validates the components. */
    public PrivateKeyInfo {
        Objects.requireNonNull(keyStorage, "keyStorage");
        Objects.requireNonNull(keyProvider, "keyProvider");
        Objects.requireNonNull(keyContainer, "keyContainer");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(keyFileSddl, "keyFileSddl");
        Objects.requireNonNull(friendlyName, "friendlyName");
        Objects.requireNonNull(keyOpens, "keyOpens");
        Objects.requireNonNull(keyError, "keyError");
    }

    /**
     * Creates the facts of a sidecar that says nothing of opening the key (format 1 before
     * {@code keyOpens}, or a collector that did not try).
     *
     * @param hasPrivateKey whether Windows associates a private key with the certificate
     * @param keyStorage {@code CAPI} or {@code CNG}, when known
     * @param keyProvider the CSP or KSP name, when known
     * @param keyContainer the key container name, when known
     * @param keyFile the key file's full path, when known
     * @param keyFileSddl the key file's SDDL, when known
     * @param friendlyName the friendly name, when known
     * @param archived whether the certificate is archived
     */
    public PrivateKeyInfo(boolean hasPrivateKey, Optional<String> keyStorage, Optional<String> keyProvider,
            Optional<String> keyContainer, Optional<String> keyFile, Optional<String> keyFileSddl,
            Optional<String> friendlyName, boolean archived) {
        this(hasPrivateKey, keyStorage, keyProvider, keyContainer, keyFile, keyFileSddl, friendlyName, archived,
                Optional.empty(), Optional.empty());
    }
}
