package dev.ndesdiag.codes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code as a person or a log wrote it, normalised: the canonical codes to look up, most specific
 * first. The forms read:
 * <ul>
 *   <li>HRESULTs in hex ({@code 0x80094800}, {@code 80094800}), signed ({@code -2146875392}) or unsigned
 *       ({@code 2148204809}) decimal, all to {@code 0x80094800} form;</li>
 *   <li>Win32 codes in decimal ({@code 87}, {@code 1346}, WinHTTP {@code 12175}) or small hex ({@code 0x57}),
 *       as {@code HRESULT_FROM_WIN32}: {@code 0x8007xxxx};</li>
 *   <li>IIS statuses {@code 500.0.1346}, {@code 500 0 1346}, {@code 403.16}, {@code 414}: the triple, then
 *       {@code status.substatus}, then {@code status}; the Win32 part is also looked up as a code;</li>
 *   <li>events: {@code NDES-10}, {@code WAS 5002}, {@code event 10} (any provider), {@code event NDES-10};</li>
 *   <li>names: {@code CERT_CN_INVALID}, {@code E_INVALIDARG}, {@code HTTPERR-Disabled}, {@code Disabled}.</li>
 * </ul>
 * A bare number from 100 to 599 is read as an HTTP status first and a Win32 code second.
 *
 * @param input the text as given, stripped; never null
 * @param candidates the canonical codes to try, in order; never null
 * @param related further codes named inside the input (the Win32 part of an IIS triple); never null
 * @param anyProviderEventId the id of {@code event N}, which matches that id of every provider
 * @param reading how the input was read, for people, such as {@code "HRESULT 0x80094800 (signed -2146875392)"}; never null
 * @since 0.1.0
 */
public record CodeQuery(
        String input,
        List<String> candidates,
        List<String> related,
        OptionalInt anyProviderEventId,
        String reading) {

    private static final Pattern EVENT_ANY = Pattern.compile("(?i)event[\\s:#-]*(\\d{1,5})");
    private static final Pattern EVENT_PREFIXED = Pattern.compile("(?i)(?:event[\\s:#]+)?([a-z][a-z0-9]*)[\\s:#-]+(\\d{1,5})");
    private static final Pattern HTTP = Pattern.compile("([1-5]\\d\\d)(?:[.\\s]+(\\d{1,3})(?:[.\\s]+(-?\\d{1,10}))?)?");
    private static final Pattern HEX = Pattern.compile("(?i)(0x)?([0-9a-f]{1,8})");
    private static final Pattern HTTP_WORD = Pattern.compile("(?i)http(?:\\s+error)?\\s+([1-5]\\d\\d.*)");
    private static final Pattern EMBEDDED_HRESULT = Pattern.compile("(?i)\\b0x([0-9a-f]{8})\\b");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** Validates and copies the components. */
    public CodeQuery {
        Objects.requireNonNull(input, "input");
        candidates = List.copyOf(candidates);
        related = List.copyOf(related);
        Objects.requireNonNull(anyProviderEventId, "anyProviderEventId");
        Objects.requireNonNull(reading, "reading");
    }

    /**
     * Reads a code in any of the accepted forms.
     *
     * @param raw the text; never null
     * @return the query; its candidates are empty when the text is not a code of any known form
     */
    public static CodeQuery parse(String raw) {
        String in = WHITESPACE.matcher(raw.strip()).replaceAll(" ");
        Matcher word = HTTP_WORD.matcher(in);
        if (word.matches()) { // "HTTP 500", "HTTP Error 500.19"
            CodeQuery q = parseForm(word.group(1));
            return new CodeQuery(in, q.candidates(), q.related(), q.anyProviderEventId(), q.reading());
        }
        return parseForm(in);
    }

    private static CodeQuery parseForm(String in) {
        Matcher m;
        if ((m = EVENT_ANY.matcher(in)).matches()) {
            int id = Integer.parseInt(m.group(1));
            return new CodeQuery(in, List.of(), List.of(), OptionalInt.of(id), "event id " + id + " of any provider");
        }
        if ((m = HTTP.matcher(in)).matches() && (m.group(2) != null || !in.contains(" "))) {
            return http(in, m);
        }
        if ((m = EVENT_PREFIXED.matcher(in)).matches() && !m.group(1).equalsIgnoreCase("0x")) {
            String code = m.group(1).toUpperCase(Locale.ROOT) + "-" + Integer.parseInt(m.group(2));
            return new CodeQuery(in, List.of(code, in), List.of(), OptionalInt.empty(), "event " + code);
        }
        if ((m = HEX.matcher(in)).matches() && (m.group(1) != null || (m.group(2).length() == 8
                && (!DIGITS.matcher(in).matches() || in.startsWith("8"))))) {
            // 80094800 without 0x: eight digits starting with 8 are an HRESULT in hex, as certutil prints them
            long v = Long.parseLong(m.group(2), 16);
            return hresult(in, v, "hex");
        }
        if (DECIMAL.matcher(in).matches()) {
            long v = in.length() > 11 ? Long.MAX_VALUE : Long.parseLong(in);
            if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
                return new CodeQuery(in, List.of(), List.of(), OptionalInt.empty(), "a number outside 32 bits, not a code");
            }
            return hresult(in, v < 0 ? v & 0xFFFF_FFFFL : v, v < 0 ? "signed decimal" : "decimal");
        }
        if ((m = EMBEDDED_HRESULT.matcher(in)).find()) {
            // pasted with its text, as certutil prints it: "0x80070057 (WIN32: 87 ERROR_INVALID_PARAMETER)"
            CodeQuery inner = hresult(in, Long.parseLong(m.group(1), 16), "hex");
            return new CodeQuery(in, inner.candidates(), List.of(), OptionalInt.empty(), inner.reading());
        }
        return new CodeQuery(in, List.of(in), List.of(), OptionalInt.empty(), "name " + in);
    }

    private static CodeQuery http(String in, Matcher m) {
        int status = Integer.parseInt(m.group(1));
        List<String> c = new ArrayList<>();
        List<String> related = new ArrayList<>();
        if (m.group(2) == null) {
            c.add(String.valueOf(status));
            c.addAll(hresultCandidates(status)); // 500 alone: the HTTP status, then Win32 500
            return new CodeQuery(in, c, related, OptionalInt.empty(), "HTTP status " + status
                    + " (else Win32 " + status + ")");
        }
        int sub = Integer.parseInt(m.group(2));
        String reading = "IIS status " + status + "." + sub;
        if (m.group(3) != null) {
            long w = Long.parseLong(m.group(3));
            if (w < Integer.MIN_VALUE || w > 0xFFFF_FFFFL) {
                return new CodeQuery(in, List.of(), List.of(), OptionalInt.empty(), "an IIS status whose Win32 part is outside 32 bits");
            }
            long unsigned = w < 0 ? w & 0xFFFF_FFFFL : w;
            c.add(status + "." + sub + "." + unsigned);
            reading += " with Win32 status " + unsigned;
            if (unsigned != 0) {
                related.addAll(hresultCandidates(unsigned));
            }
        }
        c.add(status + "." + sub);
        c.add(String.valueOf(status));
        return new CodeQuery(in, c, related, OptionalInt.empty(), reading);
    }

    private static CodeQuery hresult(String in, long v, String form) {
        List<String> c = new ArrayList<>();
        String reading;
        if (v >= 100 && v <= 599 && form.equals("decimal")) {
            c.add(String.valueOf(v));
            reading = "HTTP status " + v + " (else Win32 " + v + ")";
        } else if (v <= 0xFFFF) {
            reading = "Win32 error " + v + ", HRESULT " + hex(0x8007_0000L | v);
        } else {
            reading = "HRESULT " + hex(v) + (form.equals("hex") ? "" : " (" + form + " " + in + ")");
        }
        c.addAll(hresultCandidates(v));
        return new CodeQuery(in, c, List.of(), OptionalInt.empty(), reading);
    }

    /** The HRESULT forms of a number: a Win32 code n (up to 0xFFFF) as 0x8007xxxx, else the number itself. */
    static List<String> hresultCandidates(long v) {
        if (v == 0) {
            return List.of();
        }
        return v <= 0xFFFF ? List.of(hex(0x8007_0000L | v)) : List.of(hex(v));
    }

    static String hex(long v) {
        return String.format(Locale.ROOT, "0x%08x", v & 0xFFFF_FFFFL);
    }

    /**
     * Returns whether the input had a readable form at all.
     *
     * @return false for text that is neither a number, a code, an event nor a name
     */
    public boolean readable() {
        return !candidates.isEmpty() || anyProviderEventId.isPresent();
    }

    /**
     * Returns the first candidate, the code as the dictionary would name it.
     *
     * @return such as {@code 0x80094800}, or empty for {@code event N} and unreadable input
     */
    public Optional<String> normalized() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }
}
