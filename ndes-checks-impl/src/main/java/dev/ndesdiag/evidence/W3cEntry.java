package dev.ndesdiag.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One request line of an IIS W3C extended log, read with the {@code #Fields} layout in force where
 * it stands. Fields a layout lacks, and fields logged as {@code -}, are empty.
 *
 * @param line the line number in the file, from 1
 * @param time the request's time from {@code date} and {@code time}, which IIS writes in UTC whatever
 *     the file naming (https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/sitedefaults/logfile/:
 *     "the time stamp for each W3C Extended Logging log record is UTC-based"); empty when the layout has neither
 * @param fields the layout of the block the line belongs to; never null
 * @param values the raw field values, as many as the layout names; never null
 * @since 0.1.0
 */
public record W3cEntry(long line, Optional<Instant> time, W3cFields fields, List<String> values) {

    /** Validates the components. */
    public W3cEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(values, "values");
        if (values.size() != fields.size()) {
            throw new IllegalArgumentException("values do not match the layout: " + values.size() + " for " + fields.size());
        }
    }

    /**
     * Returns a field's raw value by name, ignoring case.
     *
     * @param name such as {@code cs-uri-stem} or {@code cs(User-Agent)}; never null
     * @return the raw value, or empty when the layout lacks it or it was logged as {@code -}
     */
    public Optional<String> field(String name) {
        int i = fields.indexOf(name);
        return i < 0 ? Optional.empty() : W3cText.present(values.get(i));
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
        return uriQuery().map(W3cText::queryParameters).orElse(Map.of());
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
        return W3cText.integer(field("s-port"));
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
        return field("cs(User-Agent)").map(W3cText::plusAsSpace);
    }

    /**
     * Returns the HTTP status ({@code sc-status}).
     *
     * @return such as 500
     */
    public OptionalInt status() {
        return W3cText.integer(field("sc-status"));
    }

    /**
     * Returns the IIS substatus ({@code sc-substatus}).
     *
     * @return such as 16 in 403.16
     */
    public OptionalInt substatus() {
        return W3cText.integer(field("sc-substatus"));
    }

    /**
     * Returns the Win32 status ({@code sc-win32-status}) as the unsigned 32-bit number IIS writes
     * (2148204809 is 0x800B0109).
     *
     * @return the status, 0 to 4294967295
     */
    public OptionalLong win32Status() {
        return W3cText.unsigned32(field("sc-win32-status"));
    }

    /**
     * Returns the time taken in milliseconds ({@code time-taken}).
     *
     * @return the time
     */
    public OptionalLong timeTakenMillis() {
        return W3cText.unsigned32(field("time-taken"));
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
}
