package dev.ndesdiag.codes;

import java.util.Arrays;
import java.util.Optional;

/** The families of codes the dictionary holds, each with its canonical form. */
public enum CodeKind {
    /** An IIS status, {@code status[.substatus[.win32]]}, such as {@code 500.0.1346}. */
    HTTP("http"),
    /** An HRESULT, lower-case hex with 8 digits, such as {@code 0x80094800}; a Win32 code n is {@code 0x8007xxxx}. */
    HRESULT("hresult"),
    /** A {@code WINHTTP_CALLBACK_STATUS_FLAG_*} logged with WinHTTP error 12175. */
    WINHTTP_FLAG("winhttp-flag"),
    /** An HTTP.sys error log reason, {@code HTTPERR-<reason>}, such as {@code HTTPERR-Disabled}. */
    HTTPERR("httperr"),
    /** An event id of a provider, {@code <PREFIX>-<id>}, such as {@code NDES-10}. */
    EVENT("event");

    private final String jsonName;

    CodeKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * Returns the name used in the data file and in JSON output.
     *
     * @return such as {@code hresult}; never null
     */
    public String jsonName() {
        return jsonName;
    }

    static Optional<CodeKind> fromJson(String name) {
        return Arrays.stream(values()).filter(k -> k.jsonName.equals(name)).findFirst();
    }
}
