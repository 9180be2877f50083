package dev.ndesdiag.collect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a bundle's files to a zip atomically: into a temporary file beside the target, then
 * renamed over it, so an interrupted collection never leaves half a bundle under the real name.
 *
 * <p>On Windows the rename (MoveFileEx) fails with "access denied" while an antivirus scanner holds
 * the fresh file or the old zip is open in Explorer or an archiver (review-windows.md P4). The
 * rename is therefore retried for a few seconds; when it still fails, the complete temporary file
 * is kept and the exception names it, so the collected data is never lost.
 */
public final class BundleZipWriter {

    /** How the rename is retried: {@code ATTEMPTS} tries, waiting {@code FIRST_WAIT}, doubling up to {@code MAX_WAIT}. */
    static final int ATTEMPTS = 8;
    static final Duration FIRST_WAIT = Duration.ofMillis(100);
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    /** The rename, replaceable in tests. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    /** Waiting between attempts, replaceable in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** The rename failed every time; the complete bundle is at {@link #kept()}. */
    public static final class KeptException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Path kept;

        KeptException(Path kept, Path target, IOException last) {
            super("cannot rename the finished bundle to " + target + " (" + last.getClass().getSimpleName() + ": "
                    + last.getMessage() + "; an antivirus scanner or an open window may hold it). The complete bundle is "
                    + "kept at " + kept + ": rename it, or analyse it as it is with ndes-diag check --snapshot " + kept, last);
            this.kept = kept;
        }

        /** @return where the complete bundle is */
        public Path kept() {
            return kept;
        }
    }

    private BundleZipWriter() {
    }

    /**
     * Writes the zip.
     *
     * @param files the files by path inside the bundle; a path ending in {@code /} is a folder; never null
     * @param target the zip to write; never null
     * @throws KeptException when the zip was written but could not be renamed; the target is then untouched
     * @throws IOException when writing fails; the target is then untouched and nothing is left behind
     */
    public static void write(Map<String, byte[]> files, Path target) throws IOException {
        write(files, target, BundleZipWriter::atomicMove, d -> Thread.sleep(d.toMillis()));
    }

    static void write(Map<String, byte[]> files, Path target, Mover mover, Sleeper sleeper) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        boolean keep = false;
        try {
            try (OutputStream os = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(os)) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(f.getKey()));
                    if (!f.getKey().endsWith("/")) {
                        zip.write(f.getValue());
                    }
                    zip.closeEntry();
                }
            }
            keep = true; // from here on the file is a complete bundle
            rename(temp, target, mover, sleeper);
        } finally {
            if (!keep) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void rename(Path temp, Path target, Mover mover, Sleeper sleeper) throws KeptException {
        Duration wait = FIRST_WAIT;
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                mover.move(temp, target);
                return;
            } catch (IOException e) {
                last = e;
            }
            if (attempt < ATTEMPTS) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
        throw new KeptException(temp, target, last);
    }

    private static void atomicMove(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
