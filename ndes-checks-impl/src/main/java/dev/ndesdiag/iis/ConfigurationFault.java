package dev.ndesdiag.iis;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Something in the configuration files along an IIS path that makes IIS refuse every request there
 * with HTTP 500.19 ("The requested page cannot be accessed because the related configuration data
 * for the page is invalid"), naming the file and line, as the 500.19 page itself does.
 *
 * @param kind what is wrong
 * @param iisPath the configuration path whose file is at fault, such as {@code Default Web Site}
 * @param file the file as the bundle holds it, such as {@code iis/web.config/Default Web Site/web.config}
 * @param line the 1-based line, when known
 * @param detail what IIS would say about it, in words
 * @see <a href="https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-error-500-19-webpage">HTTP Error 500.19 (error codes 0x80070021, 0x8007000d)</a>
 */
public record ConfigurationFault(Kind kind, String iisPath, String file, OptionalInt line, String detail) {

    /** The two causes of 500.19 that the configuration files themselves show. */
    public enum Kind {
        /**
         * A web.config sets a section that is locked at a parent level ({@code overrideModeDefault="Deny"},
         * {@code <location overrideMode="Deny">} or {@code allowOverride="false"}): 500.19, 0x80070021.
         */
        LOCKED_SECTION("0x80070021"),
        /** A web.config is not well-formed XML: 500.19, 0x8007000d. */
        MALFORMED_FILE("0x8007000d");

        private final String errorCode;

        Kind(String errorCode) {
            this.errorCode = errorCode;
        }

        /** @return the error code IIS shows on the 500.19 page */
        public String errorCode() {
            return errorCode;
        }
    }

    /** Validates the components. */
    public ConfigurationFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(iisPath, "iisPath");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return the file and line, as {@code file, line 12} */
    public String where() {
        return line.isPresent() ? file + ", line " + line.getAsInt() : file;
    }
}
