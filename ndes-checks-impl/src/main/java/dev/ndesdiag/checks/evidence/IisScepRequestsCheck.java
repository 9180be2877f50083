package dev.ndesdiag.checks.evidence;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.history.Codes;
import dev.ndesdiag.history.Judgement;
import dev.ndesdiag.history.Outcome;
import dev.ndesdiag.history.ScepRequests;
import dev.ndesdiag.history.TimeFrame;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges what devices got from the SCEP site: the requests to {@code /certsrv/mscep/mscep.dll} and
 * the Intune registration point in the IIS W3C logs, by kind (bare GET, GetCACaps, GetCACert,
 * PKIOperation, VerifyRequest, Notify). The latest request of a kind failing at the server level
 * (500 0 1346, 500 0 87, 503, 401, 403.16 on VerifyRequest, 414 / 404.14 / 404.15, a 200 on the bare
 * GET) is FAIL, decoded, with the configuration check that explains it; a kind that failed recently
 * but whose latest succeeded is WARN. Transport only: whether a certificate was issued is in NDES
 * event 31 and the connector's events. Requests of ndes-diag's own probe are set aside.
 */
public final class IisScepRequestsCheck extends AbstractCheck {

    static final String ID = ScepRequests.CHECK_ID;

    /** Creates the check. */
    public IisScepRequestsCheck() {
        super(CheckDescriptor.of(ID, "The SCEP requests in the IIS log succeeded (mscep.dll and the registration point)", Category.EVENTS)
                .withSymptoms("HTTP 500", "HTTP 503", "HTTP 403.16", "HTTP 404.15", "HTTP 414", "devices get no certificate")
                .requires(NdesInputs.IIS_LOGS)
                .withReferences("https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes",
                        "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-reporting",
                        "https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/sitedefaults/logfile/"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        TimeFrame frame = TimeFrame.of(context.manifest());
        ScepRequests.Result r = ScepRequests.read(context.snapshot(), context.get(NdesInputs.IIS_LOGS), frame);
        List<Finding> findings = new ArrayList<>(HistoryFindings.unreadable(r.scan()));
        if (r.history().isEmpty()) {
            String why = r.history().ownProbe() > 0
                    ? "The IIS logs hold only the requests of ndes-diag's own probe (" + r.history().ownProbe() + "), no device's."
                    : "The IIS logs hold no request to /certsrv/mscep/mscep.dll or /CertificateRegistrationSvc ("
                            + r.scan().entries() + " other requests read).";
            findings.add(HistoryFindings.withScan(Finding.skipped("NO_SCEP_REQUESTS", why + " Collect the logs of the site that hosts "
                    + "/CertSrv/mscep, covering the time devices failed."), r.scan()));
            return CheckResult.of(findings);
        }
        for (Judgement j : r.history().judgements()) {
            Optional<Outcome> failure = j.latestFailure();
            HistoryFindings.Decoded d = failure.map(o -> decode(j.kind(), o))
                    .orElse(new HistoryFindings.Decoded("", Optional.empty(), ""));
            findings.add(HistoryFindings.withScan(HistoryFindings.of(j, j.kind() + " request", "SCEP_REQUESTS", frame, d, ID), r.scan()));
        }
        HistoryFindings.ownProbe(r.history(), "requests").ifPresent(findings::add);
        return CheckResult.of(findings);
    }

    /** What a failed request of a kind means. */
    static HistoryFindings.Decoded decode(String kind, Outcome o) {
        String code = o.code();
        if (kind.equals(ScepRequests.BARE_GET) && code.startsWith("200")) {
            return new HistoryFindings.Decoded("200 on the bare GET: NDES answered its own page, so the Intune policy module is "
                    + "not loaded (with it, the bare GET answers 403).", Optional.of("ndes-policy-ssl-binding"),
                    "Check HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy (NDESCertThumbprint) and reinstall "
                            + "the certificate connector's SCEP feature, then iisreset.");
        }
        if (kind.equals("VerifyRequest") && code.startsWith("403.16")) {
            return new HistoryFindings.Decoded(Codes.describe(code) + ": the registration point refused the policy module's "
                    + "client certificate because its chain does not verify on this server (often intermediates in the Root store).",
                    Optional.of("root-store-intermediates"),
                    Codes.fix("403.16").orElse("Move non-self-signed certificates out of LocalMachine\\Root, then iisreset."));
        }
        // 414 needs no case of its own: the dictionary's "414" entry names http-sys-limits for every 414.x.y
        return HistoryFindings.decode(o, "Read the IIS substatus and Win32 status with ndes-diag explain "
                + code + " and fix what it names.");
    }
}
