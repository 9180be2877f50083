package dev.ndesdiag.bundle;

import dev.ndesdiag.api.snapshot.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the bundle fuzz targets share: a bundle around one fuzzed file, and the contract every reader keeps. */
final class FuzzInputs {

    static final String MANIFEST = "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\"}";

    /** Small bounds, so that a fuzzer explores the limits instead of allocating up to them. */
    static final BundleLimits LIMITS = BundleLimits.defaults().withMaxRetainedBytes(4 << 20).withMaxEventLogBytes(1 << 20);

    private FuzzInputs() {
    }

    /** A bundle with a manifest and the fuzzed bytes at each of the paths. */
    static MemoryBundleSource bundle(byte[] data, String... paths) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("manifest.json", MANIFEST.getBytes(StandardCharsets.UTF_8));
        for (String p : paths) {
            m.put(p, data);
        }
        return new MemoryBundleSource(m, "fuzz");
    }

    /**
     * Reads the bundle and holds the readers' contract: whatever the bytes, no part is lost to a
     * bug in a reader. A bug is what the reader's guard reports to the diagnostics (with its
     * exception), never judged from problem text, which the input can forge (a fuzzer once wrote
     * the guard's sentence into a command name).
     */
    static Snapshot readWithoutReaderBug(BundleSource source) throws BundleException {
        java.util.List<Throwable> bugs = new java.util.ArrayList<>();
        Snapshot s = new BundleReader(LIMITS).withDiagnostics((what, failure) -> bugs.add(failure)).read(source);
        if (!bugs.isEmpty()) {
            AssertionError e = new AssertionError("a reader failed: " + bugs.get(0));
            e.initCause(bugs.get(0));
            throw e;
        }
        return s;
    }
}
