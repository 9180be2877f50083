package dev.ndesdiag.bundle;

import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * BundleReader turns a snapshot bundle, a folder or a {@code .zip}, into a {@link Snapshot}.
 *
 * <p>Bundles come from strangers and are read as untrusted input: nothing is extracted or written,
 * zip entries that escape the bundle or are links are refused, sizes and compression ratios are
 * bounded, XML with a DTD is refused, and every unreadable file becomes an
 * {@link dev.ndesdiag.api.InputProblem} naming it while the rest of the bundle is still read.
 * Only a bundle that cannot be opened, has no valid manifest or is of a newer format is refused whole.
 */
public final class BundleReader {

    private final BundleLimits limits;

    /** Creates a reader with {@link BundleLimits#defaults()}. */
    public BundleReader() {
        this(BundleLimits.defaults());
    }

    /**
     * Creates a reader with the given limits.
     *
     * @param limits the limits; never null
     */
    public BundleReader(BundleLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Opens and reads a bundle. Close the result when done.
     *
     * @param path a bundle folder or a {@code .zip} file; never null
     * @return the snapshot with the open bundle; never null
     * @throws BundleException when no snapshot can be read from the path; the message says why and what to do
     */
    public OpenBundle open(Path path) throws BundleException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException("The bundle " + path + " does not exist.");
        }
        BundleSource source;
        if (Files.isDirectory(path)) {
            source = new DirectoryBundleSource(singleTopFolder(path), limits);
        } else if (Files.isRegularFile(path)) {
            source = new ZipBundleSource(path, limits);
        } else {
            throw new BundleException("The bundle " + path + " is neither a folder nor a zip file.");
        }
        try {
            return new OpenBundle(read(source), source);
        } catch (BundleException | RuntimeException e) {
            try {
                source.close();
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw e;
        }
    }

    /** A folder holding only one folder (an unzipped bundle with its top folder) stands for that folder. */
    private static Path singleTopFolder(Path path) throws BundleException {
        if (Files.exists(path.resolve("manifest.json"))) {
            return path;
        }
        try (Stream<Path> children = Files.list(path)) {
            List<Path> all = children.limit(2).toList();
            if (all.size() == 1 && Files.isDirectory(all.get(0), LinkOption.NOFOLLOW_LINKS)) {
                return all.get(0);
            }
            return path;
        } catch (IOException e) {
            throw new BundleException("The bundle folder " + path + " cannot be listed: " + e.getMessage(), e);
        }
    }

    private Snapshot read(BundleSource source) throws BundleException {
        Manifest manifest = ManifestReader.read(source, limits);
        Snapshot.Builder b = Snapshot.builder(manifest)
                .registry(RegistryReader.read(source, limits))
                .certificates(CertificateReader.read(source))
                .iis(IisReader.read(source, limits))
                .userRights(UserRightsReader.read(source, limits))
                .accounts(AccountsReader.read(source, limits))
                .commands(CommandsReader.read(source, limits))
                .networkFetches(NetworkFetchesReader.read(source, limits))
                .endpointProbe(EndpointProbeReader.read(source, limits))
                .events(EventsReader.read(source, limits))
                .logs(LogsReader.read(source))
                .system(SystemReader.read(source, limits));
        source.refused().forEach(b::bundleProblem);
        return b.build();
    }
}
