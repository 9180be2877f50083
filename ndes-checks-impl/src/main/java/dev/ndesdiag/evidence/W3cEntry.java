package dev.ndesdiag.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One request line of an IIS W3C extended log, read with the {@code #Fields} layout in force where
 * it stands. Fields a layout lacks, and fields logged as {@code -}, are empty.
 *
 * <p>Time: the request's time from {@code date} and {@code time}, which IIS writes in UTC whatever
 *     the file naming (https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/sitedefaults/logfile/:
 *     "the time stamp for each W3C Extended Logging log record is UTC-based"); empty when the layout has neither
 * @since 0.1.0
 */
public final class W3cEntry {

    private final W3cLine line;
    /** The decoded query, worked out when first asked for (the SCEP readers ask several times per line). */
    private Map<String, String> query;

    W3cEntry(W3cLine line) {
        this.line = line;
    }

    /**
     * Returns the line number in the file.
     *
     * @return the number, from 1
     */
    public long line() {
        return line.number();
    }

    /**
     * Returns the time from {@code date} and {@code time}, in UTC as the log writes it.
     *
     * @return the time, empty when the layout has neither
     */
    public Optional<Instant> time() {
        return line.time();
    }

    /**
     * Returns the layout of the block the line belongs to.
     *
     * @return the layout; never null
     */
    public W3cFields fields() {
        return line.fields();
    }

    /**
     * Returns the raw field values, as many as the layout names ({@code -} included).
     *
     * @return the values; never null
     */
    public List<String> values() {
        return line.values();
    }

    /**
     * Returns a field's raw value by name, ignoring case.
     *
     * @param name such as {@code cs-uri-stem} or {@code cs(User-Agent)}; never null
     * @return the raw value, or empty when the layout lacks it or it was logged as {@code -}
     */
    public Optional<String> field(String name) {
        return line.field(name);
    }

    /**
     * Returns the request method ({@code cs-method}).
     *
     * @return such as {@code GET}
     */
    public Optional<String> method() {
        return field("cs-method");
    }

    /**
     * Returns the URL path ({@code cs-uri-stem}) with %XX escapes decoded.
     *
     * @return such as {@code /certsrv/mscep/mscep.dll/pkiclient.exe}
     */
    public Optional<String> uriStem() {
        return field("cs-uri-stem").map(W3cText::percentDecoded);
    }

    /**
     * Returns the query string as logged ({@code cs-uri-query}), still encoded.
     *
     * @return such as {@code operation=GetCACaps&message=default}
     */
    public Optional<String> uriQuery() {
        return field("cs-uri-query");
    }

    /**
     * Returns the query's parameters, decoded.
     *
     * @return the parameters in order, the first of a repeated name; never null
     */
    public Map<String, String> queryParameters() {
        Map<String, String> q = query;
        if (q == null) {
            q = uriQuery().map(W3cText::queryParameters).orElse(Map.of());
            query = q;
        }
        return q;
    }

    /**
     * Returns the SCEP operation of a request to mscep.dll ({@code operation=} of the query).
     *
     * @return such as {@code PKIOperation}, {@code GetCACaps}
     */
    public Optional<String> scepOperation() {
        return Optional.ofNullable(queryParameters().get("operation")).filter(s -> !s.isEmpty());
    }

    /**
     * Returns the client address ({@code c-ip}), IPv6 zone ids kept.
     *
     * @return the address, when logged and literal
     */
    public Optional<IpAddress> clientIp() {
        return field("c-ip").flatMap(IpAddress::parse);
    }

    /**
     * Returns the server address ({@code s-ip}).
     *
     * @return the address, when logged and literal
     */
    public Optional<IpAddress> serverIp() {
        return field("s-ip").flatMap(IpAddress::parse);
    }

    /**
     * Returns the server port ({@code s-port}).
     *
     * @return the port
     */
    public OptionalInt serverPort() {
        return line.integer("s-port");
    }

    /**
     * Returns the authenticated user ({@code cs-username}).
     *
     * @return the user, empty for anonymous requests
     */
    public Optional<String> userName() {
        return field("cs-username").map(W3cText::percentDecoded);
    }

    /**
     * Returns the User-Agent, with the {@code +} IIS writes for spaces turned back into spaces.
     *
     * @return such as {@code Mozilla/4.0 (compatible; Win32; NDES client)}
     */
    public Optional<String> userAgent() {
        return field("cs(user-agent)").map(W3cText::plusAsSpace);
    }

    /**
     * Returns the HTTP status ({@code sc-status}).
     *
     * @return such as 500
     */
    public OptionalInt status() {
        return line.integer("sc-status");
    }

    /**
     * Returns the IIS substatus ({@code sc-substatus}).
     *
     * @return such as 16 in 403.16
     */
    public OptionalInt substatus() {
        return line.integer("sc-substatus");
    }

    /**
     * Returns the Win32 status ({@code sc-win32-status}) as the unsigned 32-bit number IIS writes
     * (2148204809 is 0x800B0109).
     *
     * @return the status, 0 to 4294967295
     */
    public OptionalLong win32Status() {
        return line.unsigned32("sc-win32-status");
    }

    /**
     * Returns the time taken in milliseconds ({@code time-taken}).
     *
     * @return the time
     */
    public OptionalLong timeTakenMillis() {
        return line.unsigned32("time-taken");
    }

    /**
     * Returns the status as the code {@code ndes-diag explain} takes: {@code status.substatus.win32},
     * such as {@code 500.0.1346}, or {@code status.substatus} / {@code status} when the layout lacks the rest.
     *
     * @return the code, when the status is logged
     */
    public Optional<String> statusCode() {
        OptionalInt s = status();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        OptionalInt sub = substatus();
        OptionalLong w = win32Status();
        if (sub.isEmpty()) {
            return Optional.of(String.valueOf(s.getAsInt()));
        }
        return Optional.of(s.getAsInt() + "." + sub.getAsInt() + (w.isEmpty() ? "" : "." + w.getAsLong()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof W3cEntry e && e.line.equals(line);
    }

    @Override
    public int hashCode() {
        return line.hashCode();
    }

    @Override
    public String toString() {
        return line.toString();
    }
}
