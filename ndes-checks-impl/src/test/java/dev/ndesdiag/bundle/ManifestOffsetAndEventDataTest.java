package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.fixtures.BundleBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's {@code host.utcOffsetMinutes} and named event data, as the evidence readers need them. */
class ManifestOffsetAndEventDataTest {

    @TempDir
    Path dir;

    private static String manifest(String offset) {
        return "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\","
                + "\"host\":{\"computerName\":\"NDES01\"" + (offset == null ? "" : ",\"utcOffsetMinutes\":" + offset) + "}}";
    }

    private Snapshot read(BundleBuilder b) throws BundleException {
        try (OpenBundle open = new BundleReader().open(b.dir())) {
            return open.snapshot();
        }
    }

    @Test
    void utcOffsetOfTheHostIsRead() throws Exception {
        Snapshot s = read(BundleBuilder.in(dir).text("manifest.json", manifest("-300")));

        assertThat(s.manifest().host().utcOffsetMinutes()).hasValue(-300);
    }

    @Test
    void missingOrImpossibleOffsetIsUnknownAndDoesNotRefuseTheBundle() throws Exception {
        assertThat(read(BundleBuilder.in(dir.resolve("a")).text("manifest.json", manifest(null)))
                .manifest().host().utcOffsetMinutes()).isEmpty();
        assertThat(read(BundleBuilder.in(dir.resolve("b")).text("manifest.json", manifest("9000")))
                .manifest().host().utcOffsetMinutes()).isEmpty();
        assertThat(read(BundleBuilder.in(dir.resolve("c")).text("manifest.json", manifest("\"+02:00\"")))
                .manifest().host().utcOffsetMinutes()).isEmpty();
    }

    @Test
    void namedEventDataAreReadByName() throws Exception {
        Snapshot s = read(BundleBuilder.in(dir).manifest(BundleBuilder.COLLECTED_AT).text("events/Application.xml",
                "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                        + "<Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService'/><EventID Qualifiers='0'>2</EventID>"
                        + "<Level>2</Level></System><EventData><Data Name='ErrorCode'>0x80070057</Data>"
                        + "<Data Name='ErrorMessage'>The parameter is incorrect.</Data></EventData></Event>\r\n"));
        EventRecord e = s.events().value().orElseThrow().events("Application").get(0);

        assertThat(e.data("ErrorCode")).contains("0x80070057");
        assertThat(e.data("Missing")).isEmpty();
        assertThat(e.data()).containsExactly("0x80070057", "The parameter is incorrect.");
    }
}
