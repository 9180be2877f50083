package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A bundle that is a folder. Links are refused, never followed. */
final class DirectoryBundleSource extends IndexedBundleSource {

    private final Path root;
    private final BundleLimits limits;

    DirectoryBundleSource(Path root, BundleLimits limits) throws BundleException {
        this.root = root;
        this.limits = limits;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root)) {
                        folders.add(relative(dir) + "/");
                    }
                    checkCount();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    checkCount();
                    String name = relative(file);
                    if (attrs.isSymbolicLink() || Files.isSymbolicLink(file)) {
                        refused.add(InputProblem.of(null, name, "is a link; links in a bundle are refused, never followed"));
                    } else if (!attrs.isRegularFile()) {
                        refused.add(InputProblem.of(null, name, "is not a regular file; refused"));
                    } else {
                        files.put(name, attrs.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    refused.add(InputProblem.of(null, relative(file), "cannot be read: " + exc.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (TooManyEntries e) {
            throw new BundleException("The bundle " + root + " has more than " + limits.maxEntries()
                    + " files and folders; that is not a snapshot bundle. Collect it again with ndes-diag collect.");
        } catch (IOException e) {
            throw new BundleException("The bundle folder " + root + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static final class TooManyEntries extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private void checkCount() throws TooManyEntries {
        if (files.size() + folders.size() + refused.size() > limits.maxEntries()) {
            throw new TooManyEntries();
        }
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    @Override
    public InputStream open(String path) throws IOException {
        if (!files.containsKey(path)) {
            throw new IOException("no such file in the bundle");
        }
        Path file = root.resolve(path);
        return new BoundedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), path, limits.maxEntryBytes());
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void close() {
        // nothing is held open
    }
}
