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

    private String startFailure(Instant at, String hresult) {
        return ndes(2, 2, at, "The Network Device Enrollment Service cannot be started (" + hresult + ").", hresult);
    }

    @Test
    void anApplicationLogHoldingOnlyTheEventsOurProbeCausedIsSkippedAndSaysSo() {
        BundleBuilder.in(dir).text("logs/iis/W3SVC1/u_ex261120.log", W3C_HEADER
                + w3c(minutesAgo(2), "GET", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=PKIOperation&message=x", 200, 0, 0,
                        "ndes-diag/0.1.0"));
        CheckOutcome o = run(ndes(16, 2, minutesAgo(2).plusSeconds(1), "cannot decode the HTTP message."));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).startsWith("The Application log export holds no event of " + NDES
                + " except those of ndes-diag's own probe, so it cannot say whether NDES started.");
        CheckOutcome none = run(event("Application Error", "Application", 1000, 2, minutesAgo(5), 7, "Faulting application name: x.exe"));
        assertThat(none.result().findings().get(0).message()).startsWith("The Application log export holds no event of " + NDES + ", so");
    }

    @Test
    void aHealthyStartSaysWhenItWas() {
        CheckOutcome o = run(started(hoursAgo(8)));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_STARTED");
        assertThat(o.result().findings().get(0).message()).isEqualTo("NDES's latest start, at " + hoursAgo(8) + " (8 h 0 min before "
                + "collection), succeeded (event 1).");
    }

    @Test
    void anEvent10LongBeforeTheFailedStartIsNotItsCause() {
        // the cause events are those of the five minutes before the failure (and the minute after it)
        CheckOutcome o = run(ndes(10, 2, minutesAgo(40), "cannot retrieve one of its required certificates (0x80070057).", "0x80070057"),
                startFailure(minutesAgo(30), "0x800706ba"));
        Finding f = code(o, "NDES_START_FAILED");
        assertThat(f.evidence()).containsEntry("events", List.of("NDES-2")).containsEntry("hresults", List.of("0x800706ba"))
                .containsEntry("explainedBy", "ca-ping");
        assertThat(f.message()).contains("No cause event (10, 8, 53) precedes it in the export. The events give "
                + dev.ndesdiag.history.Codes.describe("0x800706ba") + ": " + dev.ndesdiag.history.Codes.meaning("0x800706ba").orElseThrow()
                + ". The configuration check ca-ping confirms it.");
    }

    @Test
    void anEvent10WithinFiveMinutesBeforeTheFailedStartIsItsCause() {
        CheckOutcome o = run(ndes(10, 2, minutesAgo(35), "cannot retrieve one of its required certificates."), startFailure(minutesAgo(30),
                "0x800706ba"));
        Finding f = code(o, "NDES_START_FAILED");
        assertThat(f.evidence()).containsEntry("events", List.of("NDES-10", "NDES-2")).containsEntry("explainedBy", "ra-certificates");
        assertThat(f.message()).contains(" Event 10: NDES could not use one of its RA certificates");
    }

    @Test
    void anEvent8BeforeTheFailedStartIsTheCaEvenWhenItsHresultSaysNothing() {
        CheckOutcome o = run(ndes(8, 2, minutesAgo(31), "cannot retrieve information from the certification authority."),
                ndes(2, 2, minutesAgo(30), "cannot be started."));
        Finding f = code(o, "NDES_START_FAILED");
        assertThat(f.evidence()).containsEntry("explainedBy", "ca-ping").containsEntry("hresults", List.of());
        assertThat(f.message()).endsWith("HTTP 500. Event 8: NDES could not retrieve information from its CA (MSCEP\\CAInfo, RPC to the "
                + "CA). The configuration check ca-ping confirms it.");
        assertThat(f.remediation()).contains("Make the CA reachable from NDES (certutil -config <CA> -ping) and check MSCEP\\CAInfo. "
                + "Then run iisreset and check that event 1 follows.");
    }

    @Test
    void anEvent53BeforeTheFailedStartIsThePolicyModulesCertificate() {
        CheckOutcome o = run(ndes(53, 2, minutesAgo(31), "The policy module could not be started."), ndes(2, 2, minutesAgo(30),
                "cannot be started."));
        Finding f = code(o, "NDES_START_FAILED");
        assertThat(f.evidence()).containsEntry("explainedBy", "ndes-policy-ssl-binding");
        assertThat(f.message()).contains("Event 53: the NDES policy module (Intune) could not start");
        assertThat(f.remediation()).contains("Point MSCEP\\Modules\\NDESPolicy\\NDESCertThumbprint at the valid certificate bound to "
                + "HTTPS 443. Then run iisreset and check that event 1 follows.");
    }

    @Test
    void aFailedStartWithoutCauseEventIsExplainedByItsHresultAndFixedAsTheDictionarySays() {
        CheckOutcome o = run(startFailure(minutesAgo(30), "0x80070002"));
        Finding f = code(o, "NDES_START_FAILED");
        assertThat(f.evidence()).containsEntry("explainedBy", "mscep-templates");
        assertThat(f.remediation()).contains(dev.ndesdiag.history.Codes.fix("0x80070002").orElseThrow()
                + " Then run iisreset and check that event 1 follows.");
    }

    @Test
    void aFailedStartWithNoCauseAndNoHresultPointsAtTheRaCertificates() {
        Finding f = code(run(ndes(2, 2, minutesAgo(30), "cannot be started.")), "NDES_START_FAILED");
        assertThat(f.evidence()).containsEntry("explainedBy", "ra-certificates");
        assertThat(f.message()).endsWith("No cause event (10, 8, 53) precedes it in the export. The configuration check ra-certificates "
                + "confirms it.");
    }

    @Test
    void aRecoveredStartNamesTheFailureAndTheRestart() {
        Finding f = code(run(raFailure(hoursAgo(6)), started(hoursAgo(5))), "NDES_START_RECOVERED");
        assertThat(f.message()).isEqualTo("NDES failed to start at " + hoursAgo(6).plusSeconds(1) + " (NDES-2) and started at "
                + hoursAgo(5) + "; its latest start, at " + hoursAgo(5) + ", succeeded. A start that fails again gives HTTP 500.");
    }

    @Test
    void aWarningOfNdesThatIsNoRequestErrorIsNotCountedAsOne() {
        CheckOutcome o = run(started(hoursAgo(8)), ndes(4, 3, hoursAgo(1), "A warning NDES logs about its configuration."));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_STARTED");
    }

    @Test
    void requestErrorsAreCountedByEventAndTheLatestOneDecoded() {
        CheckOutcome o = run(started(hoursAgo(8)), submitFailure(hoursAgo(3)), ndes(6, 2, hoursAgo(2), "no enroll permission"),
                submitFailure(hoursAgo(1)));
        Finding f = code(o, "NDES_REQUEST_ERRORS");
        assertThat(f.evidence()).containsEntry("byEvent", List.of("NDES-31: 2", "NDES-6: 1")).containsEntry("recent", 3)
                .containsEntry("latest", hoursAgo(1).toString());
        assertThat(f.message()).startsWith("3 request error event(s) since NDES's latest start ({NDES-31=2, NDES-6=1}), 3 in the 24 h "
                + "before collection; the latest at " + hoursAgo(1) + ": " + dev.ndesdiag.history.Codes.describe("NDES-31") + " with "
                + dev.ndesdiag.history.Codes.describe("0x80094800") + ". ");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_STARTED", "NDES_REQUEST_ERRORS");
    }

    @Test
    void aRequestErrorWithoutHresultIsExplainedAndFixedByItsEvent() {
        CheckOutcome o = run(started(hoursAgo(8)), ndes(7, 2, hoursAgo(1), "Failed to return the CA certificate(s)."));
        Finding f = code(o, "NDES_REQUEST_ERRORS");
        assertThat(f.evidence()).containsEntry("explainedBy", "ra-certificates").containsEntry("hresults", List.of());
        assertThat(f.message()).contains(": " + dev.ndesdiag.history.Codes.describe("NDES-7") + ". Each is one device's request");
        assertThat(f.remediation()).contains(dev.ndesdiag.history.Codes.fix("NDES-7").orElseThrow()
                + " Run ndes-diag check --only ra-certificates to confirm.");
    }

    @Test
    void withoutAnyStartEventEveryRequestErrorCounts() {
        CheckOutcome o = run(submitFailure(hoursAgo(30)), submitFailure(hoursAgo(1)));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NO_START_EVENT", "NDES_REQUEST_ERRORS");
        assertThat(code(o, "NDES_REQUEST_ERRORS").message()).startsWith("2 request error event(s)  ({NDES-31=2}), 1 in the 24 h");
    }

    @Test
    void theLatestEventsTextIsQuotedOnOneLineUpTo300Characters() {
        String exactly = "cannot submit\r\n  the request " + "x".repeat(300 - "cannot submit the request ".length());
        Finding whole = code(run(started(hoursAgo(8)), ndes(31, 2, hoursAgo(1), exactly)), "NDES_REQUEST_ERRORS");
        assertThat(whole.evidence()).containsEntry("eventText", "cannot submit the request " + "x".repeat(274));
        Finding cut = code(run(started(hoursAgo(8)), ndes(31, 2, hoursAgo(1), exactly + "y")), "NDES_REQUEST_ERRORS");
        assertThat(cut.evidence()).containsEntry("eventText", ("cannot submit the request " + "x".repeat(274)).substring(0, 299) + "\u2026");
    }

    @Test
    void anHresultTheDictionaryHasNoFixForFallsBackToTheEventsFix() {
        CheckOutcome o = run(started(hoursAgo(8)), ndes(31, 2, hoursAgo(1), "cannot submit the certificate request (0x8009ffff).",
                "0x8009ffff"));
        Finding f = code(o, "NDES_REQUEST_ERRORS");
        assertThat(f.evidence()).containsEntry("hresults", List.of("0x8009ffff"));
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).startsWith(dev.ndesdiag.history.Codes.fix("NDES-31").orElseThrow()));
    }
}
