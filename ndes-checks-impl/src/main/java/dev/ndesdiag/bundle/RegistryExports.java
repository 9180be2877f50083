package dev.ndesdiag.bundle;

import dev.ndesdiag.api.snapshot.Registry;
import java.util.Map;
import java.util.Optional;

/**
 * The bundle reader's {@code reg export} parsing for others that hold an export as bytes (the
 * collector reads the CA configuration from the {@code mscep.reg} it has just collected).
 */
public final class RegistryExports {

    private RegistryExports() {
    }

    /**
     * Parses one export, in any encoding {@code reg export} or regedit writes.
     *
     * @param fileName the file's name, such as {@code mscep.reg}; never null
     * @param export its bytes; never null
     * @return the keys and values, or empty when the bytes are not a registry export
     */
    public static Optional<Registry> parse(String fileName, byte[] export) {
        MemoryBundleSource source = new MemoryBundleSource(Map.of("registry/" + fileName, export), fileName);
        return RegistryReader.read(source, BundleLimits.defaults()).value();
    }
}
