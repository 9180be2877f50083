package dev.ndesdiag.checks.evidence;

import static dev.ndesdiag.fixtures.EvidenceFixtures.W3C_HEADER;
import static dev.ndesdiag.fixtures.EvidenceFixtures.hoursAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.scep;
import static dev.ndesdiag.fixtures.EvidenceFixtures.w3c;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.history.Codes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What devices got from mscep.dll, as the SCEP site's IIS log recorded it. Statuses and their
 * meaning: https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes
 * ("500 0 1346" when IIS_IUSRS lacks the impersonation right; 403 on the bare GET once the policy
 * module is loaded).
 */
class IisScepRequestsCheckTest {

    @TempDir
    Path dir;

    private CheckOutcome run(String lines) {
        BundleBuilder.in(dir).text("logs/iis/W3SVC1/u_ex261120.log", W3C_HEADER + lines);
        return Analysis.outcome(dir, new IisScepRequestsCheck());
    }

    private static Finding of(CheckOutcome o, String kind) {
        return o.result().findings().stream().filter(f -> kind.equals(f.evidence().get("kind"))).findFirst().orElseThrow();
    }

    @Test
    void pkiOperationAnswering500WithWin32Status1346FailsAndNamesScepAppPool() {
        CheckOutcome o = run(scep(hoursAgo(3), "PKIOperation", 200, 0, 0) + scep(minutesAgo(30), "PKIOperation", 500, 0, 1346));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = of(o, "PKIOperation");
        assertThat(f.code()).isEqualTo("SCEP_REQUESTS_FAILING");
        assertThat(f.evidence()).containsEntry("latestCode", "500.0.1346").containsEntry("explainedBy", "scep-app-pool");
        assertThat(f.message()).contains("ERROR_BAD_IMPERSONATION_LEVEL").contains("scep-app-pool");
        assertThat(f.remediation().orElseThrow()).contains("--only scep-app-pool");
    }

    @Test
    void a500With87IsNdesInvalidParameterExplainedByTheRaCertificates() {
        CheckOutcome o = run(scep(minutesAgo(5), "PKIOperation", 500, 0, 87));
        assertThat(of(o, "PKIOperation").evidence()).containsEntry("explainedBy", "ra-certificates");
    }

    @Test
    void aFailureThatRecoveredInTheLastDayWarnsWithTheRecoveryTime() {
        CheckOutcome o = run(scep(hoursAgo(5), "GetCACaps", 503, 0, 0) + scep(hoursAgo(4), "GetCACaps", 200, 0, 0)
                + scep(hoursAgo(1), "GetCACaps", 200, 0, 0));
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = of(o, "GetCACaps");
        assertThat(f.code()).isEqualTo("SCEP_REQUESTS_RECOVERED");
        assertThat(f.evidence()).containsEntry("recoveredAt", hoursAgo(4).toString());
    }

    @Test
    void aFailureThatRecoveredDaysAgoIsOnlyInformation() {
        CheckOutcome o = run(scep(hoursAgo(80), "GetCACert", 500, 0, 87) + scep(hoursAgo(79), "GetCACert", 200, 0, 0)
                + scep(hoursAgo(2), "GetCACert", 200, 0, 0));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(of(o, "GetCACert").code()).isEqualTo("SCEP_REQUESTS_RECOVERED_LONG_AGO");
    }

    @Test
    void oneDeviceRequestRejectedWith400AmongSuccessesOnlyWarns() {
        CheckOutcome o = run(scep(hoursAgo(3), "PKIOperation", 200, 0, 0) + scep(hoursAgo(2), "PKIOperation", 200, 0, 0)
                + scep(minutesAgo(10), "PKIOperation", 400, 0, 0));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(of(o, "PKIOperation").code()).isEqualTo("SCEP_REQUESTS_FAILING_SOMETIMES");
    }

    @Test
    void threeRejectedRequestsInARowAreSystematic() {
        CheckOutcome o = run(scep(hoursAgo(30), "PKIOperation", 200, 0, 0) + scep(hoursAgo(3), "PKIOperation", 400, 0, 0)
                + scep(hoursAgo(2), "PKIOperation", 400, 0, 0) + scep(hoursAgo(1), "PKIOperation", 400, 0, 0));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(of(o, "PKIOperation").message()).contains("failed");
    }

    @Test
    void theBareGetAnswering403IsHealthyAnd200MeansNoPolicyModule() {
        assertThat(run(w3c(minutesAgo(3), "GET", "/certsrv/mscep/mscep.dll", "", 403, 0, 0, "Mozilla/5.0")).status()).isEqualTo(Status.PASS);
        CheckOutcome o = run(w3c(minutesAgo(3), "GET", "/certsrv/mscep/mscep.dll", "", 200, 0, 0, "Mozilla/5.0"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(of(o, "bare GET").evidence()).containsEntry("explainedBy", "ndes-policy-ssl-binding");
    }

    @Test
    void verifyRequestAnswering403Point16IsTheClientCertificateChain() {
        CheckOutcome o = run(w3c(minutesAgo(3), "POST", "/CertificateRegistrationSvc/Certificate/VerifyRequest", "", 403, 16,
                2148204809L, "NDES_Plugin"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(of(o, "VerifyRequest").evidence()).containsEntry("explainedBy", "root-store-intermediates");
    }

    @Test
    void registrationPoint201And204AreSuccesses() {
        CheckOutcome o = run(w3c(minutesAgo(3), "POST", "/CertificateRegistrationSvc/Certificate/VerifyRequest", "", 201, 0, 0, "NDES_Plugin")
                + w3c(minutesAgo(2), "POST", "/CertificateRegistrationSvc/Certificate/Notify", "", 204, 0, 0, "NDES_Plugin"));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void ourOwnProbesFailingRequestIsSetAsideAndSaidToBe() {
        CheckOutcome o = run(scep(hoursAgo(2), "PKIOperation", 200, 0, 0)
                + w3c(minutesAgo(1), "GET", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=PKIOperation&message=test", 500, 0, 87,
                        "ndes-diag/0.1.0"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).contains("OWN_PROBE_IGNORED");
    }

    @Test
    void otherSitesFailuresAreNoise() {
        CheckOutcome o = run(w3c(minutesAgo(9), "GET", "/owa/auth/logon.aspx", "", 500, 0, 0, "Mozilla/5.0")
                + w3c(minutesAgo(8), "GET", "/favicon.ico", "", 404, 0, 2, "Mozilla/5.0")
                + scep(minutesAgo(7), "GetCACaps", 200, 0, 0));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aLogEndingMidLineIsJudgedOnItsCompleteLinesAndSaysSo() {
        String last = scep(minutesAgo(1), "PKIOperation", 200, 0, 0);
        CheckOutcome o = run(scep(minutesAgo(20), "PKIOperation", 500, 0, 1346) + last.substring(0, 40));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(of(o, "PKIOperation").evidence()).containsKey("endedMidLine");
    }

    @Test
    void withoutIisLogsTheCheckIsSkippedNamingWhatToCollect() {
        BundleBuilder.in(dir);
        CheckOutcome o = Analysis.outcome(dir, new IisScepRequestsCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).remediation().orElseThrow()).contains("u_ex");
    }

    @Test
    void logsWithoutAnyScepRequestAreSkipped() {
        CheckOutcome o = run(w3c(minutesAgo(9), "GET", "/", "", 200, 0, 0, "Mozilla/5.0"));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).code()).isEqualTo("NO_SCEP_REQUESTS");
    }

    private static java.util.List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    @Test
    void aServerWideFailureAmongSuccessesFailsAtOnceDecodedWithMeaningCauseAndSource() {
        CheckOutcome o = run(scep(hoursAgo(3), "PKIOperation", 200, 0, 0) + scep(minutesAgo(30), "PKIOperation", 500, 0, 1346));
        Finding f = of(o, "PKIOperation");
        assertThat(f.message()).isEqualTo("The latest PKIOperation request (" + minutesAgo(30) + ", 30 min before collection) failed: "
                + Codes.describe("500.0.1346") + ". " + Codes.meaning("500.0.1346").orElseThrow() + " Usual cause: "
                + Codes.cause("500.0.1346").orElseThrow() + " This failure affects every request. The configuration check scep-app-pool "
                + "confirms the cause.");
        assertThat(f.references()).containsExactly(Codes.source("500.0.1346").orElseThrow());
        assertThat(f.evidence()).containsEntry("failureCode", "500.0.1346").containsEntry("latestFailure", minutesAgo(30).toString());
        assertThat(codes(o)).containsExactly("SCEP_REQUESTS_FAILING");
    }

    @Test
    void everyRequestOfTheLastDayFailingIsSaidSo() {
        CheckOutcome o = run(scep(hoursAgo(30), "PKIOperation", 200, 0, 0) + scep(hoursAgo(3), "PKIOperation", 400, 0, 0)
                + scep(hoursAgo(2), "PKIOperation", 400, 0, 0) + scep(hoursAgo(1), "PKIOperation", 400, 0, 0));
        assertThat(of(o, "PKIOperation").message()).contains(") failed: " + Codes.describe("400.0.0")).contains(
                " Every one of the 3 recorded in the 24 h before collection failed.");
    }

    @Test
    void threeLatestFailuresAfterASuccessOfTheSameDayAreSystematicByTheirRun() {
        CheckOutcome o = run(scep(hoursAgo(20), "PKIOperation", 200, 0, 0) + scep(hoursAgo(3), "PKIOperation", 400, 0, 0)
                + scep(hoursAgo(2), "PKIOperation", 400, 0, 0) + scep(hoursAgo(1), "PKIOperation", 400, 0, 0));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(of(o, "PKIOperation").message()).contains(" The 3 latest all failed.");
    }

    @Test
    void failuresOlderThanADayWithNothingSinceAreStillSystematic() {
        CheckOutcome o = run(scep(hoursAgo(50), "PKIOperation", 400, 0, 0) + scep(hoursAgo(49), "PKIOperation", 400, 0, 0)
                + scep(hoursAgo(48), "PKIOperation", 400, 0, 0));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(of(o, "PKIOperation").message()).contains(" The 3 latest all failed.");
        CheckOutcome two = run(scep(hoursAgo(50), "PKIOperation", 400, 0, 0) + scep(hoursAgo(49), "PKIOperation", 400, 0, 0));
        assertThat(of(two, "PKIOperation").message()).contains(" The 2 latest all failed.");
    }

    @Test
    void aRecentRecoveryNamesTheFailureTheRecoveryAndTheLatest() {
        CheckOutcome o = run(scep(hoursAgo(5), "GetCACaps", 503, 0, 0) + scep(hoursAgo(4), "GetCACaps", 200, 0, 0)
                + scep(hoursAgo(1), "GetCACaps", 200, 0, 0));
        assertThat(of(o, "GetCACaps").message()).startsWith("A GetCACaps request failed at " + hoursAgo(5) + " (5 h 0 min before "
                + "collection) and recovered at " + hoursAgo(4) + "; the latest, at " + hoursAgo(1) + ", succeeded. The failure: "
                + Codes.describe("503.0.0"));
    }

    @Test
    void anOldRecoveryIsInformationWithoutRemedy() {
        CheckOutcome o = run(scep(hoursAgo(80), "GetCACert", 500, 0, 87) + scep(hoursAgo(79), "GetCACert", 200, 0, 0)
                + scep(hoursAgo(2), "GetCACert", 200, 0, 0));
        Finding f = of(o, "GetCACert");
        assertThat(f.message()).isEqualTo("A GetCACert request failed at " + hoursAgo(80) + " (3 days before collection, more than 24 h "
                + "before collection) and recovered at " + hoursAgo(79) + "; the latest, at " + hoursAgo(2) + ", succeeded.");
        assertThat(f.remediation()).isEmpty();
        assertThat(f.references()).isEmpty();
        assertThat(f.evidence()).containsEntry("recoveredAt", hoursAgo(79).toString());
    }

    @Test
    void healthyRequestsPassWithTheirCountAndNoRemedyAndNoProbeNote() {
        CheckOutcome o = run(scep(hoursAgo(2), "GetCACaps", 200, 0, 0) + scep(hoursAgo(1), "GetCACaps", 200, 0, 0));
        assertThat(codes(o)).containsExactly("SCEP_REQUESTS_OK");
        Finding f = of(o, "GetCACaps");
        assertThat(f.message()).isEqualTo("The latest GetCACaps request (" + hoursAgo(1) + ") succeeded; none of the 2 recorded failed.");
        assertThat(f.remediation()).isEmpty();
        assertThat(f.evidence()).doesNotContainKeys("latestFailure", "explainedBy", "recoveredAt");
    }

    @Test
    void logsHoldingOnlyOurOwnProbesRequestsAreSkippedAndSaySo() {
        CheckOutcome o = run(w3c(minutesAgo(1), "GET", "/certsrv/mscep/mscep.dll/pkiclient.exe", "operation=GetCACaps&message=test", 200,
                0, 0, "ndes-diag/0.1.0"));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).startsWith("The IIS logs hold only the requests of ndes-diag's own probe (1), "
                + "no device's.");
    }

    @Test
    void a403Point16OnVerifyRequestNamesTheClientCertificateChainButNotOnAnotherKind() {
        CheckOutcome verify = run(w3c(minutesAgo(3), "POST", "/CertificateRegistrationSvc/Certificate/VerifyRequest", "", 403, 16,
                2148204809L, "NDES_Plugin"));
        assertThat(of(verify, "VerifyRequest").message()).contains(": the registration point refused the policy module's client "
                + "certificate because its chain does not verify on this server");
        CheckOutcome pki = run(scep(minutesAgo(3), "PKIOperation", 403, 16, 2148204809L));
        assertThat(of(pki, "PKIOperation").message()).doesNotContain("the registration point refused");
    }

    @Test
    void a414IsExplainedByTheHttpSysLimits() {
        CheckOutcome o = run(scep(minutesAgo(3), "PKIOperation", 414, 0, 0));
        assertThat(of(o, "PKIOperation").evidence()).containsEntry("explainedBy", "http-sys-limits");
    }

    @Test
    void linesTheReaderSkippedAreCountedInTheEvidence() {
        CheckOutcome o = run(scep(minutesAgo(5), "GetCACaps", 200, 0, 0) + "2026-11-20 10:11:00 garbage\r\n");
        assertThat(of(o, "GetCACaps").evidence()).containsKey("skipped");
    }

    @Test
    void logsWithoutAnyScepRequestSayHowManyOtherRequestsWereRead() {
        CheckOutcome o = run(w3c(minutesAgo(9), "GET", "/", "", 200, 0, 0, "Mozilla/5.0"));
        assertThat(o.result().findings().get(0).message()).startsWith("The IIS logs hold no request to /certsrv/mscep/mscep.dll or "
                + "/CertificateRegistrationSvc (1 other requests read).");
    }

    @Test
    void aLogTheBundleCannotReadIsAnErrorNamingItNeverSilence() throws Exception {
        // a zipped bundle whose log entry no longer matches its CRC-32 (damaged in transfer)
        String log = W3C_HEADER + scep(minutesAgo(5), "GetCACaps", 200, 0, 0);
        Path zip = dir.resolve("bundle.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
            store(out, "manifest.json", java.nio.file.Files.readAllBytes(BundleBuilder.in(dir.resolve("b")).dir().resolve("manifest.json")));
            store(out, "logs/iis/W3SVC1/u_ex261120.log", log.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(zip);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("GetCACaps");
        bytes[at] = 'X';
        java.nio.file.Files.write(zip, bytes);
        CheckOutcome o = Analysis.outcome(zip, new IisScepRequestsCheck());
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).code()).isEqualTo("LOG_UNREADABLE");
        assertThat(o.result().findings().get(0).message()).startsWith("A log could not be read: logs/iis/W3SVC1/u_ex261120.log: ");
    }

    private static void store(java.util.zip.ZipOutputStream out, String name, byte[] content) throws java.io.IOException {
        java.util.zip.ZipEntry e = new java.util.zip.ZipEntry(name);
        e.setMethod(java.util.zip.ZipEntry.STORED);
        e.setSize(content.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        out.putNextEntry(e);
        out.write(content);
        out.closeEntry();
    }
}
