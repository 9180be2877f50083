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

/**
 * Judges the PKIOperation-sized GET (about 30 KB of query string): a 414, a 404.14 / 404.15 or a
 * 400 "Request Too Long" shows, from outside, that request filtering or HTTP.sys would reject a real
 * device's request. Any other answer means the request reached NDES.
 */
public final class EndpointLongRequestCheck extends AbstractCheck {

    static final Input<ProbeResponse> REQUEST = Inputs.probe(ScepRequest.PKI_OPERATION);

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public EndpointLongRequestCheck() {
        super(CheckDescriptor.of("endpoint-long-request",
                        "A PKIOperation-sized GET reaches NDES", Category.ENDPOINT)
                .withSymptoms("HTTP 414", "HTTP 404.15 / 404.14", "HTTP 400 Request Too Long")
                .requires(REQUEST));
    }

    @Override
    public CheckResult run(CheckContext context) {
        ProbeResponse res = context.get(REQUEST);
        int length = res.url().length() - res.url().indexOf('?');
        String body = EndpointResponses.text(res).toLowerCase(Locale.ROOT);
        int status = res.httpStatus().orElse(-1);
        String fixFiltering = "Raise maxQueryString (and maxUrl) to 65534 on CertSrv/mscep, and HTTP.sys MaxFieldLength "
                + "and MaxRequestBytes to 65534 (reboot); then check any proxy in front for its own URL limit.";
        Finding f;
        if (status == -1) {
            f = Finding.fail("LONG_REQUEST_NO_ANSWER", "The long request got no answer (" + EndpointResponses.describe(res)
                    + "); a proxy in front may drop long URLs.").withRemediation(fixFiltering);
        } else if (status == 414 || body.contains("414")) {
            f = Finding.fail("LONG_REQUEST_414", "A " + length + "-character query string got HTTP 414 (URI too long): "
                    + "real devices' SCEP requests are rejected.").withRemediation(fixFiltering);
        } else if (status == 404 && (body.contains("404.15") || body.contains("404.14") || body.contains("too long"))) {
            f = Finding.fail("LONG_REQUEST_REQUEST_FILTERING", "A " + length + "-character query string got 404.15/404.14 "
                    + "from IIS request filtering: real devices' SCEP requests are rejected.").withRemediation(fixFiltering);
        } else if (status == 400 && body.contains("too long")) {
            f = Finding.fail("LONG_REQUEST_HTTP_SYS", "A " + length + "-character query string got HTTP 400 \"Request Too "
                    + "Long\" from HTTP.sys: real devices' SCEP requests are rejected.").withRemediation(fixFiltering);
        } else {
            f = Finding.pass("LONG_REQUEST_ACCEPTED", "A " + length + "-character query string reached NDES (HTTP " + status
                    + "); URL limits do not block SCEP.");
        }
        return CheckResult.of(f.withEvidence("queryLength", length).withEvidence("result", EndpointResponses.describe(res)));
    }
}
