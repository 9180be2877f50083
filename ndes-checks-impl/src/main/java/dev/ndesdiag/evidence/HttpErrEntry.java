package dev.ndesdiag.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of the HTTP.sys error log ({@code %SystemRoot%\System32\LogFiles\HTTPERR\httperr*.log}):
 * a request HTTP.sys answered itself, without IIS, such as {@code 503 ... Disabled SCEP} when the
 * SCEP pool is stopped. Field meanings: https://learn.microsoft.com/en-us/windows/win32/http/format-of-the-http-server-api-error-logs;
 * reason phrases: https://learn.microsoft.com/en-us/windows/win32/http/types-of-errors-logged-by-the-http-server-api.
 *
 * @param line the line number in the file, from 1
 * @param time the time from {@code date} and {@code time} (UTC, as the format says)
 * @param fields the layout, 13 fields (older) or 14 (with {@code streamid}); never null
 * @param values the raw values; never null
 * @since 0.1.0
 */
public record HttpErrEntry(long line, Optional<Instant> time, W3cFields fields, List<String> values) {

    /** Validates the components. */
    public HttpErrEntry {
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
     * @param name such as {@code s-reason}; never null
     * @return the value, or empty when absent or {@code -}
     */
    public Optional<String> field(String name) {
        int i = fields.indexOf(name);
        return i < 0 ? Optional.empty() : W3cText.present(values.get(i));
    }

    /**
     * Returns the client address, IPv6 scope ids kept.
     *
     * @return the address
     */
    public Optional<IpAddress> clientIp() {
        return field("c-ip").flatMap(IpAddress::parse);
    }

    /**
     * Returns the server address.
     *
     * @return the address
     */
    public Optional<IpAddress> serverIp() {
        return field("s-ip").flatMap(IpAddress::parse);
    }

    /**
     * Returns the server port.
     *
     * @return the port
     */
    public OptionalInt serverPort() {
        return W3cText.integer(field("s-port"));
    }

    /**
     * Returns the request method.
     *
     * @return such as {@code GET}
     */
    public Optional<String> method() {
        return field("cs-method");
    }

    /**
     * Returns the URL and query ({@code cs-uri}), %XX escapes decoded.
     *
     * @return such as {@code /certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACaps}
     */
    public Optional<String> uri() {
        return field("cs-uri").map(W3cText::percentDecoded);
    }

    /**
     * Returns the protocol status HTTP.sys answered.
     *
     * @return such as 503; empty for a connection that timed out before a response
     */
    public OptionalInt status() {
        return W3cText.integer(field("sc-status"));
    }

    /**
     * Returns the reason phrase ({@code s-reason}), which names the error.
     *
     * @return such as {@code Disabled}, {@code AppOffline}, {@code QueueFull}, {@code Timer_ConnectionIdle}
     */
    public Optional<String> reason() {
        return field("s-reason");
    }

    /**
     * Returns the request queue ({@code s-queuename}): for IIS, the application pool.
     *
     * @return such as {@code SCEP}
     */
    public Optional<String> queueName() {
        return field("s-queuename");
    }

    /**
     * Returns the code {@code ndes-diag explain} takes for this line: {@code HTTPERR-<reason>}.
     *
     * @return such as {@code HTTPERR-Disabled}, when a reason is logged
     */
    public Optional<String> code() {
        return reason().map(r -> "HTTPERR-" + r);
    }
}
