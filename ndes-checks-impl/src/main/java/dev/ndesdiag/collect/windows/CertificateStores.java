package dev.ndesdiag.collect.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Crypt32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WTypes;
import com.sun.jna.platform.win32.WinCrypt;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import dev.ndesdiag.collect.WindowsSource.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists a LocalMachine certificate store read-only (archived certificates included) with what is
 * known of each private key: provider, container, key file and its SDDL, and whether the key opens
 * (with the HRESULT when it does not). The key is opened silently, without healing, only to ask
 * for its unique (file) name; key material is never read.
 */
final class CertificateStores {

    private static final int OWNER_GROUP_DACL = WinNT.OWNER_SECURITY_INFORMATION | WinNT.GROUP_SECURITY_INFORMATION
            | WinNT.DACL_SECURITY_INFORMATION;

    /** Stores whose certificates carry key facts: the RA and TLS certificates live in My, TLS ones also in WebHosting. */
    static final java.util.Set<String> KEYED_STORES = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    /** Stores that need not exist. */
    static final java.util.Set<String> OPTIONAL_STORES = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private static final int ERROR_FILE_NOT_FOUND = 2;

    static {
        KEYED_STORES.addAll(List.of("My", "WebHosting"));
        OPTIONAL_STORES.add("WebHosting");
    }

    private CertificateStores() {
    }

    static List<StoredEntry> list(String store) {
        WinCrypt.HCERTSTORE handle = Crypt32.INSTANCE.CertOpenStore(
                new WinCrypt.CertStoreProviderName(WinCrypt.CERT_STORE_PROV_SYSTEM_W), 0, null,
                WinCrypt.CERT_SYSTEM_STORE_LOCAL_MACHINE | WinCrypt.CERT_STORE_READONLY_FLAG
                        | WinCrypt.CERT_STORE_OPEN_EXISTING_FLAG | WinCrypt.CERT_STORE_ENUM_ARCHIVED_FLAG,
                new WTypes.LPWSTR(store));
        if (handle == null && OPTIONAL_STORES.contains(store) && Native.getLastError() == ERROR_FILE_NOT_FOUND) {
            return List.of(); // e.g. WebHosting on a server where IIS never made it
        }
        if (handle == null) {
            throw new IllegalStateException("cannot open the LocalMachine\\" + store + " store: Windows error "
                    + Kernel32.INSTANCE.GetLastError());
        }
        List<StoredEntry> entries = new ArrayList<>();
        try {
            Pointer previous = null;
            WinCrypt.CERT_CONTEXT.ByReference context;
            while ((context = Crypt32.INSTANCE.CertEnumCertificatesInStore(handle, previous)) != null) {
                Pointer ctx = context.getPointer();
                byte[] der = context.pbCertEncoded.getByteArray(0, context.cbCertEncoded);
                entries.add(new StoredEntry(Blob.of(der), KEYED_STORES.contains(store) ? keyInfo(ctx) : Optional.empty()));
                previous = ctx; // the next call frees it
            }
        } finally {
            Crypt32.INSTANCE.CertCloseStore(handle, 0);
        }
        return entries;
    }

    private static Optional<PrivateKeyInfo> keyInfo(Pointer ctx) {
        Optional<Memory> provInfo = property(ctx, CryptoApi.Crypt32Ext.CERT_KEY_PROV_INFO_PROP_ID);
        Optional<String> friendly = property(ctx, CryptoApi.Crypt32Ext.CERT_FRIENDLY_NAME_PROP_ID)
                .map(m -> m.getWideString(0));
        boolean archived = hasProperty(ctx, CryptoApi.Crypt32Ext.CERT_ARCHIVED_PROP_ID);
        if (provInfo.isEmpty()) {
            return Optional.of(new PrivateKeyInfo(false, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), friendly, archived));
        }
        CryptoApi.KeyProvInfo info = new CryptoApi.KeyProvInfo(provInfo.get());
        Optional<String> container = wide(info.pwszContainerName);
        Optional<String> provider = wide(info.pwszProvName);
        String storage = info.dwProvType == 0 ? "CNG" : "CAPI";
        Optional<String> keyFile = Optional.empty();
        PointerByReference key = new PointerByReference();
        IntByReference keySpec = new IntByReference();
        IntByReference mustFree = new IntByReference();
        KeyOpen open;
        // silent (no UI), CNG keys too, and no healing: the call must not write CERT_KEY_PROV_INFO_PROP_ID back
        if (CryptoApi.Crypt32Ext.INSTANCE.CryptAcquireCertificatePrivateKey(ctx,
                CryptoApi.Crypt32Ext.CRYPT_ACQUIRE_SILENT_FLAG | CryptoApi.Crypt32Ext.CRYPT_ACQUIRE_ALLOW_NCRYPT_KEY_FLAG
                        | CryptoApi.Crypt32Ext.CRYPT_ACQUIRE_NO_HEALING,
                null, key, keySpec, mustFree)) {
            open = KeyOpen.opened();
            boolean cng = keySpec.getValue() == CryptoApi.Crypt32Ext.CERT_NCRYPT_KEY_SPEC;
            storage = cng ? "CNG" : "CAPI";
            try {
                Optional<String> folder = KeyFolders.folder(cng, info.dwFlags, info.dwProvType, provider.orElse(""),
                        Optional.ofNullable(System.getenv("ProgramData")).orElse("C:\\ProgramData"));
                keyFile = folder.flatMap(f -> (cng ? cngUniqueName(key.getValue()) : capiUniqueContainer(key.getValue()))
                        .map(name -> f + "\\" + name));
            } finally {
                if (mustFree.getValue() != 0) {
                    if (cng) {
                        CryptoApi.NCrypt.INSTANCE.NCryptFreeObject(key.getValue());
                    } else {
                        CryptoApi.Advapi32Ext.INSTANCE.CryptReleaseContext(key.getValue(), 0);
                    }
                }
            }
        } else {
            open = KeyOpen.failed(Native.getLastError());
        }
        Optional<String> sddl = keyFile.flatMap(CertificateStores::sddl);
        return Optional.of(new PrivateKeyInfo(open.keyPresent(), Optional.of(storage), provider, container, keyFile, sddl,
                friendly, archived, open.opens(), open.error()));
    }

    /** Whether a property is set, data or not (CERT_ARCHIVED_PROP_ID has none): a size query succeeds only then. */
    private static boolean hasProperty(Pointer ctx, int id) {
        return CryptoApi.Crypt32Ext.INSTANCE.CertGetCertificateContextProperty(ctx, id, null, new IntByReference());
    }

    private static Optional<Memory> property(Pointer ctx, int id) {
        IntByReference size = new IntByReference();
        if (!CryptoApi.Crypt32Ext.INSTANCE.CertGetCertificateContextProperty(ctx, id, null, size) || size.getValue() == 0) {
            return Optional.empty();
        }
        Memory data = new Memory(size.getValue());
        if (!CryptoApi.Crypt32Ext.INSTANCE.CertGetCertificateContextProperty(ctx, id, data, size)) {
            return Optional.empty();
        }
        return Optional.of(data);
    }

    private static Optional<String> cngUniqueName(Pointer key) {
        IntByReference size = new IntByReference();
        WString property = new WString(CryptoApi.NCrypt.NCRYPT_UNIQUE_NAME_PROPERTY);
        if (CryptoApi.NCrypt.INSTANCE.NCryptGetProperty(key, property, null, 0, size, 0) != 0 || size.getValue() == 0) {
            return Optional.empty();
        }
        Memory name = new Memory(size.getValue());
        if (CryptoApi.NCrypt.INSTANCE.NCryptGetProperty(key, property, name, size.getValue(), size, 0) != 0) {
            return Optional.empty();
        }
        return wide(name);
    }

    private static Optional<String> capiUniqueContainer(Pointer provider) {
        IntByReference size = new IntByReference();
        if (!CryptoApi.Advapi32Ext.INSTANCE.CryptGetProvParam(provider, CryptoApi.Advapi32Ext.PP_UNIQUE_CONTAINER, null,
                size, 0) || size.getValue() == 0) {
            return Optional.empty();
        }
        Memory name = new Memory(size.getValue());
        if (!CryptoApi.Advapi32Ext.INSTANCE.CryptGetProvParam(provider, CryptoApi.Advapi32Ext.PP_UNIQUE_CONTAINER, name,
                size, 0)) {
            return Optional.empty();
        }
        return Optional.of(new String(name.getByteArray(0, size.getValue()), StandardCharsets.US_ASCII)
                .replace("\0", "")).filter(s -> !s.isEmpty());
    }

    /** The file's owner, group and DACL in SDDL, as (Get-Acl file).Sddl prints them. */
    private static Optional<String> sddl(String file) {
        IntByReference needed = new IntByReference();
        Advapi32.INSTANCE.GetFileSecurity(file, OWNER_GROUP_DACL, null, 0, needed);
        if (needed.getValue() == 0) {
            return Optional.empty();
        }
        Memory descriptor = new Memory(needed.getValue());
        if (!Advapi32.INSTANCE.GetFileSecurity(file, OWNER_GROUP_DACL, descriptor, needed.getValue(), needed)) {
            return Optional.empty();
        }
        PointerByReference text = new PointerByReference();
        if (!CryptoApi.Advapi32Ext.INSTANCE.ConvertSecurityDescriptorToStringSecurityDescriptor(descriptor,
                CryptoApi.Advapi32Ext.SDDL_REVISION_1, OWNER_GROUP_DACL, text, null)) {
            return Optional.empty();
        }
        try {
            return wide(text.getValue());
        } finally {
            Kernel32.INSTANCE.LocalFree(text.getValue());
        }
    }

    private static Optional<String> wide(Pointer p) {
        return p == null ? Optional.empty() : Optional.of(p.getWideString(0));
    }
}
