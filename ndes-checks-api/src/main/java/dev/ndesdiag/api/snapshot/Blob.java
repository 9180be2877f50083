package dev.ndesdiag.api.snapshot;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Blob is an immutable byte sequence: a fetched CRL, a response body.
 *
 * @since 0.1.0
 */
public final class Blob {

    private final byte[] bytes;

    private Blob(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Creates a blob holding a copy of the bytes.
     *
     * @param bytes the content; never null
     * @return the blob; never null
     */
    public static Blob of(byte[] bytes) {
        return new Blob(bytes.clone());
    }

    /**
     * Returns a copy of the content.
     *
     * @return the bytes; never null
     */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Opens the content as a stream, without copying it.
     *
     * @return a fresh stream over the bytes; never null
     */
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    /**
     * Returns the length of the content.
     *
     * @return the number of bytes
     */
    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Blob b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Blob[" + bytes.length + " bytes]";
    }
}
