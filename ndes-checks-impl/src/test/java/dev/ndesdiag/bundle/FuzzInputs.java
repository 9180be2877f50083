package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
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

    /** The readers' contract: whatever the bytes, no part is lost to a bug (a guarded exception) in a reader. */
    static void assertNoReaderBug(Snapshot s) {
        for (InputProblem p : s.problems()) {
            if (p.message().contains("because of a bug in ndes-diag")) {
                throw new AssertionError("a reader failed: " + p);
            }
        }
    }
}
