package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The files of a bundle, directory or zip, by their path inside the bundle ({@code /}-separated,
 * without the optional top folder). Nothing is extracted; entries are read in place.
 */
interface BundleSource extends Closeable {

    /** @return file paths mapped to their size in bytes (-1 when unknown), in path order */
    SortedMap<String, Long> files();

    /** @return folder paths, each ending in {@code /} */
    List<String> folders();

    /** @return entries that were refused (escaping paths, links, bombs), as problems */
    List<InputProblem> refused();

    /**
     * Opens a file for streaming; the stream fails once more bytes arrive than the limits allow.
     *
     * @param path the file's path inside the bundle
     * @return the stream
     * @throws IOException when the file cannot be read
     */
    InputStream open(String path) throws IOException;

    /** @return a short description of the bundle for messages, such as its file name */
    String describe();

    /**
     * Reads a whole file of at most {@code maxBytes}.
     *
     * @param path the file's path inside the bundle
     * @param maxBytes the largest accepted size
     * @return the bytes
     * @throws IOException when the file cannot be read or is larger than {@code maxBytes}
     */
    default byte[] readAll(String path, int maxBytes) throws IOException {
        Long size = files().get(path);
        if (size != null && size > maxBytes) {
            throw new IOException("file is " + size + " bytes, more than the " + maxBytes + " bytes accepted for it");
        }
        try (InputStream in = open(path)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException("file is more than the " + maxBytes + " bytes accepted for it");
            }
            return bytes;
        }
    }

    /**
     * Reads a whole text file of at most {@code maxBytes}, decoding it as Windows tools write text.
     *
     * @param path the file's path inside the bundle
     * @param maxBytes the largest accepted size
     * @return the text, without a BOM
     * @throws IOException when the file cannot be read or is too large
     */
    default String readText(String path, int maxBytes) throws IOException {
        return TextDecoder.decode(readAll(path, maxBytes));
    }

    /**
     * Tells whether a file exists.
     *
     * @param path the path inside the bundle
     * @return true when it does
     */
    default boolean exists(String path) {
        return files().containsKey(path);
    }

    /**
     * Finds a file ignoring case, as Windows would.
     *
     * @param path the path inside the bundle
     * @return the path as stored, or empty
     */
    default Optional<String> find(String path) {
        if (files().containsKey(path)) {
            return Optional.of(path);
        }
        return files().keySet().stream().filter(p -> p.equalsIgnoreCase(path)).findFirst();
    }
}
