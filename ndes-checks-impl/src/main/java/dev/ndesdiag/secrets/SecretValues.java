package dev.ndesdiag.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one list of secret-bearing value names, shared by the collector's redaction
 * ({@code dev.ndesdiag.collect.Redactor}) and by every reader or check that quotes a bundle value in
 * a problem or in evidence: a name that mentions a password, secret, token, challenge or private key
 * is a secret's ({@code MSCEP\EncryptedPassword\EncryptedPassword}, {@code SinglePassword}, IIS's
 * {@code password} attributes of application pools and virtual directories), unless it is one of the
 * NDES or IIS <em>settings</em> that only mention one ({@code EnforcePassword}, {@code UseSinglePassword},
 * {@code PasswordMax}, {@code PasswordLength}, {@code PasswordValidity}, {@code PasswordVDir},
 * {@code tokenChecking}) or an account's facts ({@code passwordLastSet}, {@code passwordExpired}),
 * which stay readable. Quoted values are also cut, so that no message
 * carries a whole hostile value.
 *
 * @since 0.1.0
 */
public final class SecretValues {

    /** What stands where a secret was: no character that XML, JSON or a .reg string would have to escape. */
    public static final String REDACTED = "[redacted]";

    /** The longest value quoted in a message or evidence; longer ones are cut with an ellipsis. */
    public static final int QUOTE_LIMIT = 80;

    /** The words that make a name a secret's. */
    public static final String SECRET_WORDS = "(?:password|passwd|pwd|secret|token|challenge|privatekey|private_key|keymaterial)";

    /** {@link #SECRET_WORDS} as plain words ("private" stands for privatekey and private_key). */
    private static final List<String> WORDS = List.of("password", "passwd", "pwd", "secret", "token", "challenge",
            "private", "keymaterial");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*" + SECRET_WORDS + ".*");
    private static final Set<String> SETTINGS = Set.of("enforcepassword", "usesinglepassword", "passwordmax",
            "passwordlength", "passwordvalidity", "passwordvdir", "tokenchecking",
            // account facts of security/accounts.json: a date and a flag, not the password
            "passwordlastset", "passwordexpired", "passwordneverexpires", "passwordrequired");
    /** A "name: value" or "name = value" line of command output whose name is a secret's. */
    private static final Pattern SECRET_LINE = Pattern.compile(
            "(?im)^([ \\t]*\"?([\\w .\\-]*" + SECRET_WORDS + "[\\w .\\-]*)\"?[ \\t]*[:=][ \\t]*)(\\S[^\\r\\n]*)$");

    private SecretValues() {
    }

    /**
     * Tells whether a value or attribute name is a secret's: it mentions one and is not a known setting.
     *
     * @param name the value, attribute or field name; null is not a secret's
     * @return true when its value must never be shown
     */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches() && !SETTINGS.contains(name.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * A value as a message or evidence may quote it: {@link #REDACTED} when its name is a secret's, else cut.
     *
     * @param name the value's name; may be null
     * @param value the value; may be null
     * @return the text to quote; never null
     */
    public static String quote(String name, String value) {
        if (isSecretName(name)) {
            return REDACTED;
        }
        return cut(String.valueOf(value));
    }

    /**
     * A line of a file as a message may quote it, when its value's name is not known yet: redacted
     * after its first {@code =} or {@code :} when the line mentions a secret's name, else cut.
     *
     * @param line the line; never null
     * @return the text to quote; never null
     */
    public static String quoteLine(String line) {
        int sep = indexOfSeparator(line);
        String head = sep < 0 ? line : line.substring(0, sep);
        if (isSecretName(head.replace("\"", "").replace("@", ""))) {
            return cut(head) + (sep < 0 ? "" : line.charAt(sep) + REDACTED);
        }
        if (sep < 0 && SECRET_NAME.matcher(line).matches()) {
            return REDACTED;
        }
        return cut(line);
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    /**
     * Text cut to {@link #QUOTE_LIMIT} characters, with an ellipsis when cut.
     *
     * @param text the text; never null
     * @return the text or its start; never null
     */
    public static String cut(String text) {
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "…";
    }

    /**
     * Command output with the value of every {@code password: ...} (or {@code Secret = ...}) line
     * replaced by {@link #REDACTED}; lines naming a setting ({@code EnforcePassword: 1}) stay.
     *
     * @param text the output; never null
     * @return the output without secret-looking values; the same instance when nothing was found
     */
    public static String redactLines(String text) {
        StringBuilder sb = null;
        int last = 0;
        int n = text.length();
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            if (namesASecret(text, start, end)) {
                Matcher m = SECRET_LINE.matcher(text).region(start, end);
                if (m.find() && isSecretName(m.group(2)) && !m.group(3).strip().equals(REDACTED)) {
                    if (sb == null) {
                        sb = new StringBuilder(n);
                    }
                    sb.append(text, last, m.start(3)).append(REDACTED);
                    last = m.end(3);
                }
            }
            start = end + 1;
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, last, n).toString();
    }

    /**
     * A quick test before {@link #SECRET_LINE}, which most lines of command output cannot match: the
     * line must start with a name of word characters, spaces, dots, dashes, quotes and tabs followed
     * by {@code :} or {@code =}, and that name must hold one of the {@link #SECRET_WORDS} (ASCII case
     * folded, as {@code (?i)} does).
     */
    private static boolean namesASecret(String text, int start, int end) {
        int sep = start;
        while (sep < end && isNameChar(text.charAt(sep))) {
            sep++;
        }
        if (sep == end || (text.charAt(sep) != ':' && text.charAt(sep) != '=')) {
            return false;
        }
        for (int i = start; i < sep; i++) {
            char first = (char) (text.charAt(i) | 0x20); // the name is ASCII: this folds a letter's case
            if (first != 'p' && first != 's' && first != 't' && first != 'c' && first != 'k') {
                continue;
            }
            for (String word : WORDS) {
                if (word.charAt(0) == first && i + word.length() <= sep && text.regionMatches(true, i, word, 0, word.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == ' ' || c == '.' || c == '-' || c == '"' || c == '\t';
    }

}
