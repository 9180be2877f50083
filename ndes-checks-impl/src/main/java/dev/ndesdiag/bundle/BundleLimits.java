package dev.ndesdiag.bundle;

/**
 * BundleLimits bounds what a reader accepts from an untrusted bundle, so that a zip bomb or an
 * absurd bundle ends in a clear error instead of exhausting memory or disk.
 *
 * @param maxEntries the most files and folders a bundle may have
 * @param maxEntryBytes the largest uncompressed size of one entry (logs included)
 * @param maxTotalBytes the largest uncompressed size of all entries together
 * @param maxCompressionRatio the highest uncompressed/compressed ratio of an entry larger than 1 MiB
 * @param maxDocumentBytes the largest file that is read whole (JSON, XML, .reg, certificates)
 * @param maxEventsPerLog the most events read from one event log export
 */
public record BundleLimits(
        int maxEntries,
        long maxEntryBytes,
        long maxTotalBytes,
        int maxCompressionRatio,
        int maxDocumentBytes,
        int maxEventsPerLog) {

    /**
     * Returns limits generous for real bundles: 20,000 entries, 8 GiB per entry, 32 GiB in all,
     * ratio 200, 64 MiB per document, 100,000 events per log.
     *
     * @return the default limits; never null
     */
    public static BundleLimits defaults() {
        return new BundleLimits(20_000, 8L << 30, 32L << 30, 200, 64 << 20, 100_000);
    }
}
