package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A bundle that is a folder. Links are refused, never followed: symbolic links, hard links (a
 * file with more than one name may be any file of the machine) and, when a file is opened, a
 * folder on its path that has become a link. A folder that cannot be listed is recorded as such,
 * so that its part is unreadable rather than empty; files past the bundle's total size are refused.
 */
final class DirectoryBundleSource extends IndexedBundleSource {

    /** Lists a folder; a seam so that a test can make one unlistable (root lists every folder). */
    interface Lister {
        DirectoryStream<Path> list(Path dir) throws IOException;
    }

    private final Path root;
    private final BundleLimits limits;
    private final List<String> unlistable = new ArrayList<>();
    private long total;

    DirectoryBundleSource(Path root, BundleLimits limits) throws BundleException {
        this(root, limits, Files::newDirectoryStream);
    }

    DirectoryBundleSource(Path root, BundleLimits limits, Lister lister) throws BundleException {
        super(limits.maxRetainedBytes());
        this.root = root;
        this.limits = limits;
        Deque<Path> pending = new ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            Path dir = pending.removeFirst();
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = lister.list(dir)) {
                for (Path child : stream) {
                    children.add(child);
                    checkCount(children.size());
                }
            } catch (IOException | RuntimeException e) {
                if (dir.equals(root)) {
                    throw new BundleException("The bundle folder " + root + " cannot be listed: " + e.getMessage(), e);
                }
                String name = relative(dir) + "/";
                unlistable.add(name);
                refused.add(InputProblem.of(null, name, "is a folder that cannot be listed (" + e.getClass().getSimpleName()
                        + "); what it holds is unknown, not absent"));
                continue;
            }
            Collections.sort(children);
            for (Path child : children) {
                visit(child, pending);
            }
        }
    }

    private void visit(Path child, Deque<Path> pending) throws BundleException {
        String name = relative(child);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            refused.add(InputProblem.of(null, name, "cannot be read: " + e.getMessage()));
            return;
        }
        if (attrs.isSymbolicLink()) {
            refused.add(InputProblem.of(null, name, "is a link; links in a bundle are refused, never followed"));
        } else if (attrs.isDirectory()) {
            folders.add(name + "/");
            pending.add(child);
        } else if (!attrs.isRegularFile()) {
            refused.add(InputProblem.of(null, name, "is not a regular file; refused"));
        } else if (linkCount(child) > 1) {
            refused.add(InputProblem.of(null, name, "is a hard link (the file has " + linkCount(child)
                    + " names, and may be any file of the machine); links in a bundle are refused, never followed"));
        } else if (total + attrs.size() > limits.maxTotalBytes()) {
            refused.add(InputProblem.of(null, name, "is " + attrs.size() + " bytes, which would take the bundle past the "
                    + limits.maxTotalBytes() + " bytes accepted in all; refused"));
        } else {
            total += attrs.size();
            files.put(name, attrs.size());
        }
    }

    /** The number of names of a file (1 where the file system does not tell). */
    private static int linkCount(Path file) {
        try {
            Object n = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return n instanceof Integer i ? i : 1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 1;
        }
    }

    private void checkCount(int pendingChildren) throws BundleException {
        if (files.size() + folders.size() + refused.size() + pendingChildren > limits.maxEntries()) {
            throw new BundleException("The bundle " + root + " has more than " + limits.maxEntries()
                    + " files and folders; that is not a snapshot bundle. Collect it again with ndes-diag collect.");
        }
    }

    /** @return the folders that could not be listed, each ending in {@code /} */
    @Override
    public List<String> unlistable() {
        return Collections.unmodifiableList(unlistable);
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
        for (Path parent = file.getParent(); parent != null && !parent.equals(root); parent = parent.getParent()) {
            if (Files.isSymbolicLink(parent)) {
                throw new IOException("its folder " + relative(parent) + " has become a link; links in a bundle are never followed");
            }
        }
        if (linkCount(file) > 1) {
            throw new IOException("has become a hard link; links in a bundle are never followed");
        }
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
