package dev.ndesdiag.api.snapshot;

import java.io.IOException;
import java.io.InputStream;

/**
 * LogFile is one log of a snapshot, read as a stream: logs may be gigabytes and are never loaded whole.
 *
 * @since 0.1.0
 */
public interface LogFile {

    /**
     * Returns the log's path inside the bundle, such as {@code logs/iis/W3SVC1/u_ex261120.log}.
     *
     * @return the path; never null
     */
    String path();

    /**
     * Returns the log's size in bytes.
     *
     * @return the size, or -1 when unknown
     */
    long size();

    /**
     * Opens the log for reading from its start. The caller closes the stream.
     *
     * @return a fresh stream; never null
     * @throws IOException when the log cannot be read
     */
    InputStream open() throws IOException;
}
