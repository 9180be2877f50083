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

/**
 * Judges what the bare SCEP URL answered. 403 is healthy: mscep.dll runs with the Intune policy
 * module, which refuses requests without a challenge. Every other answer names its usual cause.
 */
public final class EndpointMscepCheck extends AbstractCheck {

    static final Input<ProbeResponse> REQUEST = Inputs.probe(ScepRequest.BARE);
    /** Microsoft: the bare URL of a working NDES with the Intune policy module answers 403. */
    private static final String TROUBLESHOOT =
            "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public EndpointMscepCheck() {
        super(CheckDescriptor.of("endpoint-mscep",
                        "The SCEP URL answers 403, as NDES with the Intune policy module does", Category.ENDPOINT)
                .withSymptoms("HTTP 500", "HTTP 503", "HTTP 502/504", "HTTP 401", "the NDES default page (HTTP 200)")
                .requires(REQUEST));
    }

    @Override
    public CheckResult run(CheckContext context) {
        ProbeResponse res = context.get(REQUEST);
        Finding f;
        if (res.httpStatus().isEmpty()) {
            f = Finding.fail("ENDPOINT_UNREACHABLE", res.url() + " gave no answer (" + EndpointResponses.describe(res)
                            + "): devices cannot reach NDES.")
                    .withRemediation("Check DNS, firewalls and the proxy or application proxy between the client and NDES; "
                            + "from the server itself, probe https://<fqdn>/certsrv/mscep/mscep.dll.");
        } else {
            int status = res.httpStatus().getAsInt();
            f = switch (status) {
                case 403 -> Finding.pass("ENDPOINT_403", res.url() + " answered 403 Forbidden: mscep.dll runs with the "
                        + "Intune policy module, as it should.");
                case 200 -> Finding.fail("ENDPOINT_DEFAULT_PAGE", res.url() + " answered 200 with the NDES page: the "
                                + "Intune policy module is not loaded, so Intune challenges are not verified.")
                        .withRemediation("Check that the Certificate Connector for Microsoft Intune is installed with SCEP "
                                + "enabled, then run iisreset (a reboot after installing it is the documented step).");
                case 500 -> Finding.fail("ENDPOINT_500", res.url() + " answered 500: NDES failed to start. The usual "
                                + "causes: expired or duplicate RA certificates, an RA key the SCEP identity cannot read, "
                                + "an unreachable CA or CRL, a locked or expired service account, IIS_IUSRS without "
                                + "SeImpersonatePrivilege.")
                        .withRemediation("Collect a bundle on the server and run ndes-diag check on it; the Application log "
                                + "holds the NDES events (2, 8, 10) that name the cause.");
                case 503 -> Finding.fail("ENDPOINT_503", res.url() + " answered 503: the SCEP application pool is "
                                + "stopped or crashing (intermediate CAs in Trusted Root, unreachable CRLs, a stale "
                                + "policy-module certificate, Windows authentication on CertificateRegistrationSvc).")
                        .withRemediation("Collect a bundle and run ndes-diag check; on the server, the System log's WAS "
                                + "events 5002/5009 say when the pool stopped.");
                case 502, 504 -> Finding.fail("ENDPOINT_GATEWAY_ERROR", res.url() + " answered " + status + " from a "
                                + "gateway: the proxy or Microsoft Entra application proxy in front of NDES could not reach "
                                + "it (504 Gateway Timeout: the application proxy connector service is down).")
                        .withRemediation("Check the application proxy connector service (WAPCSvc) and that its connector "
                                + "server reaches the internal NDES URL; then probe the internal URL from that server.");
                case 401 -> Finding.fail("ENDPOINT_401", res.url() + " answered 401 Unauthorized: anonymous authentication "
                                + "is off, or Windows authentication is on, for CertSrv/mscep. Devices send no credentials, so "
                                + "every SCEP request is refused.")
                        .withRemediation("%windir%\\system32\\inetsrv\\appcmd.exe set config \"Default Web Site/CertSrv/mscep\" "
                                + "-section:system.webServer/security/authentication/anonymousAuthentication /enabled:true "
                                + "/commit:apphost (and windowsAuthentication /enabled:false there), then iisreset.")
                        .withReference(TROUBLESHOOT);
                case 404 -> Finding.fail("ENDPOINT_404", res.url() + " answered 404: the URL is wrong or the "
                                + "CertSrv/mscep application is missing.")
                        .withRemediation("Use https://<host>/certsrv/mscep/mscep.dll; if the path is right, re-run the NDES "
                                + "role configuration.");
                default -> Finding.warn("ENDPOINT_UNEXPECTED_STATUS", res.url() + " answered " + status
                                + ", which NDES does not normally send.")
                        .withRemediation("Look at the IIS log of the server for this request (status, substatus, win32 status).");
            };
            f = f.withEvidence("httpStatus", status);
        }
        return CheckResult.of(f.withEvidence("url", res.url()));
    }
}
