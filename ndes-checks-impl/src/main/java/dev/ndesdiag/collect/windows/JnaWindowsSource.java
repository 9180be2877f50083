package dev.ndesdiag.collect.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.collect.CommandResult;
import dev.ndesdiag.collect.ProcessRunner;
import dev.ndesdiag.collect.WindowsSource;
import dev.ndesdiag.network.ProxyRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The collector's view of the Windows server it runs on: commands through {@link ProcessRunner},
 * files by their tail, certificate stores through crypt32. It writes nothing but its own temporary
 * folder (where {@code reg export} and {@code secedit} put their output): a file there is deleted
 * as soon as it has been read, since it is not yet redacted, and the folder is removed by
 * {@link #close()} or, when the JVM is stopped (Ctrl+C), by a shutdown hook.
 *
 * <p>When JNA cannot load (AppLocker or WDAC blocking {@code jnidispatch.dll} in {@code %TEMP%},
 * review-windows.md P5) the {@link LinkageError} is caught: the certificate stores fail as steps
 * with the reason ({@link #nativeProblem()}), the host facts come from the environment, and the
 * command-based steps go on.
 */
public final class JnaWindowsSource implements WindowsSource, AutoCloseable {

    private static final String CURRENT_VERSION = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";

    private final ProcessRunner runner = new ProcessRunner(16 << 20);
    private final Path temp;
    private final Thread cleanup;
    private volatile Optional<String> nativeProblem = Optional.empty();

    /**
     * Creates the source and its temporary folder.
     *
     * @throws IOException when the temporary folder cannot be made
     */
    public JnaWindowsSource() throws IOException {
        this.temp = Files.createTempDirectory("ndes-diag-collect-").toAbsolutePath().normalize();
        this.cleanup = new Thread(this::removeTemp, "ndes-diag-temp-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    @Override
    public CommandResult run(List<String> command, Duration limit) {
        return runner.run(SystemTools.resolve(command, System::getenv), limit);
    }

    @Override
    public Optional<Blob> readFile(String path, long maxBytes) {
        Optional<Path> found = LocalFiles.newest(LocalFiles.expand(path, System::getenv));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Path file = found.get();
        Optional<Blob> content = LocalFiles.tail(file, maxBytes);
        if (file.toAbsolutePath().normalize().startsWith(temp)) {
            try {
                Files.deleteIfExists(file); // an unredacted export must not outlive its reading
            } catch (IOException e) {
                // removed with the folder at close
            }
        }
        return content;
    }

    @Override
    public String tempFile(String name) {
        return temp.resolve(name).toString();
    }

    @Override
    public List<StoredEntry> certificates(String store) {
        return guarded("certificate store " + store, () -> CertificateStores.list(store));
    }

    @Override
    public Manifest.Host host() {
        try {
            return guarded("host facts", () -> HostFacts.of(JnaWindowsSource::computerNameEx, JnaWindowsSource::currentVersion,
                    Optional.of(java.time.Duration.ofMillis(com.sun.jna.platform.win32.Kernel32.INSTANCE.GetTickCount64())),
                    java.time.Instant.now()));
        } catch (IllegalStateException e) {
            return HostFacts.of(type -> type == HostFacts.NETBIOS ? Optional.ofNullable(System.getenv("COMPUTERNAME"))
                    : Optional.empty(), name -> Optional.empty());
        }
    }

    @Override
    public boolean elevated() {
        try {
            return guarded("elevation", Advapi32Util::isCurrentProcessElevated);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * The machine's WinHTTP proxy, which CryptoAPI's CRL and AIA fetches use.
     *
     * @return the rules (direct when none is set), or empty when they cannot be read
     */
    public Optional<ProxyRules> winHttpProxy() {
        try {
            return guarded("WinHTTP proxy", WinHttpProxy::read);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * Why the native (JNA) calls are unavailable, once one failed to load.
     *
     * @return the reason, or empty when JNA works or was not needed yet
     */
    public Optional<String> nativeProblem() {
        return nativeProblem;
    }

    /** Runs a JNA call; a JNA that cannot load becomes an IllegalStateException naming the reason. */
    private <T> T guarded(String what, Supplier<T> call) {
        if (nativeProblem.isPresent()) {
            throw new IllegalStateException(what + " not read: " + nativeProblem.get());
        }
        try {
            return call.get();
        } catch (LinkageError e) {
            String reason = "the native access library (JNA) cannot load (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); AppLocker or WDAC may block DLLs in %TEMP%: set "
                    + "-Djna.tmpdir to an allowed folder, or allow jnidispatch.dll";
            nativeProblem = Optional.of(reason);
            throw new IllegalStateException(what + " not read: " + reason, e);
        }
    }

    private static Optional<String> computerNameEx(int type) {
        char[] buffer = new char[256];
        IntByReference size = new IntByReference(buffer.length);
        if (!Kernel32.INSTANCE.GetComputerNameEx(type, buffer, size)) {
            return Optional.empty();
        }
        return Optional.of(new String(buffer, 0, size.getValue()));
    }

    private static Optional<String> currentVersion(String name) {
        try {
            if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, CURRENT_VERSION, name)) {
                return Optional.empty();
            }
            Object v = Advapi32Util.registryGetValue(WinReg.HKEY_LOCAL_MACHINE, CURRENT_VERSION, name);
            return Optional.ofNullable(v).map(String::valueOf);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Removes the temporary folder. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does it
        }
        removeTemp();
    }

    private void removeTemp() {
        if (!Files.exists(temp)) {
            return;
        }
        try (Stream<Path> files = Files.walk(temp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + temp, e);
        }
    }
}
