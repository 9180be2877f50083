package dev.ndesdiag.fleet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only temporary file of text parts: each server's rendered part goes here as soon as it
 * is made, and is read back, one at a time, when the summary is written in its final order. Keeps
 * a fleet's heap bounded by one part, not by the number of servers. Thread-safe; deleted on close.
 */
final class Spool implements Closeable {

    /** Where one part is. */
    record Part(long offset, int length) {
    }

    private final Path file;
    private final FileChannel channel;
    private long end;

    Spool() throws IOException {
        file = Files.createTempFile("ndes-diag-fleet-", ".spool");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
    }

    synchronized Part append(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long at = end;
        while (b.hasRemaining()) {
            channel.write(b, at + b.position());
        }
        end += bytes.length;
        return new Part(at, bytes.length);
    }

    synchronized String read(Part part) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(part.length());
        while (b.hasRemaining()) {
            if (channel.read(b, part.offset() + b.position()) < 0) {
                throw new IOException("the fleet spool " + file + " ended early");
            }
        }
        return new String(b.array(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
