package dev.ndesdiag.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.collect.CollectionPlan;
import dev.ndesdiag.collect.Collector;
import dev.ndesdiag.collect.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * JnaWindowsSource where crypt32 and advapi32 cannot load, which is what AppLocker blocking JNA
 * does on Windows and what happens for real on the Linux build machine: the LinkageError is caught,
 * the certificate steps fail with the reason, and collection goes on. Also: its temporary files
 * do not outlive their reading.
 */
class JnaWindowsSourceTest {

    @Test
    void aNativeLibraryThatCannotLoadFailsTheStoreStepsAndCollectionGoesOn() throws Exception {
        try (JnaWindowsSource source = new JnaWindowsSource()) {
            Map<String, byte[]> bundle = new Collector(source, Clock.systemUTC())
                    .collect(List.of(new Step.CertificateStore("My"), new Step.CertificateStore("Root")));
            String log = new String(bundle.get("collection-log.json"), StandardCharsets.UTF_8);
            assertThat(log).contains("\"step\" : \"certificates My\"").contains("\"step\" : \"certificates Root\"")
                    .contains("JNA").contains("not read");
            assertThat(bundle).containsKey("manifest.json");
            assertThat(source.nativeProblem()).hasValueSatisfying(p -> assertThat(p).contains("AppLocker"));
            assertThat(source.elevated()).isFalse();
        }
    }

    @Test
    void theHostFactsFallBackToTheEnvironmentWithoutJna() throws Exception {
        try (JnaWindowsSource source = new JnaWindowsSource()) {
            assertThatThrownBy(() -> source.certificates("My")).isInstanceOf(IllegalStateException.class);
            assertThat(source.host().fqdn()).isEmpty();
        }
    }

    @Test
    void aTemporaryFileIsDeletedOnceReadAndTheFolderAtClose() throws Exception {
        Path folder;
        try (JnaWindowsSource source = new JnaWindowsSource()) {
            Path export = Path.of(source.tempFile("mscep.reg"));
            folder = export.getParent();
            Files.writeString(export, "\"EncryptedPassword\"=hex:01,02");
            assertThat(source.readFile(export.toString(), 1 << 20)).isPresent();
            assertThat(export).doesNotExist();
            Files.writeString(Path.of(source.tempFile("user-rights.inf.log")), "secedit log");
        }
        assertThat(folder).doesNotExist();
    }

    @Test
    void filesOutsideTheTemporaryFolderAreOnlyRead() throws Exception {
        Path outside = Files.createTempFile("ndes-diag-test-", ".log");
        try (JnaWindowsSource source = new JnaWindowsSource()) {
            assertThat(source.readFile(outside.toString(), 1 << 20)).isPresent();
            assertThat(outside).exists();
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void thePlanStillHasItsStoreSteps() {
        assertThat(CollectionPlan.standard(java.util.Optional.empty())).filteredOn(s -> s instanceof Step.CertificateStore)
                .hasSize(4);
    }
}
