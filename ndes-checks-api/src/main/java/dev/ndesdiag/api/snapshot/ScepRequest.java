package dev.ndesdiag.api.snapshot;

import dev.ndesdiag.api.value.AsciiCase;

/**
 * ScepRequest is one of the requests the SCEP probe makes to {@code mscep.dll}, recognised by its
 * {@code operation} query parameter.
 *
 * @since 0.2.0
 */
public enum ScepRequest {
    /** The bare URL, no operation: 403 when the Intune policy module is loaded. */
    BARE("", "The bare SCEP URL was not requested."),
    /** {@code operation=GetCACaps}. */
    GET_CA_CAPS("GetCACaps", "GetCACaps was not requested."),
    /** {@code operation=GetCACert}. */
    GET_CA_CERT("GetCACert", "GetCACert was not requested."),
    /** {@code operation=PKIOperation}, the PKIOperation-sized GET. */
    PKI_OPERATION("PKIOperation", "No PKIOperation-sized request was made.");

    private final String operation;
    private final String notProbed;

    ScepRequest(String operation, String notProbed) {
        this.operation = operation;
        this.notProbed = notProbed;
    }

    /**
     * Returns the {@code operation} parameter, empty for the bare URL.
     *
     * @return the operation; never null
     */
    public String operation() {
        return operation;
    }

    /**
     * Says, for a report, that this request was not made.
     *
     * @return the sentence; never null
     */
    public String notProbed() {
        return notProbed;
    }

    /**
     * Tells whether a URL is this request.
     *
     * @param url a requested URL; never null
     * @return true when its operation parameter is this request's (none for {@link #BARE})
     */
    public boolean matches(String url) {
        return operationOf(url).equalsIgnoreCase(operation);
    }

    /**
     * Returns the {@code operation} query parameter of a URL.
     *
     * @param url the URL; never null
     * @return the operation, or empty when there is none
     */
    public static String operationOf(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return "";
        }
        // parameter by parameter, without copying the query: a PKIOperation GET carries kilobytes of message
        int start = q + 1;
        while (true) {
            int amp = url.indexOf('&', start);
            int end = amp < 0 ? url.length() : amp;
            if (namesOperation(url, start, end)) {
                return url.substring(start + OPERATION.length(), end);
            }
            if (amp < 0) {
                return "";
            }
            start = amp + 1;
        }
    }

    private static final String OPERATION = "operation=";

    /** Whether the parameter, which ends at {@code end}, starts with {@code operation=} in any case of its ASCII letters. */
    private static boolean namesOperation(String url, int start, int end) {
        return end - start >= OPERATION.length() && AsciiCase.matchesAt(url, start, OPERATION);
    }
}
