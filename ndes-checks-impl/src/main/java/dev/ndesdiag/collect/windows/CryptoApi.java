package dev.ndesdiag.collect.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The few Windows functions jna-platform does not bind, declared as the SDK headers do
 * (wincrypt.h, ncrypt.h, sddl.h). Handles that are {@code ULONG_PTR} travel as pointers.
 */
final class CryptoApi {

    private CryptoApi() {
    }

    /** crypt32.dll. */
    interface Crypt32Ext extends StdCallLibrary {
        Crypt32Ext INSTANCE = Native.load("crypt32", Crypt32Ext.class, W32APIOptions.DEFAULT_OPTIONS);

        int CERT_KEY_PROV_INFO_PROP_ID = 2;
        int CERT_FRIENDLY_NAME_PROP_ID = 11;
        int CERT_ARCHIVED_PROP_ID = 19;
        int CRYPT_ACQUIRE_SILENT_FLAG = 0x40;
        int CRYPT_ACQUIRE_ALLOW_NCRYPT_KEY_FLAG = 0x10000;
        /** Do not re-create CERT_KEY_PROV_INFO_PROP_ID (the open stays read-only); wincrypt.h, 0x8. */
        int CRYPT_ACQUIRE_NO_HEALING = 0x00000008;
        int CERT_NCRYPT_KEY_SPEC = 0xFFFFFFFF;

        /** BOOL CertGetCertificateContextProperty(PCCERT_CONTEXT, DWORD, void*, DWORD*). */
        boolean CertGetCertificateContextProperty(Pointer certContext, int propId, Pointer data, IntByReference size);

        /** BOOL CryptAcquireCertificatePrivateKey(PCCERT_CONTEXT, DWORD, void*, HCRYPTPROV_OR_NCRYPT_KEY_HANDLE*, DWORD*, BOOL*). */
        boolean CryptAcquireCertificatePrivateKey(Pointer certContext, int flags, Pointer reserved,
                PointerByReference keyHandle, IntByReference keySpec, IntByReference callerMustFree);
    }

    /** advapi32.dll. */
    interface Advapi32Ext extends StdCallLibrary {
        Advapi32Ext INSTANCE = Native.load("advapi32", Advapi32Ext.class, W32APIOptions.DEFAULT_OPTIONS);

        int PP_UNIQUE_CONTAINER = 36;
        int SDDL_REVISION_1 = 1;

        /** BOOL CryptGetProvParam(HCRYPTPROV, DWORD, BYTE*, DWORD*, DWORD). */
        boolean CryptGetProvParam(Pointer provider, int param, Pointer data, IntByReference size, int flags);

        /** BOOL CryptReleaseContext(HCRYPTPROV, DWORD). */
        boolean CryptReleaseContext(Pointer provider, int flags);

        /** BOOL ConvertSecurityDescriptorToStringSecurityDescriptorW(PSECURITY_DESCRIPTOR, DWORD, SECURITY_INFORMATION, LPWSTR*, PULONG). */
        boolean ConvertSecurityDescriptorToStringSecurityDescriptor(Pointer descriptor, int revision, int information,
                PointerByReference sddl, IntByReference length);
    }

    /** ncrypt.dll. */
    interface NCrypt extends StdCallLibrary {
        NCrypt INSTANCE = Native.load("ncrypt", NCrypt.class, W32APIOptions.DEFAULT_OPTIONS);

        String NCRYPT_UNIQUE_NAME_PROPERTY = "Unique Name";

        /** SECURITY_STATUS NCryptGetProperty(NCRYPT_HANDLE, LPCWSTR, PBYTE, DWORD, DWORD*, DWORD). */
        int NCryptGetProperty(Pointer object, WString property, Pointer output, int outputSize, IntByReference resultSize,
                int flags);

        /** SECURITY_STATUS NCryptFreeObject(NCRYPT_HANDLE). */
        int NCryptFreeObject(Pointer object);
    }

    /** CRYPT_KEY_PROV_INFO of wincrypt.h, read from the buffer CertGetCertificateContextProperty filled. */
    @Structure.FieldOrder({"pwszContainerName", "pwszProvName", "dwProvType", "dwFlags", "cProvParam", "rgProvParam",
            "dwKeySpec"})
    public static final class KeyProvInfo extends Structure {
        public Pointer pwszContainerName;
        public Pointer pwszProvName;
        public int dwProvType;
        public int dwFlags;
        public int cProvParam;
        public Pointer rgProvParam;
        public int dwKeySpec;

        KeyProvInfo(Pointer memory) {
            super(memory);
            read();
        }
    }
}
