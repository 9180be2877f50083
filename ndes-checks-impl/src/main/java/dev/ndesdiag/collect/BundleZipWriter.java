package dev.ndesdiag.collect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a bundle's files to a zip atomically: into a temporary file beside the target, then
 * renamed over it, so an interrupted collection never leaves half a bundle under the real name.
 */
public final class BundleZipWriter {

    private BundleZipWriter() {
    }

    /**
     * Writes the zip.
     *
     * @param files the files by path inside the bundle; a path ending in {@code /} is a folder; never null
     * @param target the zip to write; never null
     * @throws IOException when writing fails; the target is then untouched
     */
    public static void write(Map<String, byte[]> files, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
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
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
