package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Blob;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The index every bundle source builds when opened: files with sizes, folders, refused entries;
 * and the one budget of an analysis for files read whole, each file counted once however often
 * it is read.
 */
abstract class IndexedBundleSource implements BundleSource {

    /** File paths inside the bundle and their sizes. */
    protected final SortedMap<String, Long> files = new TreeMap<>();
    /** Folder paths, each ending in {@code /}. */
    protected final List<String> folders = new ArrayList<>();
    /** Entries refused as hostile or unreadable. */
    protected final List<InputProblem> refused = new ArrayList<>();

    private final long maxRetainedBytes;
    private final Set<String> charged = new HashSet<>();
    private final Map<String, Blob> blobs = new HashMap<>();
    private long retained;
    private Map<String, String> byLowerCase;

    /** @param maxRetainedBytes the most bytes of files read whole, all files of the bundle together */
    protected IndexedBundleSource(long maxRetainedBytes) {
        this.maxRetainedBytes = maxRetainedBytes;
    }

    @Override
    public SortedMap<String, Long> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    @Override
    public List<String> folders() {
        return Collections.unmodifiableList(folders);
    }

    @Override
    public List<InputProblem> refused() {
        return Collections.unmodifiableList(refused);
    }

    /** Finds a file ignoring case through an index built once, so that a look-up never scans the bundle. */
    @Override
    public Optional<String> find(String path) {
        if (files.containsKey(path)) {
            return Optional.of(path);
        }
        return Optional.ofNullable(lowerCaseIndex().get(path.toLowerCase(Locale.ROOT)));
    }

    private synchronized Map<String, String> lowerCaseIndex() {
        if (byLowerCase == null) {
            Map<String, String> index = new HashMap<>();
            for (String p : files.keySet()) {
                index.putIfAbsent(p.toLowerCase(Locale.ROOT), p);
            }
            byLowerCase = index;
        }
        return byLowerCase;
    }

    @Override
    public byte[] readAll(String path, int maxBytes) throws IOException {
        Long size = files.get(path);
        if (size != null && size > maxBytes) {
            throw new IOException("file is " + size + " bytes, more than the " + maxBytes + " bytes accepted for it");
        }
        boolean first = reserve(path, size == null || size < 0 ? 0 : size);
        byte[] bytes;
        try (InputStream in = open(path)) {
            // a size the index knows is read in one buffer of its length; a file longer than it said is read on
            bytes = in.readNBytes(size == null || size < 0 ? maxBytes + 1 : size.intValue() + 1);
            if (size != null && size >= 0 && bytes.length > size) {
                byte[] rest = in.readNBytes(maxBytes + 1 - bytes.length);
                byte[] whole = Arrays.copyOf(bytes, bytes.length + rest.length);
                System.arraycopy(rest, 0, whole, bytes.length, rest.length);
                bytes = whole;
            }
        }
        if (bytes.length > maxBytes) {
            throw new IOException("file is more than the " + maxBytes + " bytes accepted for it");
        }
        if (first && (size == null || size < 0)) {
            settle(path, bytes.length);
        }
        return bytes;
    }

    @Override
    public Blob blob(String path, int maxBytes) throws IOException {
        synchronized (blobs) {
            Blob known = blobs.get(path);
            if (known != null) {
                return known;
            }
        }
        Blob blob = Blob.of(readAll(path, maxBytes));
        synchronized (blobs) {
            return blobs.computeIfAbsent(path, p -> blob);
        }
    }

    /**
     * Counts a file against the budget the first time it is read whole; refuses it when the budget would be passed.
     *
     * @return true when this read is the file's first, false when it was counted before
     */
    private synchronized boolean reserve(String path, long bytes) throws IOException {
        if (charged.contains(path)) {
            return false;
        }
        if (retained + bytes > maxRetainedBytes) {
            throw new IOException("was not read: its " + bytes + " bytes would pass the budget of " + maxRetainedBytes
                    + " bytes that one analysis keeps of files read whole (" + retained + " used by the files before it)");
        }
        retained += bytes;
        charged.add(path);
        return true;
    }

    /** Counts a file whose size was unknown before it was read. */
    private synchronized void settle(String path, long bytes) throws IOException {
        if (retained + bytes > maxRetainedBytes) {
            charged.remove(path); // not kept, so not counted: a later read is judged again
            throw new IOException("was not kept: its " + bytes + " bytes would pass the budget of " + maxRetainedBytes
                    + " bytes that one analysis keeps of files read whole (" + retained + " used by the files before it)");
        }
        retained += bytes;
    }
}
