package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * A bundle that is a zip file, read in place (or from memory, when it is small): nothing is extracted. Entries whose names escape the
 * bundle, links, entries that look like bombs, entries that share bytes with another entry, and
 * names that appear twice are refused; an entry whose bytes do not match its CRC-32 fails when
 * read, naming it; too many entries or too many bytes
 * in all refuse the whole bundle. The optional single top folder is stripped.
 */
final class ZipBundleSource extends IndexedBundleSource {

    /** Stored, Deflate, Deflate64 and BZip2: what commons-compress reads without optional libraries. */
    static final Set<Integer> READABLE_METHODS = Set.of(0, 8, 9, 12);

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private static final long ONE_MIB = 1L << 20;

    /**
     * A zip file up to this size is read into memory once and its entries read from there: the
     * central directory and every entry's local header are then parsed without a file read each
     * (two system calls per entry, more than half the cost of opening a typical bundle). Larger
     * bundles, such as those with weeks of IIS logs, are read in place.
     */
    static final long IN_MEMORY_BYTES = 4 * ONE_MIB;

    private final Path zipPath;
    private final ZipFile zip;
    private final BundleLimits limits;
    private final Map<String, ZipArchiveEntry> entries = new HashMap<>();

    ZipBundleSource(Path zipPath, BundleLimits limits) throws BundleException {
        super(limits.maxRetainedBytes());
        this.zipPath = zipPath;
        this.limits = limits;
        try {
            this.zip = open(zipPath);
        } catch (IOException | RuntimeException e) {
            throw new BundleException("The bundle " + zipPath.getFileName() + " is not a readable zip file ("
                    + e.getMessage() + "). Send the bundle again, or unzip it and pass the folder.", e);
        }
        try {
            index();
        } catch (BundleException e) {
            closeQuietly();
            throw e;
        }
    }

    private static ZipFile open(Path zipPath) throws IOException {
        if (Files.size(zipPath) <= IN_MEMORY_BYTES) {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(zipPath)) {
                bytes = in.readNBytes((int) IN_MEMORY_BYTES + 1); // bounded, should the file grow meanwhile
            }
            if (bytes.length <= IN_MEMORY_BYTES) {
                return ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get();
            }
        }
        return ZipFile.builder().setPath(zipPath).get();
    }

    private void index() throws BundleException {
        List<ZipArchiveEntry> all = new ArrayList<>();
        Enumeration<ZipArchiveEntry> en = zip.getEntries();
        long total = 0;
        while (en.hasMoreElements()) {
            ZipArchiveEntry e = en.nextElement();
            all.add(e);
            if (all.size() > limits.maxEntries()) {
                throw new BundleException("The bundle " + zipPath.getFileName() + " has more than "
                        + limits.maxEntries() + " entries; that is not a snapshot bundle (zip bomb?). Refused.");
            }
            if (e.getSize() > 0) {
                total += e.getSize();
            }
        }
        if (total > limits.maxTotalBytes()) {
            throw new BundleException("The bundle " + zipPath.getFileName() + " would unpack to " + total
                    + " bytes, more than the " + limits.maxTotalBytes() + " accepted (zip bomb?). Refused.");
        }
        String top = commonTopFolder(all);
        Map<String, Integer> seen = new HashMap<>();
        for (ZipArchiveEntry e : all) {
            seen.merge(e.getName(), 1, Integer::sum);
        }
        Set<ZipArchiveEntry> overlapping = overlapping(all);
        for (ZipArchiveEntry e : all) {
            String raw = e.getName();
            String name = raw.replace('\\', '/');
            if (!isSafe(name)) {
                refused.add(InputProblem.of(null, raw, "escapes the bundle (absolute path or '..'); refused"));
                continue;
            }
            if (top != null) {
                name = name.substring(top.length());
                if (name.isEmpty()) {
                    continue;
                }
            }
            if (seen.get(raw) > 1 && !e.isDirectory()) {
                if (refused.stream().noneMatch(p -> p.file().equals(raw))) {
                    refused.add(InputProblem.of(null, raw, "appears " + seen.get(raw) + " times in the zip; which one is "
                            + "real is unknowable, so none is read (refused)"));
                }
            } else if (overlapping.contains(e)) {
                refused.add(InputProblem.of(null, name, "shares its bytes with another entry of the zip (overlapping "
                        + "entries, the mark of a zip bomb); refused"));
            } else if (e.isUnixSymlink()) {
                refused.add(InputProblem.of(null, name, "is a link; links in a bundle are refused, never followed"));
            } else if (e.isDirectory()) {
                folders.add(name.endsWith("/") ? name : name + "/");
            } else if (e.getSize() > limits.maxEntryBytes()) {
                refused.add(InputProblem.of(null, name, "would unpack to " + e.getSize()
                        + " bytes, more than the " + limits.maxEntryBytes() + " accepted; refused"));
            } else if (looksLikeBomb(e)) {
                refused.add(InputProblem.of(null, name, "compresses " + e.getSize() + " bytes into "
                        + e.getCompressedSize() + " (ratio above " + limits.maxCompressionRatio()
                        + "), the mark of a zip bomb; refused"));
            } else if (!READABLE_METHODS.contains(e.getMethod())) {
                // commons-compress knows more methods than it can read without optional libraries (Zstandard,
                // XZ need zstd-jni / xz): Windows' Compress-Archive and Explorer write Deflate, so only the
                // methods read in pure Java are accepted, and the others are refused by name
                refused.add(InputProblem.of(null, name, "uses compression method " + e.getMethod() + " ("
                        + methodName(e.getMethod()) + "), which ndes-diag does not read; refused. Zip the bundle again "
                        + "with Deflate (Compress-Archive, Explorer's Send to > Compressed folder, or ndes-diag collect)"));
            } else if (!zip.canReadEntryData(e)) {
                refused.add(InputProblem.of(null, name, "uses a compression method or encryption this reader does not support"));
            } else {
                files.put(name, e.getSize());
                entries.put(name, e);
                addParents(name);
            }
        }
    }

    /** The file entries whose bytes (local header to end of data) overlap another entry's. */
    private static Set<ZipArchiveEntry> overlapping(List<ZipArchiveEntry> all) {
        List<ZipArchiveEntry> byOffset = new ArrayList<>(all);
        byOffset.sort(Comparator.comparingLong(ZipArchiveEntry::getLocalHeaderOffset));
        Set<ZipArchiveEntry> result = Collections.newSetFromMap(new IdentityHashMap<>());
        ZipArchiveEntry furthest = null;
        for (ZipArchiveEntry e : byOffset) {
            if (furthest != null && e.getLocalHeaderOffset() < end(furthest)) {
                result.add(e);
                result.add(furthest);
            }
            if (furthest == null || end(e) > end(furthest)) {
                furthest = e;
            }
        }
        return result;
    }

    private static long end(ZipArchiveEntry e) {
        long data = e.getDataOffset() >= 0 ? e.getDataOffset() : e.getLocalHeaderOffset();
        return data + Math.max(e.getCompressedSize(), 0);
    }

    private void addParents(String name) {
        int slash = name.indexOf('/');
        while (slash > 0) {
            String folder = name.substring(0, slash + 1);
            if (!folders.contains(folder)) {
                folders.add(folder);
            }
            slash = name.indexOf('/', slash + 1);
        }
    }

    private boolean looksLikeBomb(ZipArchiveEntry e) {
        long size = e.getSize();
        long compressed = e.getCompressedSize();
        return size > ONE_MIB && compressed > 0 && size / compressed > limits.maxCompressionRatio();
    }

    private static boolean isSafe(String name) {
        if (name.startsWith("/") || DRIVE.matcher(name).matches() || name.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The single top folder all entries share, when there is one and no manifest at the root. */
    private static String commonTopFolder(List<ZipArchiveEntry> all) {
        String top = null;
        for (ZipArchiveEntry e : all) {
            String name = e.getName().replace('\\', '/');
            int slash = name.indexOf('/'); // a root manifest.json, like any root file, means no top folder
            if (slash <= 0) {
                return null;
            }
            String first = name.substring(0, slash + 1);
            if (top == null) {
                top = first;
            } else if (!top.equals(first)) {
                return null;
            }
        }
        return top;
    }

    /** Synchronized: several part readers open entries at once; each stream then reads on its own. */
    @Override
    public synchronized InputStream open(String path) throws IOException {
        ZipArchiveEntry e = entries.get(path);
        if (e == null) {
            throw new IOException("no such file in the bundle");
        }
        long limit = e.getSize() >= 0 ? e.getSize() : limits.maxEntryBytes();
        return new BoundedInputStream(new CrcCheckingStream(data(e), path, e.getCrc()), path, limit);
    }

    /**
     * The entry's bytes. Stored and Deflate entries, all that Windows writes, are read from the raw
     * bytes with a buffer sized to the entry (commons-compress puts an 8 KB buffer before every
     * entry's inflater, most of a bundle's allocation for entries of a few hundred bytes); Deflate64
     * and BZip2 through commons-compress's own streams.
     */
    private InputStream data(ZipArchiveEntry e) throws IOException {
        return switch (e.getMethod()) {
            case ZipArchiveEntry.STORED -> zip.getRawInputStream(e);
            case ZipArchiveEntry.DEFLATED -> inflating(zip.getRawInputStream(e), e.getCompressedSize());
            default -> zip.getInputStream(e);
        };
    }

    private static InputStream inflating(InputStream raw, long compressedSize) {
        Inflater inflater = new Inflater(true);
        int buffer = (int) Math.max(512, Math.min(8192, compressedSize + 1));
        // one zero byte after the data, as commons-compress and java.util.zip add: an inflater without
        // the zlib header may ask for one more byte of input before it reports the end
        InputStream input = new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1]));
        return new InflaterInputStream(input, inflater, buffer) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    try {
                        super.close();
                    } finally {
                        inflater.end();
                    }
                }
            }
        };
    }

    @Override
    public String describe() {
        return String.valueOf(zipPath.getFileName());
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private void closeQuietly() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // the original failure is what matters
        }
    }

    private static String methodName(int code) {
        org.apache.commons.compress.archivers.zip.ZipMethod m = org.apache.commons.compress.archivers.zip.ZipMethod.getMethodByCode(code);
        return m == null ? "unknown" : m.name();
    }
}
