package dev.ndesdiag.evidence;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Field decoding shared by the W3C-style entries: URL and query decoding, {@code +} as a space. */
final class W3cText {

    private W3cText() {
    }

    /**
     * Decodes %XX escapes; a {@code +} stays a {@code +} (W3C logs write a space inside a field as {@code +},
     * so a literal plus and a space cannot be told apart in a path). Malformed escapes leave the text as it is.
     */
    static String percentDecoded(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** A W3C field in which spaces were written as {@code +} (the User-Agent, the Referer). */
    static String plusAsSpace(String raw) {
        return raw.replace('+', ' ');
    }

    /**
     * Splits a query string into decoded parameters, form-style ({@code +} is a space, as in a URL query).
     * A repeated name keeps its first value; a malformed escape keeps the raw value.
     */
    static Map<String, String> queryParameters(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        int start = 0;
        while (true) { // ends at the last pair, the one no '&' follows
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            String pair = query.substring(start, end);
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                out.putIfAbsent(formDecoded(name), formDecoded(value));
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return Collections.unmodifiableMap(out);
    }

    private static String formDecoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
