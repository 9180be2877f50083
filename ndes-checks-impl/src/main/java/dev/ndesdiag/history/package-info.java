/**
 * The outcome history of a server's own record: what its events and logs say succeeded or failed,
 * when, and of what kind (an NDES start, a GetCACaps, a VerifyRequest, a SCEP request the connector
 * processed), and the rules that turn it into a verdict, so that the event and log checks do not
 * repeat them:
 * <ul>
 * <li>time is judged against the bundle's {@code collectedAt} and {@code host.lastBootAt};
 *     "recent" means the 24 hours before collection ({@link dev.ndesdiag.history.TimeFrame});</li>
 * <li>a failure that affects every request ({@link dev.ndesdiag.history.FailureScope#SERVER}) decides
 *     alone; a failure of one request is systematic only when the three latest outcomes of its kind
 *     failed, or every one in the recent window did;</li>
 * <li>a failure followed by a success of the same kind has recovered: recently (a warning) or long
 *     ago (information);</li>
 * <li>requests of ndes-diag's own probe (User-Agent {@code ndes-diag/}) are counted and set aside
 *     ({@link dev.ndesdiag.history.OwnProbe}).</li>
 * </ul>
 * The readers of each source ({@code NdesServiceEvents}, {@code ScepRequests}, ...) feed outcomes in
 * time order to an {@link dev.ndesdiag.history.OutcomeHistory}, which keeps bounded state per kind,
 * so a log of any size is judged in bounded memory. {@link dev.ndesdiag.history.Timeline} merges the
 * notable outcomes of every source into the report's timeline.
 */
package dev.ndesdiag.history;
