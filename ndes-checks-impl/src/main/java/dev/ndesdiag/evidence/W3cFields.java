package dev.ndesdiag.evidence;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of a W3C extended log block: the field names of one {@code #Fields} directive, in
 * order. IIS writes the directive block again at every restart, and the fields may differ from one
 * block to the next, so each entry carries the layout it was read with.
 *
 * @since 0.1.0
 */
public final class W3cFields {

    /**
     * The fields IIS 8.5 and later log for a site by default (the {@code logExtFileFlags} default: Date,
     * Time, ClientIP, UserName, ServerIP, Method, UriStem, UriQuery, HttpStatus, Win32Status, TimeTaken,
     * ServerPort, UserAgent, Referer, HttpSubStatus; https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/sitedefaults/logfile/),
     * in the order IIS writes them in {@code #Fields} (as in the field articles' log lines, e.g.
     * {@code ... GET /certsrv/mscep/mscep.dll ... 500 0 1346}). Used for data lines that come before any
     * {@code #Fields} directive (the tail of a log the collector cut) when the width matches.
     */
    public static final W3cFields IIS_DEFAULT = of(List.of("date", "time", "s-ip", "cs-method", "cs-uri-stem",
            "cs-uri-query", "s-port", "cs-username", "c-ip", "cs(User-Agent)", "cs(Referer)", "sc-status",
            "sc-substatus", "sc-win32-status", "time-taken"));

    /**
     * The HTTP.sys error log layout of current Windows Server (14 fields: {@code streamid}, for HTTP/2,
     * after the URL), as real HTTPERR files head it (../shared/reference/real-formats.md).
     */
    public static final W3cFields HTTPERR_CURRENT = of(List.of("date", "time", "c-ip", "c-port", "s-ip", "s-port",
            "cs-version", "cs-method", "cs-uri", "streamid", "sc-status", "s-siteid", "s-reason", "s-queuename"));

    /**
     * The older HTTP.sys error log layout (13 fields, no {@code streamid}): date, time, client IP and port,
     * server IP and port, protocol version, verb, cooked URL and query, protocol status, site id, reason
     * phrase, queue name. Source: "Format of the HTTP Server API Error Logs",
     * https://learn.microsoft.com/en-us/windows/win32/http/format-of-the-http-server-api-error-logs
     */
    public static final W3cFields HTTPERR_LEGACY = of(List.of("date", "time", "c-ip", "c-port", "s-ip", "s-port",
            "cs-version", "cs-method", "cs-uri", "sc-status", "s-siteid", "s-reason", "s-queuename"));

    private final List<String> names;
    private final Map<String, Integer> index;

    private W3cFields(List<String> names) {
        this.names = List.copyOf(names);
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < this.names.size(); i++) {
            m.putIfAbsent(this.names.get(i).toLowerCase(Locale.ROOT), i);
        }
        this.index = Map.copyOf(m);
    }

    /**
     * Creates a layout from field names.
     *
     * @param names the names in order, such as {@code date}, {@code cs(User-Agent)}; never null
     * @return the layout; never null
     */
    public static W3cFields of(List<String> names) {
        return new W3cFields(names);
    }

    /**
     * Parses the text after {@code #Fields:}.
     *
     * @param directive such as {@code " date time s-ip cs-method"}; never null
     * @return the layout, or empty when it names no field
     */
    static Optional<W3cFields> parse(String directive) {
        String[] parts = directive.trim().split("[ \\t]+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new W3cFields(Arrays.asList(parts)));
    }

    /**
     * Returns the field names in order.
     *
     * @return the names; never null
     */
    public List<String> names() {
        return names;
    }

    /**
     * Returns the number of fields.
     *
     * @return the width
     */
    public int size() {
        return names.size();
    }

    /**
     * Returns the position of a field, ignoring case.
     *
     * @param name such as {@code sc-win32-status}; never null
     * @return the position from 0, or -1 when this layout has no such field
     */
    public int indexOf(String name) {
        Integer i = index.get(name); // the readers ask in lower case: no copy on the hot path
        if (i == null) {
            i = index.get(name.toLowerCase(Locale.ROOT));
        }
        return i == null ? -1 : i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof W3cFields f && f.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "#Fields: " + String.join(" ", names);
    }
}
