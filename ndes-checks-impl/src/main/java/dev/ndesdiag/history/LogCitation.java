package dev.ndesdiag.history;

import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.LogFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's own record cited beside a configuration verdict: the SCEP requests of the IIS log
 * that failed with the status a configuration fault causes (403.16 for an intermediate CA in
 * Trusted Root, 404.14 and 404.15 for request filtering limits). The configuration check keeps its
 * verdict; the citation only adds evidence, and {@link ScepRequests#CHECK_ID} judges the requests.
 *
 * @param count how many such requests the notable outcomes hold (at most {@link OutcomeHistory#MAX_NOTABLE})
 * @param latest the latest of them; never null
 */
public record LogCitation(int count, Outcome latest) {

    /**
     * Finds the failed SCEP requests whose status is one of the given ones.
     *
     * @param snapshot the snapshot the logs come from, whose reading of them is shared ({@link ScepRequests#read(dev.ndesdiag.api.snapshot.Snapshot, List, TimeFrame)}); never null
     * @param iisLogs the SCEP site's W3C logs, when the bundle has them; never null
     * @param frame the clock; never null
     * @param statuses IIS statuses as {@code status.substatus}, such as {@code 403.16}; never null
     * @return the citation, when the log holds such a request
     */
    public static Optional<LogCitation> of(dev.ndesdiag.api.snapshot.Snapshot snapshot, Optional<List<LogFile>> iisLogs,
            TimeFrame frame, Set<String> statuses) {
        if (iisLogs.isEmpty() || iisLogs.get().isEmpty()) {
            return Optional.empty();
        }
        List<Outcome> failed = ScepRequests.read(snapshot, iisLogs.get(), frame).history().notable().stream()
                .filter(Outcome::failed).filter(o -> statuses.contains(statusOf(o.code()))).toList();
        return failed.isEmpty() ? Optional.empty() : Optional.of(new LogCitation(failed.size(), failed.get(failed.size() - 1)));
    }

    /** {@code 403.16.2148204809} or {@code 403.16} gives {@code 403.16}; a bare {@code 414} stays {@code 414}. */
    private static String statusOf(String code) {
        int first = code.indexOf('.');
        if (first < 0) {
            return code;
        }
        int second = code.indexOf('.', first + 1);
        return second < 0 ? code : code.substring(0, second);
    }

    /**
     * Adds the citation to a finding's evidence.
     *
     * @param f the configuration check's finding; never null
     * @return the finding with {@code iisLog} and {@code iisLogLatest} evidence
     */
    public Finding cite(Finding f) {
        return f.withEvidence("iisLog", count + " SCEP request(s) failed with " + statusOf(latest.code())
                        + (count == OutcomeHistory.MAX_NOTABLE ? " (or more)" : "") + " in the IIS log; the latest at " + latest.at()
                        + " (" + latest.where() + "; decoded by " + ScepRequests.CHECK_ID + ")")
                .withEvidence("iisLogLatest", latest.message());
    }
}
