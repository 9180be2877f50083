package dev.ndesdiag.checks.evidence;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.history.ConnectorEvents;
import dev.ndesdiag.history.Judgement;
import dev.ndesdiag.history.Outcome;
import dev.ndesdiag.history.OutcomeHistory;
import dev.ndesdiag.history.ScepRequests;
import dev.ndesdiag.history.TimeFrame;
import dev.ndesdiag.inputs.NdesInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges the Certificate Connector for Microsoft Intune's Admin channel: SCEP outcomes (4000
 * success, 4001 issue failure, 4002 upload failure) follow the systematic rule (FAIL when the three
 * latest failed or every recent one did, WARN for other recent failures); recent PKCS, PKCS import
 * and revocation failures (1001, 2001, 3001) are WARN.
 */
public final class ConnectorEventsCheck extends AbstractCheck {

    static final String ID = ConnectorEvents.CHECK_ID;
    private static final String OVERVIEW = "https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-overview";

    /** Creates the check. */
    public ConnectorEventsCheck() {
        super(CheckDescriptor.of(ID, "The certificate connector processed SCEP, PKCS and revocation requests (connector events)",
                        Category.EVENTS)
                .withSymptoms("devices get no certificate", "connector event 4001", "connector event 4002")
                .requires(NdesInputs.CONNECTOR_ADMIN)
                .uses(NdesInputs.IIS_LOGS)
                .withReferences(OVERVIEW,
                        "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-certificate-connector-events"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        TimeFrame frame = TimeFrame.of(context.manifest());
        List<Instant> probe = context.find(NdesInputs.IIS_LOGS).map(l -> ScepRequests.read(context.snapshot(), l, frame).ownProbeTimes())
                .orElse(List.of());
        OutcomeHistory h = ConnectorEvents.read(context.snapshot(), context.get(NdesInputs.CONNECTOR_ADMIN), probe, frame);
        if (h.isEmpty()) {
            return CheckResult.of(Finding.skipped("NO_CONNECTOR_REQUESTS", "The connector's Admin channel export holds no request "
                    + "event (4000-4002, 1000/1001, 2000/2001, 3000/3001)"
                    + (h.ownProbe() > 0 ? " except those of ndes-diag's own probe" : "") + ": no request since it was cleared, "
                    + "or it was exported at errors only (4000 is Information): " + NdesInputs.CONNECTOR_ADMIN.collectCommand()));
        }
        List<Finding> findings = new ArrayList<>();
        for (Judgement j : h.judgements()) {
            if (j.kind().equals(ConnectorEvents.SCEP)) {
                findings.add(HistoryFindings.of(j, "SCEP request the connector processed", "SCEP_REQUESTS", frame,
                        j.latestFailure().map(ConnectorEventsCheck::decode).orElse(new HistoryFindings.Decoded("", Optional.empty(), "")),
                        ID));
            } else {
                findings.add(other(j, frame));
            }
        }
        HistoryFindings.ownProbe(h, "SCEP failures caused by the test request").ifPresent(findings::add);
        return CheckResult.of(findings);
    }

    private static Finding other(Judgement j, TimeFrame frame) {
        Optional<Outcome> failure = j.latestFailure();
        String code = j.kind().toUpperCase(java.util.Locale.ROOT).replace(' ', '_');
        if (failure.isEmpty()) {
            return Finding.pass(code + "S_OK", "The latest " + j.kind() + " (" + j.latest().at() + ") succeeded.")
                    .withEvidence("latest", j.latest().at().toString());
        }
        Outcome f = failure.get();
        String sentence = j.failures() + " " + j.kind() + " failure(s), " + j.recentFailures() + " in the 24 h before collection; the "
                + "latest at " + f.at() + " (" + f.code() + "): " + f.message();
        if (!frame.isRecent(f.at())) {
            return Finding.pass(code + "_FAILURES_LONG_AGO", sentence).withEvidence("latestFailure", f.at().toString());
        }
        return Finding.warn(code + "_FAILURES", sentence)
                .withEvidence("latestFailure", f.at().toString())
                .withEvidence("failureCode", f.code())
                .withEvidence("recentFailures", j.recentFailures())
                .withRemediation("Read the event's details (they name the request and the error) in Event Viewer > Applications and "
                        + "Services Logs > Microsoft > Intune > CertificateConnectors > Admin; check the connector's account rights on "
                        + "the CA and its connection to Intune (proxy).")
                .withReference(OVERVIEW);
    }

    /** What a failed SCEP request means. */
    static HistoryFindings.Decoded decode(Outcome o) {
        if (o.code().equals("CONNECTOR-4002")) {
            return new HistoryFindings.Decoded("4002 ScepRequestUploadFailure: the certificate was issued but the connector could not "
                    + "notify Intune, so the device does not get it reported.", Optional.of("connector-certificate"),
                    "Check the connector's connection to Intune (proxy, TLS inspection) and its agent certificate; see "
                            + "connector-certificate.");
        }
        return new HistoryFindings.Decoded("4001 ScepRequestIssuedFailure: the CA did not issue the certificate for the request (the "
                + "event names the error).", Optional.of("mscep-templates"),
                "Read the error in the event; check the SCEP template (mscep-templates), the CA (ca-ping) and the NDES service "
                        + "account's Enroll permission on the template.");
    }
}
