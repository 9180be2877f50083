package dev.ndesdiag.bundle;

import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.snapshot.RegistryValueType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decodes the value side of one {@code .reg} line ({@code "text"}, {@code dword:},
 * {@code hex:}, {@code hex(N):}, {@code -}) into a {@link RegistryValue}. An empty result means
 * the line deletes the value.
 */
final class RegValueDecoder {

    private static final Pattern HEX_TYPE = Pattern.compile("\\([0-9a-f]{1,8}\\)");

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private RegValueDecoder() {
    }

    /**
     * Decodes one value.
     *
     * @param name the value name, {@code ""} for the default value
     * @param raw the text after {@code =}, trimmed
     * @param unicode true for version 5 exports (strings in hex forms are UTF-16LE), false for REGEDIT4
     * @return the value, or empty when the line deletes it
     * @throws InvalidInputException when the text is no value form this reader knows
     */
    static Optional<RegistryValue> decode(String name, String raw, boolean unicode) throws InvalidInputException {
        String v = raw.strip();
        if (v.equals("-")) {
            return Optional.empty();
        }
        if (v.startsWith("\"")) {
            String s = unquote(v);
            return Optional.of(RegistryValue.ofString(name, RegistryValueType.REG_SZ, s,
                    s.getBytes(StandardCharsets.UTF_16LE)));
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dword:")) {
            String digits = v.substring(6).strip();
            if (!isDwordDigits(digits)) {
                throw new InvalidInputException("dword value \"" + digits + "\" is not 1 to 8 hex digits");
            }
            long n = Long.parseLong(digits, 16);
            return Optional.of(RegistryValue.ofNumber(name, RegistryValueType.REG_DWORD, n, littleEndian(n, 4)));
        }
        if (lower.startsWith("hex")) {
            int colon = v.indexOf(':');
            if (colon < 0) {
                throw new InvalidInputException("hex value lacks ':'");
            }
            String kind = lower.substring(3, colon);
            int type;
            if (kind.isEmpty()) {
                type = 3;
            } else if (HEX_TYPE.matcher(kind).matches()) {
                // a type is any DWORD: device properties are exported as hex(ffff0012): and the like, kept as OTHER
                type = Integer.parseUnsignedInt(kind.substring(1, kind.length() - 1), 16);
            } else {
                throw new InvalidInputException("unknown value form \"" + v.substring(0, colon + 1) + "\"");
            }
            byte[] bytes = hexBytes(v.substring(colon + 1));
            return Optional.of(typed(name, type, bytes, unicode ? StandardCharsets.UTF_16LE : WINDOWS_1252));
        }
        throw new InvalidInputException("value \"" + abbreviate(v) + "\" is none of the .reg forms "
                + "(\"text\", dword:, hex:, hex(N):, -)");
    }

    private static RegistryValue typed(String name, int type, byte[] bytes, Charset strings) throws InvalidInputException {
        switch (type) {
            case 0:
                return RegistryValue.ofBytes(name, RegistryValueType.REG_NONE, bytes);
            case 1:
                return RegistryValue.ofString(name, RegistryValueType.REG_SZ, cString(bytes, strings), bytes);
            case 2:
                return RegistryValue.ofString(name, RegistryValueType.REG_EXPAND_SZ, cString(bytes, strings), bytes);
            case 3:
                return RegistryValue.ofBytes(name, RegistryValueType.REG_BINARY, bytes);
            case 4:
                if (bytes.length != 4) {
                    throw new InvalidInputException("hex(4) DWORD has " + bytes.length + " bytes instead of 4");
                }
                return RegistryValue.ofNumber(name, RegistryValueType.REG_DWORD, readLittleEndian(bytes), bytes);
            case 7:
                return RegistryValue.ofStrings(name, multiString(bytes, strings), bytes);
            case 0xb:
                if (bytes.length != 8) {
                    throw new InvalidInputException("hex(b) QWORD has " + bytes.length + " bytes instead of 8");
                }
                return RegistryValue.ofNumber(name, RegistryValueType.REG_QWORD, readLittleEndian(bytes), bytes);
            default:
                return RegistryValue.ofBytes(name, RegistryValueType.OTHER, bytes);
        }
    }

    /**
     * Decodes a {@code .reg} hex list ({@code 0a,ff, 3}) in one pass over its characters: no
     * regular expression and no split per byte, so a 60 MB value costs linear time.
     */
    static byte[] hexBytes(String list) throws InvalidInputException {
        int n = list.length();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n / 3 + 1);
        int i = 0;
        boolean any = false;
        while (true) {
            while (i < n && Character.isWhitespace(list.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && list.charAt(i) != ',') {
                i++;
            }
            int end = i;
            while (end > start && Character.isWhitespace(list.charAt(end - 1))) {
                end--;
            }
            int len = end - start;
            if (len == 0) {
                if (!any && i >= n) {
                    return new byte[0]; // an empty list
                }
                if (!any) {
                    throw new InvalidInputException("hex byte \"\" is not two hex digits");
                }
                // an empty item after a byte (a trailing comma) is skipped, as reg import does
            } else {
                int hi = len == 2 ? hexDigit(list.charAt(start)) : 0;
                int lo = hexDigit(list.charAt(end - 1));
                if (len > 2 || hi < 0 || lo < 0) {
                    throw new InvalidInputException("hex byte \"" + abbreviate(list.substring(start, end))
                            + "\" is not two hex digits");
                }
                out.write(hi << 4 | lo);
                any = true;
            }
            if (i >= n) {
                return out.toByteArray();
            }
            i++; // the comma
        }
    }

    /** The value of an ASCII hex digit, or -1. */
    private static int hexDigit(char c) {
        return c > 'f' ? -1 : Character.digit(c, 16);
    }

    /** Whether the text is 1 to 8 hex digits. */
    private static boolean isDwordDigits(String digits) {
        if (digits.isEmpty() || digits.length() > 8) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (hexDigit(digits.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] bytes, Charset cs) {
        String s = new String(bytes, cs);
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static List<String> multiString(byte[] bytes, Charset cs) {
        String s = new String(bytes, cs);
        List<String> result = new ArrayList<>();
        for (String part : s.split("\0", -1)) {
            if (part.isEmpty()) {
                break;
            }
            result.add(part);
        }
        return result;
    }

    private static long readLittleEndian(byte[] bytes) {
        long n = 0;
        for (int i = bytes.length - 1; i >= 0; i--) {
            n = (n << 8) | (bytes[i] & 0xFF);
        }
        return n;
    }

    private static byte[] littleEndian(long n, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (n >>> (8 * i));
        }
        return b;
    }

    /**
     * Undoes the quoting of a {@code .reg} string: strips the quotes and resolves {@code \\} and {@code \"}.
     *
     * @param quoted the text starting with {@code "}
     * @return the string
     * @throws InvalidInputException when the closing quote is missing or text follows it
     */
    static String unquote(String quoted) throws InvalidInputException {
        int end = closingQuote(quoted);
        if (end < 0) {
            throw new InvalidInputException("string value has no closing quote");
        }
        if (!quoted.substring(end + 1).isBlank()) {
            throw new InvalidInputException("text after the closing quote of a string value");
        }
        return unescape(quoted.substring(1, end));
    }

    /** Returns the index of the quote closing the string that starts at 0, or -1. */
    static int closingQuote(String s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                sb.append(s.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
