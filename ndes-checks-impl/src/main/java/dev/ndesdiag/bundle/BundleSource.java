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

    /** @return folders that exist but could not be listed, each ending in {@code /}; their contents are unknown */
    default List<String> unlistable() {
        return List.of();
    }

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
     * Reads a whole file of at most {@code maxBytes}, counted once against the analysis's budget
     * for files read whole.
     *
     * @param path the file's path inside the bundle
     * @param maxBytes the largest accepted size
     * @return the bytes
     * @throws IOException when the file cannot be read, is larger than {@code maxBytes} or would pass the budget
     */
    byte[] readAll(String path, int maxBytes) throws IOException;

    /**
     * Reads a whole file as a blob; a file named several times is read once and the same blob shared.
     *
     * @param path the file's path inside the bundle
     * @param maxBytes the largest accepted size
     * @return the blob
     * @throws IOException as {@link #readAll}
     */
    dev.ndesdiag.api.snapshot.Blob blob(String path, int maxBytes) throws IOException;

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
     * Finds a file ignoring case, as Windows would, without scanning the bundle.
     *
     * @param path the path inside the bundle
     * @return the path as stored, or empty
     */
    Optional<String> find(String path);
}
