package dev.ndesdiag.api.snapshot;

import java.util.Objects;
import java.util.Optional;

/**
 * PrivateKeyInfo describes the private key of a certificate in LocalMachine\My, from its
 * {@code <THUMBPRINT>.json} sidecar. It never holds key material.
 *
 * @param hasPrivateKey whether Windows associates a private key with the certificate
 * @param keyStorage {@code CAPI} (keys under {@code Crypto\RSA\MachineKeys}) or {@code CNG} ({@code Crypto\Keys}), when known
 * @param keyProvider the CSP or KSP name, when known
 * @param keyContainer the key container name, when known
 * @param keyFile the key file's full path on the server, when known
 * @param keyFileSddl the key file's security descriptor in SDDL, when known
 * @param friendlyName the certificate's friendly name, when known
 * @param archived whether the certificate is archived
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
        boolean archived) {

    /** Validates the components. */
    public PrivateKeyInfo {
        Objects.requireNonNull(keyStorage, "keyStorage");
        Objects.requireNonNull(keyProvider, "keyProvider");
        Objects.requireNonNull(keyContainer, "keyContainer");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(keyFileSddl, "keyFileSddl");
        Objects.requireNonNull(friendlyName, "friendlyName");
    }
}
