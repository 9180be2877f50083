package dev.ndesdiag.checks.evidence;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.history.Codes;
import dev.ndesdiag.history.Judgement;
import dev.ndesdiag.history.KindHistory;
import dev.ndesdiag.history.Outcome;
import dev.ndesdiag.history.ScepPoolEvents;
import dev.ndesdiag.history.ScepRequests;
import dev.ndesdiag.history.TimeFrame;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges the SCEP application pool's record: WAS disabled it (5002 rapid-fail protection) or its
 * identity failed (5021, 5057, 5059) after the last boot, with no successful SCEP request since in
 * the IIS log: FAIL (HTTP 503 for every device); its worker crashed recently (5009, 5011,
 * Application Error 1000 for w3wp.exe): WARN. Events about other pools are ignored.
 */
public final class ScepPoolEventsCheck extends AbstractCheck {

    static final String ID = ScepPoolEvents.CHECK_ID;
    private static final String WAS_EVENTS =
            "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/dd364088(v=ws.10)";

    /** Creates the check. */
    public ScepPoolEventsCheck() {
        super(CheckDescriptor.of(ID, "The SCEP application pool was not disabled and its worker did not crash (WAS events)",
                        Category.EVENTS)
                .withSymptoms("HTTP 503", "WAS event 5002", "w3wp.exe crashes")
                .requires(NdesInputs.WAS_EVENTS)
                .uses(NdesInputs.APPLICATION_ERRORS, NdesInputs.IIS_LOGS)
                .withReferences(WAS_EVENTS,
                        "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module",
                        "https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/applicationpools/add/failure"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        TimeFrame frame = TimeFrame.of(context.manifest());
        List<EventRecord> was = context.get(NdesInputs.WAS_EVENTS);
        List<EventRecord> crashes = context.find(NdesInputs.APPLICATION_ERRORS).orElse(List.of());
        if (was.isEmpty()) {
            return CheckResult.skipped("NO_WAS_EVENTS", "The System log export holds no WAS event at all, so it cannot say whether "
                    + "the SCEP pool was disabled (export WAS at every level: " + NdesInputs.WAS_EVENTS.collectCommand() + ").");
        }
        ScepPoolEvents.Result r = ScepPoolEvents.read(context.snapshot(), was, crashes, ScepPoolIdentity.POOL, frame);
        Optional<ScepRequests.Result> iis = context.find(NdesInputs.IIS_LOGS).map(l -> ScepRequests.read(context.snapshot(), l, frame));
        List<Finding> findings = new ArrayList<>();
        r.history().kind(ScepPoolEvents.DISABLED).ifPresent(k -> findings.add(disabled(k.judge(), frame, iis)));
        r.history().kind(ScepPoolEvents.CRASH).ifPresent(k -> findings.add(crashes(k, frame)));
        if (findings.isEmpty()) {
            findings.add(Finding.pass("NO_POOL_FAILURES", "WAS recorded no failure of the " + ScepPoolIdentity.POOL + " pool ("
                    + was.size() + " WAS events read, " + r.otherPools() + " about other pools ignored).")
                    .withEvidence("wasEvents", was.size()).withEvidence("otherPools", r.otherPools()));
        }
        return CheckResult.of(findings);
    }

    private static Finding disabled(Judgement j, TimeFrame frame, Optional<ScepRequests.Result> iis) {
        Outcome last = j.latest();
        Optional<Outcome> later = iis.flatMap(ScepRequests.Result::latestSuccess).filter(s -> s.at().isAfter(last.at()));
        boolean sinceBoot = frame.sinceBoot(last.at());
        String what = "WAS took the " + ScepPoolIdentity.POOL + " pool out of service at " + last.at() + " (" + frame.ago(last.at())
                + "): " + Codes.describe(last.code()) + ", \"" + last.message() + "\". ";
        String explain = last.code().equals("WAS-5002")
                ? "Rapid-fail protection stops the pool after repeated worker crashes: see the crash events and scep-app-pool."
                : "The pool's identity cannot log on (password, lockout, batch logon right): scep-app-pool confirms it.";
        Finding f;
        if (later.isEmpty() && sinceBoot) {
            f = Finding.fail("POOL_DISABLED", what + "Nothing shows it running since"
                    + (iis.isPresent() ? " (no successful SCEP request followed in the IIS log)" : "")
                    + ", so HTTP.sys answers every device 503. " + explain);
        } else {
            String since = later.map(s -> "A SCEP request succeeded at " + s.at() + ", so it runs again.")
                    .orElse("The server has booted since (" + frame.lastBootAt().map(Object::toString).orElse("?") + ").");
            if (!frame.isRecent(last.at())) {
                return Finding.pass("POOL_DISABLED_LONG_AGO", what + since + " More than 24 h before collection.")
                        .withEvidence("latest", last.at().toString());
            }
            f = Finding.warn("POOL_DISABLED_RECOVERED", what + since + " " + explain);
        }
        return f.withEvidence("pool", ScepPoolIdentity.POOL)
                .withEvidence("latest", last.at().toString())
                .withEvidence("latestCode", last.code())
                .withEvidence("count", j.total())
                .withEvidence("sinceLastBoot", sinceBoot)
                .withEvidence("explainedBy", "scep-app-pool")
                .withRemediation("Find why the worker fails (Application Error 1000 for w3wp.exe, scep-app-pool for the identity), fix it, "
                        + "then start the pool: %windir%\\system32\\inetsrv\\appcmd start apppool /apppool.name:" + ScepPoolIdentity.POOL + ".")
                .withReference(WAS_EVENTS);
    }

    private static Finding crashes(KindHistory k, TimeFrame frame) {
        Judgement j = k.judge();
        Outcome last = j.latest();
        String what = "The " + ScepPoolIdentity.POOL + " pool's worker process ended unexpectedly " + j.total() + " time(s), "
                + j.recentTotal() + " in the 24 h before collection; the latest at " + last.at() + ": " + Codes.describe(last.code())
                + ", \"" + last.message() + "\"" + (last.code().startsWith("APPERR") ? " (Application Error does not name the pool: any "
                + "w3wp.exe)." : ".");
        if (j.recentTotal() == 0) {
            return Finding.pass("WORKER_CRASHES_LONG_AGO", what).withEvidence("latest", last.at().toString());
        }
        return Finding.warn("WORKER_CRASHES", what + " Repeated crashes make WAS disable the pool (5002, HTTP 503).")
                .withEvidence("latest", last.at().toString())
                .withEvidence("latestCode", last.code())
                .withEvidence("recent", j.recentTotal())
                .withEvidence("explainedBy", "scep-app-pool")
                .withRemediation("Read the faulting module in Application Error 1000; 0xc0000005 in w3wp.exe on NDES is usually the "
                        + "pool identity or its rights (scep-app-pool). " + Codes.fix(last.code()).orElse(""))
                .withReference("https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes");
    }
}
