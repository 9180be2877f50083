package dev.ndesdiag.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes values that may hold secrets before they enter a bundle: registry values and XML or JSON
 * attributes whose names mention a password, secret, token, challenge or private key. What was
 * removed is listed (file and name, never the value) for the manifest.
 */
public final class Redactor {

    /** What stands where a secret was: no character that XML, JSON or a .reg string would have to escape. */
    public static final String REDACTED = "[redacted]";

    private static final String SECRET = "(?:password|passwd|pwd|secret|token|challenge|privatekey|private_key|keymaterial)";
    private static final Pattern REG_VALUE = Pattern.compile("(?im)^(\"([^\"\\r\\n]*" + SECRET + "[^\"\\r\\n]*)\")=(.*)$");
    private static final Pattern XML_ATTRIBUTE = Pattern.compile("(?i)\\b([\\w.:-]*" + SECRET + "[\\w.:-]*)\\s*=\\s*(\"[^\"]*\"|'[^']*')");
    private static final Pattern JSON_FIELD = Pattern.compile("(?i)(\"([^\"]*" + SECRET + "[^\"]*)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\")");

    private Redactor() {
    }

    /** A text with its secrets removed, and the names of what was removed. */
    public record Redacted(String text, List<String> removed) {
    }

    /**
     * Redacts a file's text by its kind, chosen from the file name.
     *
     * @param file the file's path in the bundle; never null
     * @param text its text; never null
     * @return the redacted text and what was removed; never null
     */
    public static Redacted redact(String file, String text) {
        String lower = file.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".reg")) {
            return replace(text, REG_VALUE, 2, m -> m.group(1) + "=\"" + REDACTED + "\"");
        }
        if (lower.endsWith(".config") || lower.endsWith(".xml")) {
            return replace(text, XML_ATTRIBUTE, 1, m -> m.group(1) + "=\"" + REDACTED + "\"");
        }
        if (lower.endsWith(".json")) {
            return replace(text, JSON_FIELD, 2, m -> m.group(1) + "\"" + REDACTED + "\"");
        }
        return new Redacted(text, List.of());
    }

    private static Redacted replace(String text, Pattern p, int nameGroup, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        List<String> removed = new ArrayList<>();
        while (m.find()) {
            removed.add(m.group(nameGroup));
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(sb);
        return new Redacted(sb.toString(), removed);
    }
}
