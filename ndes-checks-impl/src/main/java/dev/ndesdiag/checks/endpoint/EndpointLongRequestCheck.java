package dev.ndesdiag.checks.endpoint;

import dev.ndesdiag.endpoint.EndpointResponses;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.ScepRequest;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Judges the PKIOperation-sized GET (about 30 KB of query string): a 414, a 404.14 / 404.15 or a
 * 400 "Request Too Long" shows, from outside, that request filtering or HTTP.sys would reject a real
 * device's request. From outside, IIS's custom errors (errorMode DetailedLocalOnly) send the
 * generic, possibly localised "404 - File or directory not found" page with no substatus, so a 404
 * on the long request while the bare URL answered 403 (mscep.dll is there) is itself the
 * request-filtering reject (404.14 / 404.15 in the IIS log). Any other answer means the request
 * reached NDES.
 *
 * @see <a href="https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/requestfiltering/requestlimits/">requestLimits: 404.14 URL too long, 404.15 query string too long</a>
 * @see <a href="https://learn.microsoft.com/en-us/iis/configuration/system.webserver/httperrors/">httpErrors errorMode DetailedLocalOnly (remote clients get the custom error page)</a>
 */
public final class EndpointLongRequestCheck extends AbstractCheck {

    static final Input<ProbeResponse> REQUEST = Inputs.probe(ScepRequest.PKI_OPERATION);
    static final Input<ProbeResponse> BARE = Inputs.probe(ScepRequest.BARE);
    private static final Pattern SUBSTATUS = Pattern.compile("\\b404\\.1[45]\\b");

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public EndpointLongRequestCheck() {
        super(CheckDescriptor.of("endpoint-long-request",
                        "A PKIOperation-sized GET reaches NDES", Category.ENDPOINT)
                .withSymptoms("HTTP 414", "HTTP 404.15 / 404.14", "HTTP 400 Request Too Long")
                .requires(REQUEST).uses(BARE)
                .withReferences("https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/requestfiltering/requestlimits/",
                        "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/httperrors/"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        ProbeResponse res = context.get(REQUEST);
        int length = res.url().length() - res.url().indexOf('?');
        String body = EndpointResponses.text(res).toLowerCase(Locale.ROOT);
        int status = res.httpStatus().orElse(-1);
        OptionalInt bare = context.find(BARE).map(ProbeResponse::httpStatus).orElse(OptionalInt.empty());
        boolean bareReachedMscep = bare.isPresent() && bare.getAsInt() == 403;
        String fixFiltering = "Raise maxQueryString (and maxUrl) to 65534 on CertSrv/mscep, and HTTP.sys MaxFieldLength "
                + "and MaxRequestBytes to 65534 (reboot); then check any proxy in front for its own URL limit.";
        Finding f;
        if (status == -1) {
            f = Finding.fail("LONG_REQUEST_NO_ANSWER", "The long request got no answer (" + EndpointResponses.describe(res)
                    + "); a proxy in front may drop long URLs.").withRemediation(fixFiltering);
        } else if (status == 414) {
            f = Finding.fail("LONG_REQUEST_414", "A " + length + "-character query string got HTTP 414 (URI too long): "
                    + "real devices' SCEP requests are rejected.").withRemediation(fixFiltering);
        } else if (status == 404 && SUBSTATUS.matcher(body).find()) {
            f = Finding.fail("LONG_REQUEST_REQUEST_FILTERING", "A " + length + "-character query string got 404.15/404.14 "
                    + "from IIS request filtering: real devices' SCEP requests are rejected.").withRemediation(fixFiltering);
        } else if (status == 404 && bareReachedMscep) {
            f = Finding.fail("LONG_REQUEST_REQUEST_FILTERING", "A " + length + "-character query string got HTTP 404 while "
                            + "the bare SCEP URL answered 403: mscep.dll is there, so the 404 is IIS request filtering "
                            + "rejecting the long query string (404.15 or 404.14 in the IIS log; remote clients see only the "
                            + "generic error page). Real devices' SCEP requests are rejected.")
                    .withEvidence("bareUrlStatus", 403).withRemediation(fixFiltering);
        } else if (status == 404) {
            f = Finding.skipped("LONG_REQUEST_404_UNEXPLAINED", "A " + length + "-character query string got HTTP 404 without "
                            + "a substatus, and the bare SCEP URL " + (bare.isPresent() ? "answered " + bare.getAsInt()
                            + " too" : "was not probed") + ", so a request-filtering reject cannot be told from a missing "
                            + "application.")
                    .withRemediation("Fix the bare URL first (see endpoint-mscep), or look up the request in the IIS log "
                            + "(sc-status 404, sc-substatus 14 or 15 is request filtering).");
        } else if (status == 400 && (body.contains("too long") || bareReachedMscep)) {
            f = Finding.fail("LONG_REQUEST_HTTP_SYS", "A " + length + "-character query string got HTTP 400 (\"Request Too "
                    + "Long\" from HTTP.sys" + (bareReachedMscep ? ", while the bare URL answered 403" : "")
                    + "): real devices' SCEP requests are rejected.").withRemediation(fixFiltering);
        } else {
            f = Finding.pass("LONG_REQUEST_ACCEPTED", "A " + length + "-character query string reached NDES (HTTP " + status
                    + "); URL limits do not block SCEP.");
        }
        return CheckResult.of(f.withEvidence("queryLength", length).withEvidence("result", EndpointResponses.describe(res)));
    }
}
