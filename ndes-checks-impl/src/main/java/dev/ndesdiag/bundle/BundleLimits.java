package dev.ndesdiag.bundle;

/**
 * BundleLimits bounds what a reader accepts from an untrusted bundle, so that a zip bomb or an
 * absurd bundle ends in a clear finding or error instead of exhausting memory, disk or time.
 *
 * <p>The limits are one budget per analysis: {@code maxRetainedBytes} counts every file read whole
 * (JSON, XML, {@code .reg}, certificates, command outputs) across the whole bundle, a file read by
 * several readers counting once; streamed files (event logs, logs) are bounded per file instead.
 * Hitting a bound is a finding naming the file, and the rest of the bundle is still read.
 *
 * @param maxEntries the most files and folders a bundle may have
 * @param maxEntryBytes the largest uncompressed size of one entry (logs included)
 * @param maxTotalBytes the largest uncompressed size of all entries together (zip or folder)
 * @param maxCompressionRatio the highest uncompressed/compressed ratio of an entry larger than 1 MiB
 * @param maxDocumentBytes the largest file that is read whole (JSON, XML, .reg, certificates)
 * @param maxEventsPerLog the most events read from one event log export
 * @param maxEventLogBytes the most bytes read from one event log export
 * @param maxRetainedBytes the most bytes of files read whole that one analysis keeps, all files together
 * @param maxProblemsPerFile the most problems kept for one file; the others are counted
 */
public record BundleLimits(
        int maxEntries,
        long maxEntryBytes,
        long maxTotalBytes,
        int maxCompressionRatio,
        int maxDocumentBytes,
        int maxEventsPerLog,
        long maxEventLogBytes,
        long maxRetainedBytes,
        int maxProblemsPerFile) {

    /**
     * Returns limits generous for real bundles: 20,000 entries, 8 GiB per entry, 32 GiB in all,
     * ratio 200, 64 MiB per document, 100,000 events and 256 MiB per event log, 256 MiB of files
     * read whole in all, 100 problems per file.
     *
     * @return the default limits; never null
     */
    public static BundleLimits defaults() {
        return new BundleLimits(20_000, 8L << 30, 32L << 30, 200, 64 << 20, 100_000, 256L << 20, 256L << 20, 100);
    }

    /**
     * Returns these limits with another total for files read whole.
     *
     * @param bytes the most bytes of files read whole in one analysis
     * @return the limits; never null
     */
    public BundleLimits withMaxRetainedBytes(long bytes) {
        return new BundleLimits(maxEntries, maxEntryBytes, maxTotalBytes, maxCompressionRatio, maxDocumentBytes,
                maxEventsPerLog, maxEventLogBytes, bytes, maxProblemsPerFile);
    }

    /**
     * Returns these limits with another bound on bytes per event log.
     *
     * @param bytes the most bytes read from one event log export
     * @return the limits; never null
     */
    public BundleLimits withMaxEventLogBytes(long bytes) {
        return new BundleLimits(maxEntries, maxEntryBytes, maxTotalBytes, maxCompressionRatio, maxDocumentBytes,
                maxEventsPerLog, bytes, maxRetainedBytes, maxProblemsPerFile);
    }

    /**
     * Returns these limits with another total size of a bundle.
     *
     * @param bytes the largest uncompressed size of all entries together
     * @return the limits; never null
     */
    public BundleLimits withMaxTotalBytes(long bytes) {
        return new BundleLimits(maxEntries, maxEntryBytes, bytes, maxCompressionRatio, maxDocumentBytes,
                maxEventsPerLog, maxEventLogBytes, maxRetainedBytes, maxProblemsPerFile);
    }

    /**
     * Returns these limits with another number of problems kept per file.
     *
     * @param problems the most problems kept for one file
     * @return the limits; never null
     */
    public BundleLimits withMaxProblemsPerFile(int problems) {
        return new BundleLimits(maxEntries, maxEntryBytes, maxTotalBytes, maxCompressionRatio, maxDocumentBytes,
                maxEventsPerLog, maxEventLogBytes, maxRetainedBytes, problems);
    }
}
