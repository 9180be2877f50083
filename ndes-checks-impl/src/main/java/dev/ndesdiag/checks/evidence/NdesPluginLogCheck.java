package dev.ndesdiag.checks.evidence;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.history.Judgement;
import dev.ndesdiag.history.Outcome;
import dev.ndesdiag.history.PluginLog;
import dev.ndesdiag.history.TimeFrame;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges the Intune NDES policy module's log (NDESPlugin.log): the latest VerifyRequest to the
 * certificate registration point failing at the server level (WinHTTP 12175 with its
 * {@code WINHTTP_CALLBACK_STATUS_FLAG_*}, a 403 or 5xx from the registration point, a time-out, a
 * proxy error) is FAIL; rejected challenges follow the systematic rule; recovered failures are WARN
 * when recent; PASS when the latest VerifyRequest succeeded. The legacy connector's policy module
 * writes this log; the Certificate Connector for Microsoft Intune logs to its event channels, which
 * {@code connector-events} judges.
 */
public final class NdesPluginLogCheck extends AbstractCheck {

    static final String ID = PluginLog.CHECK_ID;
    private static final String POLICY_MODULE =
            "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module";

    /** Creates the check. */
    public NdesPluginLogCheck() {
        super(CheckDescriptor.of(ID, "The NDES policy module's VerifyRequest calls succeeded (NDESPlugin.log)", Category.EVENTS)
                .withSymptoms("HTTP 500", "error 12175", "Verify challenge returns false", "HTTP 403 from the registration point")
                .requires(NdesInputs.PLUGIN_LOG)
                .withReferences(POLICY_MODULE,
                        "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-profiles",
                        "https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-overview"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        TimeFrame frame = TimeFrame.of(context.manifest());
        PluginLog.Result r = PluginLog.read(context.snapshot(), context.get(NdesInputs.PLUGIN_LOG),
                context.manifest().host().utcOffsetMinutes(), frame);
        List<Finding> findings = new ArrayList<>(HistoryFindings.unreadable(r.scan()));
        Optional<Judgement> verify = r.history().kind(PluginLog.VERIFY).map(k -> k.judge());
        Optional<Judgement> init = r.history().kind(PluginLog.INITIALIZE).map(k -> k.judge());
        if (verify.isEmpty()) {
            findings.add(HistoryFindings.withScan(Finding.skipped("NO_VERIFY_REQUEST", "NDESPlugin.log records no VerifyRequest ("
                    + r.scan().entries() + " records read). The legacy Microsoft Intune Connector's policy module writes it; the "
                    + "Certificate Connector for Microsoft Intune logs SCEP requests to Microsoft-Intune-CertificateConnectors/Admin "
                    + "and /Operational instead, so connector-events judges them."), r.scan()));
        }
        init.filter(j -> j.latest().failed()).ifPresent(j -> findings.add(HistoryFindings.withScan(
                HistoryFindings.of(j, "policy module start (Initialize)", "POLICY_MODULE_START", frame, decode(j.latest()), ID), r.scan())));
        verify.ifPresent(j -> findings.add(HistoryFindings.withScan(HistoryFindings.of(j, "VerifyRequest", "VERIFY_REQUEST", frame,
                j.latestFailure().map(NdesPluginLogCheck::decode).orElse(new HistoryFindings.Decoded("", Optional.empty(), "")), ID),
                r.scan())));
        r.history().kind(PluginLog.NOTIFY).map(k -> k.judge()).filter(j -> j.latestFailure().isPresent())
                .ifPresent(j -> findings.add(HistoryFindings.of(j, "Notify", "NOTIFY", frame, decode(j.latestFailure().get()), ID)));
        if (r.localTimeOnly()) {
            findings.add(Finding.pass("LOCAL_TIMES", "NDESPlugin.log writes local time without an offset and the bundle does not say "
                    + "the server's (host.utcOffsetMinutes): its times were read as UTC, so \"recent\" may be off by the offset."));
        }
        return CheckResult.of(findings);
    }

    /** What a failed call means. */
    static HistoryFindings.Decoded decode(Outcome o) {
        String code = o.code();
        switch (code) {
            case "VERIFY-CHALLENGE-FALSE" -> {
                return new HistoryFindings.Decoded("the registration point rejected the device's challenge (\"Verify challenge returns "
                        + "false\"): an expired or reused challenge, a profile the device no longer has, or the connector's "
                        + "signing certificate not found.", Optional.of("connector-certificate"),
                        "Read the request in the connector's logs (CertificateRegistrationPoint svclog or connector events) and "
                                + "re-sync the device; when every challenge is rejected, reinstall the connector's SCEP feature.");
            }
            case "403" -> {
                return new HistoryFindings.Decoded("403 Forbidden from the registration point: it refused the policy module's client "
                        + "certificate (NDESCertThumbprint) or its chain.", Optional.of("ndes-policy-ssl-binding"),
                        "Point MSCEP\\Modules\\NDESPolicy\\NDESCertThumbprint at a valid client authentication certificate and check "
                                + "its chain (root-store-intermediates), then iisreset.");
            }
            case "PROXY" -> {
                return new HistoryFindings.Decoded("a proxy error between the policy module and the registration point.",
                        Optional.empty(), "Check the WinHTTP proxy as SYSTEM (netsh winhttp show proxy) and bypass it for the NDES "
                                + "server's own name.");
            }
            default -> {
                if (code.startsWith("5")) {
                    return new HistoryFindings.Decoded(code + " from the registration point (CertificateRegistrationSvc): its "
                            + "application failed, often Windows authentication enabled on it.", Optional.of("crp-authentication"),
                            "Enable anonymous and disable Windows authentication on CertificateRegistrationSvc, then iisreset.");
                }
                return HistoryFindings.decode(o, "Decode it with ndes-diag explain " + code + " and fix what it names.");
            }
        }
    }
}
