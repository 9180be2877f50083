package dev.ndesdiag.checks.evidence;

import static dev.ndesdiag.fixtures.EvidenceFixtures.NDES;
import static dev.ndesdiag.fixtures.EvidenceFixtures.W3C_HEADER;
import static dev.ndesdiag.fixtures.EvidenceFixtures.event;
import static dev.ndesdiag.fixtures.EvidenceFixtures.export;
import static dev.ndesdiag.fixtures.EvidenceFixtures.hoursAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.w3c;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NDES's own events: 1 started, 2 cannot start, 10 an RA certificate, 8 the CA, 31 a submit failure
 * (https://www.gradenegger.eu/en/overview-of-windows-events-generated-by-the-network-device-registration-service-ndes/;
 * events 10 and 2 with 0x80070057 for duplicate or unusable RA certificates:
 * https://argonsys.com/microsoft-cloud/library/ndes-and-the-dreaded-2-10-event-ids-stating-the-parameter-is-incorrect/).
 */
class NdesServiceEventsCheckTest {

    @TempDir
    Path dir;

    private long record = 100;

    private String ndes(int id, int level, Instant at, String message, String... data) {
        return event(NDES, "Application", id, level, at, record++, message, data);
    }

    private String started(Instant at) {
        return ndes(1, 4, at, "The Network Device Enrollment Service started successfully.");
    }

    private String raFailure(Instant at) {
        return ndes(10, 2, at, "The Network Device Enrollment Service cannot retrieve one of its required certificates "
                + "(0x80070057). The parameter is incorrect.", "0x80070057", "The parameter is incorrect.")
                + ndes(2, 2, at.plusSeconds(1), "The Network Device Enrollment Service cannot be started (0x80070057). The parameter is "
                + "incorrect.", "0x80070057", "The parameter is incorrect.");
    }

    private String submitFailure(Instant at) {
        return ndes(31, 2, at, "The Network Device Enrollment Service cannot submit the certificate request (0x80094800). The requested "
                + "certificate template is not supported by this CA.", "0x80094800");
    }

    private CheckOutcome run(String... events) {
        BundleBuilder.in(dir).text("events/Application.xml", export(List.of(events)));
        return Analysis.outcome(dir, new NdesServiceEventsCheck());
    }

    private static Finding code(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aStartThatFailedWithEvent10FailsNamingTheRaCertificatesAndTheDecodedHresult() {
        CheckOutcome o = run(started(hoursAgo(40)), raFailure(minutesAgo(30)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = code(o, "NDES_START_FAILED");
        assertThat(f.evidence()).containsEntry("explainedBy", "ra-certificates").containsEntry("hresults", List.of("0x80070057"));
        assertThat(f.message()).contains("E_INVALIDARG").contains("HTTP 500").contains("RA certificates");
    }

    @Test
    void aStartThatFailedWithEvent8NamesTheCa() {
        CheckOutcome o = run(ndes(8, 2, minutesAgo(31), "The Network Device Enrollment Service cannot retrieve information from the "
                + "certification authority (0x800706ba).", "0x800706ba"), ndes(2, 2, minutesAgo(30), "cannot be started (0x800706ba)."));
        assertThat(code(o, "NDES_START_FAILED").evidence()).containsEntry("explainedBy", "ca-ping");
    }

    @Test
    void aFailedStartFollowedByASuccessfulOneInTheLastDayWarns() {
        CheckOutcome o = run(raFailure(hoursAgo(6)), started(hoursAgo(5)));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(code(o, "NDES_START_RECOVERED").evidence()).containsEntry("startedAt", hoursAgo(5).toString());
    }

    @Test
    void aFailedStartDaysBeforeASuccessfulOneIsOnlyInformation() {
        CheckOutcome o = run(raFailure(hoursAgo(100)), started(hoursAgo(99)));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).contains("NDES_STARTED_AFTER_OLD_FAILURE");
    }

    @Test
    void oneSubmitFailureAfterTheLatestStartWarnsAndNamesTheTemplates() {
        CheckOutcome o = run(started(hoursAgo(8)), submitFailure(hoursAgo(1)));
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = code(o, "NDES_REQUEST_ERRORS");
        assertThat(f.evidence()).containsEntry("explainedBy", "mscep-templates").containsEntry("hresults", List.of("0x80094800"));
    }

    @Test
    void submitFailuresBeforeTheLatestStartDoNotCount() {
        CheckOutcome o = run(submitFailure(hoursAgo(3)), started(hoursAgo(2)));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void requestErrorsOlderThanADayAreInformation() {
        CheckOutcome o = run(started(hoursAgo(200)), submitFailure(hoursAgo(50)));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).contains("NDES_OLD_REQUEST_ERRORS");
    }

    @Test
    void theErrorOurOwnProbesTestRequestCausesIsSetAside() {
        BundleBuilder.in(dir).text("logs/iis/W3SVC1/u_ex261120.log", W3C_HEADER
                + w3c(minutesAgo(2), "GET", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=PKIOperation&message=x", 200, 0, 0,
                        "ndes-diag/0.1.0"));
        CheckOutcome o = run(started(hoursAgo(8)), ndes(16, 2, minutesAgo(2).plusSeconds(1), "cannot decode the HTTP message."));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).contains("OWN_PROBE_IGNORED");
    }

    @Test
    void otherProvidersEventsInTheApplicationLogAreNotJudged() {
        CheckOutcome o = run(started(hoursAgo(8)), event("Application Error", "Application", 1000, 2, minutesAgo(5), 7,
                "Faulting application name: outlook.exe"));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void anApplicationLogWithoutNdesEventsIsSkippedNamingTheExport() {
        CheckOutcome o = run(event("Application Error", "Application", 1000, 2, minutesAgo(5), 7, "Faulting application name: x.exe"));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).contains("wevtutil");
    }

    @Test
    void withoutTheApplicationLogTheCheckIsSkipped() {
        BundleBuilder.in(dir);
        assertThat(Analysis.outcome(dir, new NdesServiceEventsCheck()).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void anExportCutInTheMiddleOfAnEventIsAnErrorNamingTheFileNeverAPass() {
        // the bundle reader reads an event export whole: a cut one is unreadable input, not "no failure"
        String cut = started(minutesAgo(1));
        CheckOutcome o = run(raFailure(minutesAgo(30)), cut.substring(0, cut.length() / 2));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).message()).contains("Application.xml");
    }
}
