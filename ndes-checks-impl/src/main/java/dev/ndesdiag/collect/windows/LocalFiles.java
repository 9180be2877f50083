package dev.ndesdiag.collect.windows;

import dev.ndesdiag.api.snapshot.Blob;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the server's files as the plan names them: {@code %windir%}-style paths, logs by their tail. */
final class LocalFiles {

    private static final Pattern VARIABLE = Pattern.compile("%([A-Za-z0-9_()]+)%");

    private LocalFiles() {
    }

    /**
     * Expands {@code %NAME%} as cmd.exe does; an unknown variable stays as written.
     *
     * @param path the path as the plan writes it
     * @param environment the environment (on Windows, {@code System::getenv}, which ignores case)
     * @return the expanded path
     */
    static String expand(String path, UnaryOperator<String> environment) {
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Reads at most {@code maxBytes} from the end of a file, so a gigabyte log costs {@code maxBytes}.
     *
     * @param file the file
     * @param maxBytes the most bytes read
     * @return the bytes, or empty when the file is missing or unreadable
     */
    static Optional<Blob> tail(Path file, long maxBytes) {
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long start = Math.max(0, size - maxBytes);
            ch.position(start);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - start, Integer.MAX_VALUE - 8));
            while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
                // keep reading: a growing log is read up to the size seen first
            }
            return Optional.of(Blob.of(Arrays.copyOf(buffer.array(), buffer.position())));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
