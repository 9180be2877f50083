package dev.ndesdiag.collect;

import dev.ndesdiag.secrets.SecretValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes values that may hold secrets before they enter a bundle: registry values and XML or JSON
 * attributes whose names mention a password, secret, token, challenge or private key. What was
 * removed is listed (file and name, never the value) for the manifest.
 *
 * <p>A {@code .reg} value is redacted whole, continuation lines included, and keeps its type, so the
 * file still reads: a string becomes {@code "[redacted]"}, {@code hex(2)} and {@code hex(7)} become
 * that text in their UTF-16LE forms, other {@code hex:} forms become empty. Numbers ({@code dword:},
 * {@code hex(4)}, {@code hex(b)}) are never secrets and stay, and so do the NDES password
 * <em>settings</em> ({@code EnforcePassword}, {@code UseSinglePassword}, {@code PasswordMax},
 * {@code PasswordLength}, {@code PasswordValidity}, {@code PasswordVDir}; review-windows.md C1) and
 * IIS's {@code tokenChecking}. The secret NDES keeps is {@code MSCEP\EncryptedPassword\EncryptedPassword},
 * a DPAPI blob exported as a multi-line {@code hex:} value.
 */
public final class Redactor {

    /** What stands where a secret was: no character that XML, JSON or a .reg string would have to escape. */
    public static final String REDACTED = SecretValues.REDACTED;

    private static final String SECRET = SecretValues.SECRET_WORDS;
    /** The start of a value line of a .reg file: a quoted name (with \" and \\ escapes) or @, then =. */
    private static final Pattern REG_VALUE_START = Pattern.compile("^(\"((?:[^\"\\\\]|\\\\.)*)\"|@)=(.*)$", Pattern.DOTALL);
    private static final Pattern HEX_FORM = Pattern.compile("(?i)^(hex(?:\\(([0-9a-f]{1,8})\\))?):");
    private static final Pattern XML_ATTRIBUTE = Pattern.compile("(?i)\\b([\\w.:-]*" + SECRET + "[\\w.:-]*)\\s*=\\s*(\"[^\"]*\"|'[^']*')");
    private static final Pattern JSON_FIELD = Pattern.compile("(?i)(\"([^\"]*" + SECRET + "[^\"]*)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\")");

    private Redactor() {
    }

    /**
     * A text with its secrets removed, and the names of what was removed.
     *
     * @param text the redacted text
     * @param removed the names of the removed values, in order
     */
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
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".reg")) {
            return redactReg(text);
        }
        if (lower.endsWith(".config") || lower.endsWith(".xml")) {
            return replace(text, XML_ATTRIBUTE, 1, m -> m.group(1) + "=\"" + REDACTED + "\"");
        }
        if (lower.endsWith(".json")) {
            return replace(text, JSON_FIELD, 2, m -> m.group(1) + "\"" + REDACTED + "\"");
        }
        return new Redacted(text, List.of());
    }

    /**
     * A file's bytes with its secrets removed, and the names of what was removed.
     *
     * @param content the redacted bytes, in the file's own encoding (a UTF-16LE BOM is kept)
     * @param removed the names of the removed values, in order
     */
    public record RedactedFile(byte[] content, List<String> removed) {
    }

    /**
     * Redacts a file's bytes: {@code .reg}, {@code .config}, {@code .xml} and {@code .json} files are
     * decoded (UTF-16LE when they start with its BOM, as {@code reg export} writes them, else UTF-8),
     * redacted and encoded back the same way; other files and files with nothing to remove are
     * returned as they are.
     *
     * @param path the file's path in the bundle; never null
     * @param content its bytes; never null
     * @return the bytes to store and what was removed; never null
     */
    public static RedactedFile redactFile(String path, byte[] content) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".reg") || lower.endsWith(".config") || lower.endsWith(".xml") || lower.endsWith(".json"))) {
            return new RedactedFile(content, List.of());
        }
        boolean utf16 = content.length >= 2 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE;
        java.nio.charset.Charset cs = utf16 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8;
        int bom = utf16 ? 2 : 0;
        Redacted r = redact(path, new String(content, bom, content.length - bom, cs));
        if (r.removed().isEmpty()) {
            return new RedactedFile(content, List.of());
        }
        byte[] body = r.text().getBytes(cs);
        byte[] out = new byte[body.length + bom];
        if (utf16) {
            out[0] = (byte) 0xFF;
            out[1] = (byte) 0xFE;
        }
        System.arraycopy(body, 0, out, bom, body.length);
        return new RedactedFile(out, r.removed());
    }

    /** Whether a value or attribute name is a secret's: it mentions one and is not a known setting. */
    static boolean isSecretName(String name) {
        return SecretValues.isSecretName(name);
    }

    /** Redacts a .reg text value by value; a value's continuation lines go with it. Line ends are kept. */
    private static Redacted redactReg(String text) {
        List<String> removed = new ArrayList<>();
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        while (pos < text.length()) {
            int end = lineEnd(text, pos);
            String line = text.substring(pos, end);
            Matcher m = REG_VALUE_START.matcher(line);
            if (!m.matches() || m.group(2) == null) {
                out.append(text, pos, nextLine(text, end));
                pos = nextLine(text, end);
                continue;
            }
            // the whole value: this line and every following one while a line ends with a backslash
            int valueEnd = end;
            while (text.substring(pos, valueEnd).stripTrailing().endsWith("\\") && valueEnd < text.length()) {
                valueEnd = lineEnd(text, nextLine(text, valueEnd));
            }
            String name = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
            String data = text.substring(pos + m.start(3), valueEnd);
            String replacement = isSecretName(name) ? redactedData(data) : null;
            if (replacement == null) {
                out.append(text, pos, nextLine(text, valueEnd));
            } else {
                removed.add(name);
                out.append(m.group(1)).append('=').append(replacement).append(text, valueEnd, nextLine(text, valueEnd));
            }
            pos = nextLine(text, valueEnd);
        }
        return new Redacted(out.toString(), removed);
    }

    /** The value's data redacted in its own type, or null when it is a number, which is kept. */
    private static String redactedData(String data) {
        String d = data.strip();
        if (d.startsWith("\"")) {
            return "\"" + REDACTED + "\"";
        }
        String lower = d.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dword:") || d.equals("-")) {
            return null;
        }
        Matcher hex = HEX_FORM.matcher(d);
        if (!hex.find()) {
            return "\"" + REDACTED + "\""; // not a form reg export writes: replaced whole
        }
        String type = hex.group(2) == null ? "" : hex.group(2).toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
        switch (type) {
            case "4", "5", "b":
                return null; // REG_DWORD, REG_DWORD_BIG_ENDIAN, REG_QWORD
            case "1", "2":
                return hex.group(1) + ":" + hexList((REDACTED + "\0").getBytes(StandardCharsets.UTF_16LE));
            case "7":
                return hex.group(1) + ":" + hexList((REDACTED + "\0\0").getBytes(StandardCharsets.UTF_16LE));
            default:
                return hex.group(1) + ":";
        }
    }

    private static String hexList(byte[] bytes) {
        HexFormat f = HexFormat.ofDelimiter(",");
        return f.formatHex(bytes);
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
            i++;
        }
        return i;
    }

    private static int nextLine(String text, int lineEnd) {
        if (lineEnd < text.length() && text.charAt(lineEnd) == '\r') {
            lineEnd++;
        }
        if (lineEnd < text.length() && text.charAt(lineEnd) == '\n') {
            lineEnd++;
        }
        return lineEnd;
    }

    private static Redacted replace(String text, Pattern p, int nameGroup, Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        List<String> removed = new ArrayList<>();
        while (m.find()) {
            if (!isSecretName(m.group(nameGroup))) {
                continue;
            }
            removed.add(m.group(nameGroup));
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(sb);
        return new Redacted(sb.toString(), removed);
    }
}
