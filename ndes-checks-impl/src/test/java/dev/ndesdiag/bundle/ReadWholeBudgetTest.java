package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.snapshot.Blob;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files read whole (JSON, XML, {@code .reg}, certificates) share one budget per analysis: a file is
 * counted once however often it is read, the budget may be used to its last byte, and a file that
 * would pass it is refused naming the bytes used; a file is read up to exactly the size its reader
 * accepts, even one that grew after the bundle was listed.
 */
class ReadWholeBudgetTest {

    @TempDir
    Path tmp;

    private DirectoryBundleSource folder(long retained, Map<String, Integer> sizes) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("b"));
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
            Path f = root.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, new byte[e.getValue()]);
        }
        return new DirectoryBundleSource(root, BundleLimits.defaults().withMaxRetainedBytes(retained));
    }

    @Test
    void theBudgetIsUsedToItsLastByteAndTheFileThatWouldPassItIsRefusedSayingWhatWasUsed() throws Exception {
        DirectoryBundleSource s = folder(100, Map.of("registry/a.reg", 60, "registry/b.reg", 40, "system.json", 1));
        assertThat(s.readAll("registry/a.reg", 1000)).hasSize(60);
        assertThat(s.readAll("registry/b.reg", 1000)).hasSize(40);
        assertThatThrownBy(() -> s.readAll("system.json", 1000)).isInstanceOf(IOException.class)
                .hasMessage("was not read: its 1 bytes would pass the budget of 100 bytes that one analysis keeps of files "
                        + "read whole (100 used by the files before it)");
    }

    @Test
    void aFileReadAgainOrSharedAsABlobIsCountedOnce() throws Exception {
        DirectoryBundleSource s = folder(100, Map.of("network/ca.crl", 60, "system.json", 40));
        assertThat(s.readAll("network/ca.crl", 1000)).hasSize(60);
        assertThat(s.readAll("network/ca.crl", 1000)).hasSize(60);
        Blob first = s.blob("network/ca.crl", 1000);
        assertThat(s.blob("network/ca.crl", 1000)).isSameAs(first);
        assertThat(first.size()).isEqualTo(60);
        assertThat(s.readAll("system.json", 1000)).hasSize(40);
    }

    @Test
    void aFileOfExactlyTheSizeItsReaderAcceptsIsRead() throws Exception {
        DirectoryBundleSource s = folder(1 << 20, Map.of("system.json", 100));
        assertThat(s.readAll("system.json", 100)).hasSize(100);
    }

    @Test
    void aFileThatGrewPastWhatItsReaderAcceptsAfterTheBundleWasListedIsRefused() throws Exception {
        DirectoryBundleSource s = folder(1 << 20, Map.of("system.json", 5));
        Files.write(tmp.resolve("b/system.json"), new byte[11]);
        assertThatThrownBy(() -> s.readAll("system.json", 10)).isInstanceOf(IOException.class)
                .hasMessage("file is more than the 10 bytes accepted for it");
    }

    /** A bundle that cannot tell the size of its files before they are read ({@code -1}, as the source contract allows). */
    private static final class UnsizedSource extends IndexedBundleSource {
        private final Map<String, byte[]> contents = new TreeMap<>();

        UnsizedSource(long retained, Map<String, byte[]> bundle) {
            super(retained);
            contents.putAll(bundle);
            bundle.keySet().forEach(p -> files.put(p, -1L));
        }

        @Override
        public InputStream open(String path) throws IOException {
            byte[] b = contents.get(path);
            if (b == null) {
                throw new FileNotFoundException(path);
            }
            return new ByteArrayInputStream(b);
        }

        @Override
        public String describe() {
            return "unsized";
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    @Test
    void filesOfUnknownSizeAreCountedOnceReadAndTheOneThatWouldPassTheBudgetIsNotKeptHoweverOftenAsked() throws Exception {
        UnsizedSource s = new UnsizedSource(100, Map.of("a.json", new byte[60], "b.json", new byte[40], "c.json", new byte[1]));
        assertThat(s.readAll("a.json", 1000)).hasSize(60);
        assertThat(s.readAll("b.json", 1000)).hasSize(40);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> s.readAll("c.json", 1000)).isInstanceOf(IOException.class)
                    .hasMessage("was not kept: its 1 bytes would pass the budget of 100 bytes that one analysis keeps of files "
                            + "read whole (100 used by the files before it)");
        }
    }

    @Test
    void aFileOfUnknownSizeReadAgainIsCountedOnce() throws Exception {
        UnsizedSource s = new UnsizedSource(100, Map.of("network/ca.crl", new byte[60], "system.json", new byte[40]));
        assertThat(s.readAll("network/ca.crl", 1000)).hasSize(60);
        assertThat(s.readAll("network/ca.crl", 1000)).hasSize(60);
        assertThat(s.readAll("system.json", 1000)).hasSize(40);
    }

    @Test
    void aFileOfUnknownSizeLargerThanItsReaderAcceptsIsRefusedOnceRead() {
        UnsizedSource s = new UnsizedSource(1000, Map.of("a.json", new byte[11]));
        assertThatThrownBy(() -> s.readAll("a.json", 10)).isInstanceOf(IOException.class)
                .hasMessage("file is more than the 10 bytes accepted for it");
    }
}
