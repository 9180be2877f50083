package dev.ndesdiag.collect.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import dev.ndesdiag.network.ProxyRules;
import java.util.Optional;

/**
 * The machine's WinHTTP proxy (what {@code netsh winhttp set proxy} configured), through
 * {@code WinHttpGetDefaultProxyConfiguration}
 * (https://learn.microsoft.com/windows/win32/api/winhttp/nf-winhttp-winhttpgetdefaultproxyconfiguration):
 * the strings are freed with GlobalFree, as documented. Read this way rather than from the
 * localized text of {@code netsh winhttp show proxy}.
 */
final class WinHttpProxy {

    private WinHttpProxy() {
    }

    /** winhttp.dll. */
    interface WinHttp extends StdCallLibrary {
        WinHttp INSTANCE = Native.load("winhttp", WinHttp.class, W32APIOptions.DEFAULT_OPTIONS);

        int WINHTTP_ACCESS_TYPE_NAMED_PROXY = 3;

        /** BOOL WinHttpGetDefaultProxyConfiguration(WINHTTP_PROXY_INFO*). */
        boolean WinHttpGetDefaultProxyConfiguration(ProxyInfo info);
    }

    /** WINHTTP_PROXY_INFO: DWORD dwAccessType; LPWSTR lpszProxy; LPWSTR lpszProxyBypass. */
    @Structure.FieldOrder({"dwAccessType", "lpszProxy", "lpszProxyBypass"})
    public static final class ProxyInfo extends Structure {
        public int dwAccessType;
        public Pointer lpszProxy;
        public Pointer lpszProxyBypass;
    }

    /** The configured proxy rules, or empty when the call fails. */
    static Optional<ProxyRules> read() {
        ProxyInfo info = new ProxyInfo();
        if (!WinHttp.INSTANCE.WinHttpGetDefaultProxyConfiguration(info)) {
            return Optional.empty();
        }
        try {
            if (info.dwAccessType != WinHttp.WINHTTP_ACCESS_TYPE_NAMED_PROXY || info.lpszProxy == null) {
                return Optional.of(ProxyRules.direct());
            }
            return Optional.of(ProxyRules.parse(info.lpszProxy.getWideString(0),
                    info.lpszProxyBypass == null ? null : info.lpszProxyBypass.getWideString(0)));
        } finally {
            free(info.lpszProxy);
            free(info.lpszProxyBypass);
        }
    }

    private static void free(Pointer p) {
        if (p != null) {
            Kernel32.INSTANCE.GlobalFree(p);
        }
    }
}
