package dev.ndesdiag.api.snapshot;

/**
 * RegistryValueType is the Windows type of a registry value, as a {@code reg export} file writes it.
 *
 * @since 0.1.0
 */
public enum RegistryValueType {
    /** {@code "x"}: a string. */
    REG_SZ,
    /** {@code hex(2):}: a string with unexpanded environment variables. */
    REG_EXPAND_SZ,
    /** {@code hex(7):}: a list of strings. */
    REG_MULTI_SZ,
    /** {@code dword:} or {@code hex(4):}: an unsigned 32-bit number. */
    REG_DWORD,
    /** {@code hex(b):}: an unsigned 64-bit number. */
    REG_QWORD,
    /** {@code hex:}: bytes. */
    REG_BINARY,
    /** {@code hex(0):}: no type. */
    REG_NONE,
    /** {@code hex(N):} of any other type: kept as bytes. */
    OTHER
}
