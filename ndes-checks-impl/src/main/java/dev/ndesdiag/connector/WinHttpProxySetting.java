package dev.ndesdiag.connector;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's WinHTTP proxy as {@code netsh winhttp show proxy} prints it (English Windows):
 * {@code Direct access (no proxy server).}, or {@code Proxy Server(s) :  host:port} with its
 * {@code Bypass List}.
 *
 * @param proxy the proxy, empty for direct access
 * @param bypass the bypass list, when printed
 */
public record WinHttpProxySetting(Optional<String> proxy, Optional<String> bypass) {

    private static final Pattern SERVER = Pattern.compile("(?m)^\\s*Proxy Server\\(s\\)\\s*:\\s*(\\S.*?)\\s*$");
    private static final Pattern BYPASS = Pattern.compile("(?m)^\\s*Bypass List\\s*:\\s*(\\S.*?)\\s*$");

    /**
     * Reads the output.
     *
     * @param output the console text; never null
     * @return the setting, or empty when the text is not in a layout this reader knows
     */
    public static Optional<WinHttpProxySetting> parse(String output) {
        if (output.contains("Direct access (no proxy server)")) {
            return Optional.of(new WinHttpProxySetting(Optional.empty(), Optional.empty()));
        }
        Matcher s = SERVER.matcher(output);
        if (!s.find()) {
            return Optional.empty();
        }
        Matcher b = BYPASS.matcher(output);
        return Optional.of(new WinHttpProxySetting(Optional.of(s.group(1)), b.find() ? Optional.of(b.group(1)) : Optional.empty()));
    }
}
