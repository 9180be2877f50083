package dev.ndesdiag.checks.evidence;

import dev.ndesdiag.api.Finding;
import dev.ndesdiag.history.Codes;
import dev.ndesdiag.history.Judgement;
import dev.ndesdiag.history.LogScan;
import dev.ndesdiag.history.Outcome;
import dev.ndesdiag.history.OutcomeHistory;
import dev.ndesdiag.history.TimeFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the judgement of one kind of operation into a finding, in the same words for every evidence check. */
final class HistoryFindings {

    /**
     * What a failure means: the sentence, the configuration check that explains it and the fix.
     *
     * @param text such as {@code "500 0 1346: IIS_IUSRS lacks SeImpersonatePrivilege"}
     * @param explainedBy the configuration check that confirms the cause
     * @param fix what to do
     */
    record Decoded(String text, Optional<String> explainedBy, String fix) {
    }

    /** Decodes a failure with the code dictionary; {@code fallbackFix} when the code is unknown. */
    static Decoded decode(Outcome o, String fallbackFix) {
        String code = o.code();
        String meaning = Codes.meaning(code).map(m -> " " + m).orElse("");
        String cause = Codes.cause(code).map(c -> " Usual cause: " + c).orElse("");
        return new Decoded(Codes.describe(code) + "." + meaning + cause, Codes.explainedBy(code), Codes.fix(code).orElse(fallbackFix));
    }

    private HistoryFindings() {
    }

    /**
     * Returns the finding of one kind.
     *
     * @param j the judgement
     * @param subject such as {@code "PKIOperation request"}
     * @param prefix the code prefix, such as {@code "SCEP_REQUESTS"}
     * @param frame the clock
     * @param decoded what the latest failure means
     * @param selfId the check's own id, never named as the explanation
     */
    static Finding of(Judgement j, String subject, String prefix, TimeFrame frame, Decoded decoded, String selfId) {
        Outcome latest = j.latest();
        Optional<Outcome> failure = j.latestFailure();
        Finding f;
        String explain = decoded.explainedBy().filter(id -> !id.equals(selfId))
                .map(id -> " The configuration check " + id + " confirms the cause.").orElse("");
        switch (j.verdict()) {
            case FAILING -> f = Finding.fail(prefix + "_FAILING", "The latest " + subject + " (" + latest.at() + ", "
                    + frame.ago(latest.at()) + ") failed: " + decoded.text()
                    + (j.systematic() ? " " + systematicWhy(j) : " This failure affects every request.") + explain);
            case FAILING_SOMETIMES -> f = Finding.warn(prefix + "_FAILING_SOMETIMES", "The latest " + subject + " ("
                    + latest.at() + ") failed, but others of its kind succeeded around it (" + j.counts() + "): "
                    + decoded.text() + explain);
            case RECOVERED_RECENTLY -> f = Finding.warn(prefix + "_RECOVERED", "A " + subject + " failed at "
                    + failure.get().at() + " (" + frame.ago(failure.get().at()) + ") and recovered at "
                    + j.recoveredAt().map(o -> o.at().toString()).orElse("a later time") + "; the latest, at " + latest.at()
                    + ", succeeded. The failure: " + decoded.text() + explain);
            case RECOVERED_LONG_AGO -> f = Finding.pass(prefix + "_RECOVERED_LONG_AGO", "A " + subject + " failed at "
                    + failure.get().at() + " (" + frame.ago(failure.get().at()) + ", more than 24 h before collection) and recovered"
                    + j.recoveredAt().map(o -> " at " + o.at()).orElse("") + "; the latest, at " + latest.at() + ", succeeded.");
            default -> f = Finding.pass(prefix + "_OK", "The latest " + subject + " (" + latest.at() + ") succeeded; none of the "
                    + j.total() + " recorded failed.");
        }
        f = f.withEvidence("kind", j.kind())
                .withEvidence("latest", latest.at().toString())
                .withEvidence("latestCode", latest.code())
                .withEvidence("latestRecord", latest.where());
        if (failure.isPresent()) {
            f = f.withEvidence("latestFailure", failure.get().at().toString())
                    .withEvidence("failureCode", failure.get().code())
                    .withEvidence("failureRecord", failure.get().where())
                    .withEvidence("failureText", failure.get().message());
        }
        if (j.recoveredAt().isPresent()) {
            f = f.withEvidence("recoveredAt", j.recoveredAt().get().at().toString());
        }
        f = f.withEvidence("counts", j.counts());
        if (decoded.explainedBy().isPresent() && failure.isPresent()) {
            f = f.withEvidence("explainedBy", decoded.explainedBy().get());
        }
        if (f.status() == dev.ndesdiag.api.Status.FAIL || f.status() == dev.ndesdiag.api.Status.WARN) {
            f = f.withRemediation(decoded.fix() + decoded.explainedBy().filter(id -> !id.equals(selfId))
                    .map(id -> " Run ndes-diag check --only " + id + " to confirm.").orElse(""));
            Optional<String> source = failure.flatMap(o -> Codes.source(o.code()));
            if (source.isPresent()) {
                f = f.withReference(source.get());
            }
        }
        return f;
    }

    private static String systematicWhy(Judgement j) {
        if (j.recentTotal() > 0 && j.recentFailures() == j.recentTotal()) {
            return "Every one of the " + j.recentTotal() + " recorded in the 24 h before collection failed.";
        }
        return "The " + Math.min(3, j.total()) + " latest all failed.";
    }

    /** The information finding that the own probe's records were set aside, when there were any. */
    static Optional<Finding> ownProbe(OutcomeHistory history, String what) {
        if (history.ownProbe() == 0) {
            return Optional.empty();
        }
        return Optional.of(Finding.pass("OWN_PROBE_IGNORED", history.ownProbe() + " " + what
                        + " of ndes-diag's own probe (User-Agent ndes-diag/) set aside: its test request is not a device's.")
                .withEvidence("ignored", history.ownProbe()));
    }

    /** Adds what the log read saw (files, lines, files that ended mid-line, skipped lines) to a finding. */
    static Finding withScan(Finding f, LogScan scan) {
        Finding r = f.withEvidence("files", scan.files()).withEvidence("linesRead", scan.lines());
        if (!scan.endedMidLine().isEmpty()) {
            r = r.withEvidence("endedMidLine", scan.endedMidLine());
        }
        if (!scan.skipped().isEmpty()) {
            r = r.withEvidence("skipped", scan.skipped());
        }
        return r;
    }

    /** The unreadable-file findings of a scan. */
    static List<Finding> unreadable(LogScan scan) {
        List<Finding> list = new ArrayList<>();
        for (String u : scan.unreadable()) {
            list.add(Finding.error("LOG_UNREADABLE", "A log could not be read: " + u));
        }
        return list;
    }
}
