package dev.ndesdiag.checks.evidence;

import static dev.ndesdiag.fixtures.EvidenceFixtures.CONNECTOR;
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
 * The connector's Admin channel: 4000 ScepRequestSuccess, 4001 ScepRequestIssuedFailure, 4002
 * ScepRequestUploadFailure, 1001 PkcsRequestFailure, 3001 RevokeRequestFailure
 * (https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-overview, "Task Categories").
 */
class ConnectorEventsCheckTest {

    private static final String LOG = "Microsoft-Intune-CertificateConnectors/Admin";

    @TempDir
    Path dir;

    private long record = 1;

    private String ev(int id, Instant at) {
        return event(CONNECTOR, LOG, id, id % 1000 == 0 ? 4 : 2, at, record++, "Event " + id + " of a request.");
    }

    private CheckOutcome run(String... events) {
        BundleBuilder.in(dir).text("events/Microsoft-Intune-CertificateConnectors_Admin.xml", export(List.of(events)));
        return Analysis.outcome(dir, new ConnectorEventsCheck());
    }

    private static Finding kind(CheckOutcome o, String kind) {
        return o.result().findings().stream().filter(f -> kind.equals(f.evidence().get("kind"))).findFirst().orElseThrow();
    }

    @Test
    void threeIssueFailuresInARowFail() {
        CheckOutcome o = run(ev(4000, hoursAgo(30)), ev(4001, hoursAgo(3)), ev(4001, hoursAgo(2)), ev(4001, hoursAgo(1)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(kind(o, "SCEP request").evidence()).containsEntry("explainedBy", "mscep-templates");
    }

    @Test
    void everyRecentRequestFailingIsSystematicEvenWithFewerThanThree() {
        CheckOutcome o = run(ev(4000, hoursAgo(50)), ev(4000, hoursAgo(49)), ev(4002, hoursAgo(2)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void oneFailureAmongRecentSuccessesWarns() {
        CheckOutcome o = run(ev(4000, hoursAgo(3)), ev(4000, hoursAgo(2)), ev(4001, minutesAgo(30)));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(kind(o, "SCEP request").code()).isEqualTo("SCEP_REQUESTS_FAILING_SOMETIMES");
    }

    @Test
    void aRecentFailureFollowedBySuccessWarnsAndAnOldOneIsInformation() {
        assertThat(run(ev(4001, hoursAgo(3)), ev(4000, hoursAgo(2))).status()).isEqualTo(Status.WARN);
        assertThat(run(ev(4001, hoursAgo(80)), ev(4000, hoursAgo(79)), ev(4000, hoursAgo(2))).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aRecentRevocationFailureWarnsAndAnOldPkcsFailurePasses() {
        CheckOutcome o = run(ev(4000, hoursAgo(2)), ev(3001, hoursAgo(1)), ev(1001, hoursAgo(100)));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).contains("REVOCATION_REQUEST_FAILURES", "PKCS_REQUEST_FAILURES_LONG_AGO");
    }

    @Test
    void theFailureOurOwnProbeCausedIsSetAside() {
        BundleBuilder.in(dir).text("logs/iis/W3SVC1/u_ex261120.log", W3C_HEADER
                + w3c(minutesAgo(2), "GET", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=PKIOperation&message=x", 200, 0, 0,
                        "ndes-diag/0.1.0"));
        CheckOutcome o = run(ev(4000, hoursAgo(2)), ev(4001, minutesAgo(2).plusSeconds(3)));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).contains("OWN_PROBE_IGNORED");
    }

    @Test
    void otherEventsOfTheChannelAreNotJudged() {
        CheckOutcome o = run(ev(4000, hoursAgo(2)), event(CONNECTOR, LOG, 5, 2, minutesAgo(1), 99, "Some configuration warning."));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aChannelWithoutRequestEventsIsSkipped() {
        CheckOutcome o = run(event(CONNECTOR, LOG, 5, 4, minutesAgo(1), 99, "Started."));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void withoutTheChannelTheCheckIsSkipped() {
        BundleBuilder.in(dir);
        assertThat(Analysis.outcome(dir, new ConnectorEventsCheck()).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void anUploadFailureMeansTheCertificateWasIssuedButNotReported() {
        CheckOutcome o = run(ev(4000, hoursAgo(3)), ev(4002, minutesAgo(20)));
        Finding f = kind(o, "SCEP request");
        assertThat(f.code()).isEqualTo("SCEP_REQUESTS_FAILING_SOMETIMES");
        assertThat(f.evidence()).containsEntry("explainedBy", "connector-certificate").containsEntry("failureCode", "CONNECTOR-4002");
        assertThat(f.message()).contains("4002 ScepRequestUploadFailure: the certificate was issued but the connector could not notify "
                + "Intune").contains(" The configuration check connector-certificate confirms the cause.");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).startsWith("Check the connector's connection to Intune")
                .endsWith(" Run ndes-diag check --only connector-certificate to confirm."));
    }

    @Test
    void anIssueFailureIsTheTemplatesOrTheCa() {
        Finding f = kind(run(ev(4000, hoursAgo(3)), ev(4001, minutesAgo(20))), "SCEP request");
        assertThat(f.message()).contains("4001 ScepRequestIssuedFailure: the CA did not issue the certificate for the request");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("check the SCEP template (mscep-templates)"));
    }

    @Test
    void pkcsRequestsThatAllSucceededPassNamingTheLatest() {
        CheckOutcome o = run(ev(1000, hoursAgo(3)), ev(1000, hoursAgo(1)));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("PKCS_REQUESTS_OK");
        assertThat(o.result().findings().get(0).message()).isEqualTo("The latest PKCS request (" + hoursAgo(1) + ") succeeded.");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("latest", hoursAgo(1).toString());
    }

    @Test
    void aChannelHoldingOnlyTheFailureOurProbeCausedIsSkippedAndSaysSo() {
        BundleBuilder.in(dir).text("logs/iis/W3SVC1/u_ex261120.log", W3C_HEADER
                + w3c(minutesAgo(2), "GET", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=PKIOperation&message=x", 200, 0, 0,
                        "ndes-diag/0.1.0"));
        CheckOutcome o = run(ev(4001, minutesAgo(2).plusSeconds(3)));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).contains("(4000-4002, 1000/1001, 2000/2001, 3000/3001) except those of "
                + "ndes-diag's own probe: no request since it was cleared");
    }

    @Test
    void aChannelWithoutRequestEventsAndNoProbeDoesNotMentionTheProbe() {
        CheckOutcome o = run(event(CONNECTOR, LOG, 5, 4, minutesAgo(1), 99, "Started."));
        assertThat(o.result().findings().get(0).message()).contains("(4000-4002, 1000/1001, 2000/2001, 3000/3001): no request since");
    }
}
