package dev.ndesdiag.checks.evidence;

import static dev.ndesdiag.fixtures.EvidenceFixtures.W3C_HEADER;
import static dev.ndesdiag.fixtures.EvidenceFixtures.WAS;
import static dev.ndesdiag.fixtures.EvidenceFixtures.event;
import static dev.ndesdiag.fixtures.EvidenceFixtures.export;
import static dev.ndesdiag.fixtures.EvidenceFixtures.hoursAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.minutesAgo;
import static dev.ndesdiag.fixtures.EvidenceFixtures.scep;
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
 * WAS's record of the SCEP pool: 5002 rapid-fail protection, 5009 a worker ended, 5057 identity
 * (https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/dd364088(v=ws.10)).
 * The sample manifest's host booted at 2026-11-19T22:01:00Z, 12 h 14 min before collection.
 */
class ScepPoolEventsCheckTest {

    @TempDir
    Path dir;

    private long record = 1;

    private String was(int id, int level, Instant at, String pool) {
        return event(WAS, "System", id, level, at, record++, "Application pool '" + pool + "' event " + id + ".", pool);
    }

    private CheckOutcome run(String iisLines, String... events) {
        BundleBuilder b = BundleBuilder.in(dir);
        b.text("manifest.json", "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\","
                + "\"host\":{\"computerName\":\"NDES01\",\"lastBootAt\":\"2026-11-19T22:01:00Z\"}}");
        b.text("events/System.xml", export(List.of(events)));
        if (iisLines != null) {
            b.text("logs/iis/W3SVC1/u_ex261120.log", W3C_HEADER + iisLines);
        }
        return Analysis.outcome(dir, new ScepPoolEventsCheck());
    }

    private static List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    @Test
    void thePoolDisabledByRapidFailProtectionAfterTheLastBootFails() {
        CheckOutcome o = run(null, was(5009, 3, minutesAgo(20), "SCEP"), was(5002, 1, minutesAgo(17), "SCEP"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).contains("POOL_DISABLED", "WORKER_CRASHES");
        assertThat(o.result().findings().get(0).message()).contains("503");
    }

    @Test
    void thePoolDisabledButServingAgainLaterWarnsWhenRecent() {
        CheckOutcome o = run(scep(minutesAgo(5), "GetCACaps", 200, 0, 0), was(5002, 1, minutesAgo(17), "SCEP"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).contains("POOL_DISABLED_RECOVERED");
    }

    @Test
    void thePoolDisabledBeforeTheLastBootAndLongAgoIsInformation() {
        CheckOutcome o = run(null, was(5002, 1, hoursAgo(60), "SCEP"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).contains("POOL_DISABLED_LONG_AGO");
    }

    @Test
    void anIdentityFailureAfterTheBootFails() {
        CheckOutcome o = run(null, was(5057, 2, minutesAgo(40), "SCEP"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).message()).contains("identity");
    }

    @Test
    void oneRecentW3wpCrashWarns() {
        // Application Error 1000 is in the Application log; WAS's information event 5186 (a recycle) is not a failure
        BundleBuilder.in(dir).text("events/Application.xml", event("Application Error", "Application", 1000, 2, minutesAgo(50), 3,
                "Faulting application name: w3wp.exe, faulting module ntdll.dll, exception code 0xc0000005"));
        CheckOutcome o = run(null, was(5186, 4, hoursAgo(2), "SCEP"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("WORKER_CRASHES");
    }

    @Test
    void otherPoolsDisabledAreNoise() {
        CheckOutcome o = run(null, was(5002, 1, minutesAgo(17), "DefaultAppPool"), was(5009, 3, minutesAgo(18), "OWA"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("otherPools", 2L);
    }

    @Test
    void aSystemLogWithoutWasEventsIsSkipped() {
        CheckOutcome o = run(null, event("Service Control Manager", "System", 7036, 4, minutesAgo(3), 9, "The W3SVC service entered "
                + "the running state."));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void withoutTheSystemLogTheCheckIsSkipped() {
        BundleBuilder.in(dir);
        assertThat(Analysis.outcome(dir, new ScepPoolEventsCheck()).status()).isEqualTo(Status.SKIPPED);
    }

    private static Finding code(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void rapidFailProtectionIsExplainedByTheCrashesBeforeIt() {
        Finding f = code(run(null, was(5002, 1, minutesAgo(17), "SCEP")), "POOL_DISABLED");
        assertThat(f.message()).endsWith("Nothing shows it running since, so HTTP.sys answers every device 503. Rapid-fail protection "
                + "stops the pool after repeated worker crashes: see the crash events and scep-app-pool.");
        assertThat(f.evidence()).containsEntry("latestCode", "WAS-5002").containsEntry("sinceLastBoot", true).containsEntry("count", 1L);
    }

    @Test
    void anIdentityThatCannotLogOnIsExplainedAsSuch() {
        Finding f = code(run(null, was(5057, 2, minutesAgo(40), "SCEP")), "POOL_DISABLED");
        assertThat(f.message()).endsWith("The pool's identity cannot log on (password, lockout, batch logon right): scep-app-pool confirms it.");
    }

    @Test
    void aScepSuccessBeforeThePoolWasDisabledDoesNotShowItRunningAgain() {
        CheckOutcome o = run(scep(minutesAgo(30), "GetCACaps", 200, 0, 0), was(5002, 1, minutesAgo(17), "SCEP"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(code(o, "POOL_DISABLED").message()).contains("Nothing shows it running since (no successful SCEP request followed in "
                + "the IIS log), so HTTP.sys answers every device 503.");
    }

    @Test
    void aScepSuccessAfterThePoolWasDisabledShowsItRunningAgain() {
        Finding f = code(run(scep(minutesAgo(5), "GetCACaps", 200, 0, 0), was(5002, 1, minutesAgo(17), "SCEP")), "POOL_DISABLED_RECOVERED");
        assertThat(f.message()).contains("A SCEP request succeeded at " + minutesAgo(5) + ", so it runs again. Rapid-fail protection");
    }

    @Test
    void aPoolDisabledInTheLastDayButBeforeTheLastBootWarnsThatTheServerBootedSince() {
        CheckOutcome o = run(null, was(5002, 1, hoursAgo(13), "SCEP"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = code(o, "POOL_DISABLED_RECOVERED");
        assertThat(f.message()).contains("The server has booted since (2026-11-19T22:01:00Z). Rapid-fail protection");
        assertThat(f.evidence()).containsEntry("sinceLastBoot", false);
    }

    @Test
    void aWasCrashEventNamesThePoolAndAnApplicationErrorSaysItCannot() {
        Finding was = code(run(null, was(5009, 3, hoursAgo(2), "SCEP")), "WORKER_CRASHES");
        assertThat(was.message()).isEqualTo("The SCEP pool's worker process ended unexpectedly 1 time(s), 1 in the 24 h before collection; "
                + "the latest at " + hoursAgo(2) + ": " + dev.ndesdiag.history.Codes.describe("WAS-5009") + ", \"Application pool 'SCEP' "
                + "event 5009.\". Repeated crashes make WAS disable the pool (5002, HTTP 503).");
        BundleBuilder.in(dir).text("events/Application.xml", event("Application Error", "Application", 1000, 2, minutesAgo(50), 3,
                "Faulting application name: w3wp.exe"));
        Finding app = code(run(null, was(5186, 4, hoursAgo(2), "SCEP")), "WORKER_CRASHES");
        assertThat(app.message()).contains(" (Application Error does not name the pool: any w3wp.exe). Repeated crashes");
    }

    @Test
    void workerCrashesOlderThanADayAreInformation() {
        CheckOutcome o = run(null, was(5009, 3, hoursAgo(48), "SCEP"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("WORKER_CRASHES_LONG_AGO");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("latest", hoursAgo(48).toString());
    }
}
