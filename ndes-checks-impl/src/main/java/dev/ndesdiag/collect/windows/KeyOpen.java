package dev.ndesdiag.collect.windows;

import java.util.Optional;
import java.util.Set;

/**
 * What {@code CryptAcquireCertificatePrivateKey} said about a certificate's private key, in the
 * sidecar's terms. Pure Java (no JNA), so the classification is tested anywhere.
 *
 * <p>The error is the thread's last error after the call, an HRESULT such as NTE_BAD_KEYSET
 * (0x80090016, "Keyset does not exist") or a Win32 code such as ERROR_ACCESS_DENIED (5), which is
 * written as its HRESULT (0x80070005). Codes that say the key is gone make {@code hasPrivateKey}
 * false; a refusal that says nothing about the key (access denied when not elevated, a key that
 * would need UI under the silent flag) leaves {@code keyOpens} unknown. Values from winerror.h
 * (https://learn.microsoft.com/windows/win32/seccrypto/common-hresult-values and the NTE_ list of
 * https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-cryptacquirecertificateprivatekey).
 *
 * @param opens whether the key opened; empty when unknown
 * @param error the HRESULT as {@code 0x%08X}, when the open failed
 */
public record KeyOpen(Optional<Boolean> opens, Optional<String> error) {

    /** NTE_BAD_KEY, NTE_BAD_KEY_STATE, NTE_NO_KEY, NTE_BAD_KEYSET, NTE_KEYSET_NOT_DEF, CRYPT_E_NO_KEY_PROPERTY. */
    static final Set<Integer> KEY_GONE = Set.of(0x80090003, 0x8009000B, 0x8009000D, 0x80090016, 0x80090019, 0x8009200B);

    /** @return the outcome of a successful open */
    public static KeyOpen opened() {
        return new KeyOpen(Optional.of(true), Optional.empty());
    }

    /**
     * The outcome of a failed open.
     *
     * @param lastError {@code GetLastError()} right after the call
     * @return the outcome; never null
     */
    public static KeyOpen failed(int lastError) {
        int hresult = lastError > 0 && lastError <= 0xFFFF ? 0x80070000 | lastError : lastError;
        String code = String.format("0x%08X", hresult);
        return new KeyOpen(KEY_GONE.contains(hresult) ? Optional.of(false) : Optional.empty(), Optional.of(code));
    }

    /**
     * Whether Windows still has a key for the certificate, as the sidecar's {@code hasPrivateKey}
     * says it: the provider property exists and the open did not say the key is gone.
     *
     * @return false when the open proved the key missing
     */
    public boolean keyPresent() {
        return !opens.equals(Optional.of(false));
    }
}
