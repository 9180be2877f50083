package dev.ndesdiag.checks.evidence;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.history.Codes;
import dev.ndesdiag.history.HttpErrScep;
import dev.ndesdiag.history.KindHistory;
import dev.ndesdiag.history.FailureScope;
import dev.ndesdiag.history.Outcome;
import dev.ndesdiag.history.OutcomeResult;
import dev.ndesdiag.history.ScepRequests;
import dev.ndesdiag.history.TimeFrame;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges what HTTP.sys refused about SCEP before IIS saw it (HTTPERR logs): 503 {@code Disabled},
 * {@code AppOffline} or {@code QueueFull} for the SCEP pool after the last boot with no later
 * successful SCEP request in the IIS log is FAIL (the pool is down: {@code scep-app-pool},
 * {@code scep-pool-events}); {@code FieldLength}, {@code RequestLength} or {@code URL_Length} (400 or
 * 414) on SCEP URLs is FAIL (the HTTP.sys limits: {@code http-sys-limits}) unless a later long
 * PKIOperation succeeded. Refusals followed by success are WARN when recent. Other sites' noise
 * ({@code Timer_ConnectionIdle} and the like) is counted and ignored.
 */
public final class HttpErrScepCheck extends AbstractCheck {

    static final String ID = HttpErrScep.CHECK_ID;
    private static final String REASONS = "https://learn.microsoft.com/en-us/windows/win32/http/types-of-errors-logged-by-the-http-server-api";

    /** Creates the check. */
    public HttpErrScepCheck() {
        super(CheckDescriptor.of(ID, "HTTP.sys did not refuse SCEP requests (HTTPERR: pool unavailable, request too long)", Category.EVENTS)
                .withSymptoms("HTTP 503", "HTTP 400 Request Header Too Long", "HTTP 414")
                .requires(NdesInputs.HTTPERR_LOGS)
                .uses(NdesInputs.IIS_LOGS)
                .withReferences(REASONS, "https://learn.microsoft.com/en-us/windows/win32/http/format-of-the-http-server-api-error-logs",
                        "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/iisadmin-service-inetinfo/httpsys-registry-windows"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        TimeFrame frame = TimeFrame.of(context.manifest());
        HttpErrScep.Result r = HttpErrScep.read(context.snapshot(), context.get(NdesInputs.HTTPERR_LOGS), ScepPoolIdentity.POOL, frame);
        Optional<ScepRequests.Result> iis = context.find(NdesInputs.IIS_LOGS).map(l -> ScepRequests.read(context.snapshot(), l, frame));
        List<Finding> findings = new ArrayList<>(HistoryFindings.unreadable(r.scan()));
        Optional<KindHistory> pool = r.history().kind(HttpErrScep.POOL_UNAVAILABLE);
        Optional<KindHistory> length = r.history().kind(HttpErrScep.REQUEST_TOO_LONG);
        if (pool.isEmpty() && length.isEmpty()) {
            findings.add(HistoryFindings.withScan(Finding.pass("NO_SCEP_REFUSALS", "HTTP.sys refused no SCEP request: nothing in "
                    + "HTTPERR about the SCEP URLs or the " + ScepPoolIdentity.POOL + " queue (" + r.scan().noise()
                    + " lines about other sites or connections ignored).").withEvidence("ignored", r.scan().noise()), r.scan()));
            return CheckResult.of(findings);
        }
        pool.ifPresent(k -> findings.add(HistoryFindings.withScan(judge(k, frame, iis.flatMap(ScepRequests.Result::latestSuccess),
                iis.isPresent(), "POOL_UNAVAILABLE", "a successful SCEP request",
                "Start the SCEP pool (%windir%\\system32\\inetsrv\\appcmd start apppool /apppool.name:" + ScepPoolIdentity.POOL
                        + ") after fixing why it stopped: see scep-pool-events and scep-app-pool.", "scep-app-pool"), r.scan())));
        length.ifPresent(k -> findings.add(HistoryFindings.withScan(judge(k, frame,
                iis.flatMap(ScepRequests.Result::latestPkiOperationGet).map(t -> new Outcome(t, "PKIOperation",
                        OutcomeResult.SUCCESS, FailureScope.REQUEST, "200", "", "", Optional.empty(), ScepRequests.CHECK_ID, false)),
                iis.isPresent(), "REQUEST_TOO_LONG", "a successful PKIOperation sent as a GET",
                "Set MaxFieldLength and MaxRequestBytes to 65534 under HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters "
                        + "and reboot (HTTP.sys reads them at start): see http-sys-limits.", "http-sys-limits"), r.scan())));
        return CheckResult.of(findings);
    }

    private static Finding judge(KindHistory k, TimeFrame frame, Optional<Outcome> laterCandidate, boolean iisPresent, String code,
            String successWord, String fix, String explainedBy) {
        Outcome last = k.judge().latest();
        Optional<Outcome> later = laterCandidate.filter(s -> s.at().isAfter(last.at()));
        boolean sinceBoot = frame.sinceBoot(last.at());
        String what = "HTTP.sys refused " + k.judge().total() + " SCEP request(s); the latest at " + last.at() + " ("
                + frame.ago(last.at()) + "): " + last.message() + ". " + Codes.describe(last.code()) + ": "
                + Codes.meaning(last.code()).orElse("") + " ";
        Finding f;
        if (later.isEmpty() && sinceBoot) {
            f = Finding.fail(code, what + (iisPresent ? "No " + successWord.replaceFirst("^a ", "") + " followed in the IIS log."
                    : "The bundle has no IIS log to show whether SCEP worked afterwards.") + " The configuration check " + explainedBy
                    + " explains it.");
        } else {
            String since = later.map(s -> successWord + " followed at " + s.at() + ".")
                    .orElse("It was before the last boot (" + frame.lastBootAt().map(Object::toString).orElse("?") + ").");
            if (frame.isRecent(last.at())) {
                f = Finding.warn(code + "_RECOVERED", what + since);
            } else {
                return Finding.pass(code + "_RECOVERED_LONG_AGO", what + since + " More than 24 h before collection.")
                        .withEvidence("latest", last.at().toString()).withEvidence("latestRecord", last.where());
            }
        }
        return f.withEvidence("latest", last.at().toString())
                .withEvidence("latestCode", last.code())
                .withEvidence("latestRecord", last.where())
                .withEvidence("count", k.judge().total())
                .withEvidence("sinceLastBoot", sinceBoot)
                .withEvidence("explainedBy", explainedBy)
                .withRemediation(fix)
                .withReference(REASONS);
    }
}
