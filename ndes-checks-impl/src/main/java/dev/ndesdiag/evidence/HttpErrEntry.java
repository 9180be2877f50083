package dev.ndesdiag.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of the HTTP.sys error log ({@code %SystemRoot%\System32\LogFiles\HTTPERR\httperr*.log}):
 * a request HTTP.sys answered itself, without IIS, such as {@code 503 ... Disabled SCEP} when the
 * SCEP pool is stopped. Field meanings: https://learn.microsoft.com/en-us/windows/win32/http/format-of-the-http-server-api-error-logs;
 * reason phrases: https://learn.microsoft.com/en-us/windows/win32/http/types-of-errors-logged-by-the-http-server-api.
 *
 * <p>Time: the time from {@code date} and {@code time} (UTC, as the format says)
 * @since 0.1.0
 */
public final class HttpErrEntry {

    private final W3cLine line;

    HttpErrEntry(W3cLine line) {
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
     * @param name such as {@code s-reason}; never null
     * @return the value, or empty when absent or {@code -}
     */
    public Optional<String> field(String name) {
        return line.field(name);
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
        return line.integer("s-port");
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
        return line.integer("sc-status");
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

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpErrEntry e && e.line.equals(line);
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
