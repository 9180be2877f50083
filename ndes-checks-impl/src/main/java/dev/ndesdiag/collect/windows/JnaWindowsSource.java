package dev.ndesdiag.collect.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32Util;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.collect.CommandResult;
import dev.ndesdiag.collect.ProcessRunner;
import dev.ndesdiag.collect.WindowsSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The collector's view of the Windows server it runs on: commands through {@link ProcessRunner},
 * files by their tail, certificate stores through crypt32. It writes nothing but its own temporary
 * folder (where {@code reg export} and {@code secedit} put their output), removed by {@link #close()}.
 */
public final class JnaWindowsSource implements WindowsSource, AutoCloseable {

    private final ProcessRunner runner = new ProcessRunner(16 << 20);
    private final Path temp;

    /**
     * Creates the source and its temporary folder.
     *
     * @throws IOException when the temporary folder cannot be made
     */
    public JnaWindowsSource() throws IOException {
        this.temp = Files.createTempDirectory("ndes-diag-collect-");
    }

    @Override
    public CommandResult run(List<String> command, Duration limit) {
        return runner.run(command, limit);
    }

    @Override
    public Optional<Blob> readFile(String path, long maxBytes) {
        return LocalFiles.tail(Path.of(LocalFiles.expand(path, System::getenv)), maxBytes);
    }

    @Override
    public String tempFile(String name) {
        return temp.resolve(name).toString();
    }

    @Override
    public List<StoredEntry> certificates(String store) {
        return CertificateStores.list(store);
    }

    @Override
    public Manifest.Host host() {
        Optional<String> name = Optional.ofNullable(Kernel32Util.getComputerName());
        Optional<String> fqdn;
        try {
            fqdn = Optional.of(InetAddress.getLocalHost().getCanonicalHostName()).filter(h -> h.contains("."));
        } catch (UnknownHostException e) {
            fqdn = Optional.empty();
        }
        return new Manifest.Host(name, fqdn, Optional.ofNullable(System.getenv("USERDNSDOMAIN")),
                Optional.ofNullable(System.getProperty("os.name")), Optional.ofNullable(System.getProperty("os.version")),
                Optional.empty());
    }

    @Override
    public boolean elevated() {
        return Advapi32Util.isCurrentProcessElevated();
    }

    /** Removes the temporary folder. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(temp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + temp, e);
        }
    }
}
