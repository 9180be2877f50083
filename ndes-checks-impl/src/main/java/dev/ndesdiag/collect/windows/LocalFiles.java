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
     * Resolves a path whose file name holds {@code *} to the most recently written matching file,
     * as rolling logs need: HTTP.sys names its error logs httperr1.log, httperr2.log, ... upward as
     * each reaches its size limit, so httperr1.log is the oldest
     * (https://learn.microsoft.com/windows/win32/http/configuring-http-server-api-error-logging).
     *
     * @param path the path; its folder part has no wildcard
     * @return the newest match, the path itself when it has no wildcard, or empty when nothing matches
     */
    static Optional<Path> newest(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        String name = path.substring(cut + 1);
        if (!name.contains("*")) {
            return Optional.of(Path.of(path));
        }
        Path dir = Path.of(cut < 0 ? "." : path.substring(0, cut));
        Pattern glob = Pattern.compile("(?i)" + Pattern.quote(name).replace("*", "\\E.*\\Q"));
        try (var files = Files.list(dir)) {
            return files.filter(f -> glob.matcher(f.getFileName().toString()).matches()).filter(Files::isRegularFile)
                    .max(java.util.Comparator.comparing(LocalFiles::modified));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
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
