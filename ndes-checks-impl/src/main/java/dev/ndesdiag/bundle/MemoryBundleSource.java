package dev.ndesdiag.bundle;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bundle held in memory, as the collector makes it for {@code check --live}: paths are the
 * bundle's own (folder entries end in {@code /}), and every parent folder of a file is listed, as
 * a folder or zip bundle would list it.
 */
final class MemoryBundleSource extends IndexedBundleSource {

    private final Map<String, byte[]> contents = new TreeMap<>();
    private final String description;

    MemoryBundleSource(Map<String, byte[]> bundle, String description) {
        this(bundle, description, BundleLimits.defaults().maxRetainedBytes());
    }

    /** @param maxRetainedBytes the most bytes of files read whole, as the reader's limits say */
    MemoryBundleSource(Map<String, byte[]> bundle, String description, long maxRetainedBytes) {
        super(maxRetainedBytes);
        this.description = description;
        for (Map.Entry<String, byte[]> e : bundle.entrySet()) {
            String path = e.getKey();
            if (path.endsWith("/")) {
                addFolder(path);
                continue;
            }
            contents.put(path, e.getValue());
            files.put(path, (long) e.getValue().length);
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                addFolder(path.substring(0, slash + 1));
            }
        }
    }

    private void addFolder(String folder) {
        if (!folders.contains(folder)) {
            folders.add(folder);
        }
    }

    @Override
    public InputStream open(String path) throws FileNotFoundException {
        byte[] bytes = contents.get(path);
        if (bytes == null) {
            throw new FileNotFoundException(path + " is not in the bundle");
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
