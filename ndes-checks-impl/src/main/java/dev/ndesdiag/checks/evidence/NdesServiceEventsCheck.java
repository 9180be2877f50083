package dev.ndesdiag.checks.evidence;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.history.Codes;
import dev.ndesdiag.history.Judgement;
import dev.ndesdiag.history.NdesServiceEvents;
import dev.ndesdiag.history.ScepRequests;
import dev.ndesdiag.history.TimeFrame;
import dev.ndesdiag.inputs.NdesInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Judges the NDES service's own events ({@code Microsoft-Windows-NetworkDeviceEnrollmentService},
 * Application log): FAIL when its latest start attempt failed (event 2 or 10 with no later event 1),
 * naming the cause from the events around it (10: an RA certificate or its key; 8: the CA; 53: the
 * policy module) with the HRESULT decoded; WARN when one request's errors (31 submit, 18 decrypt,
 * ...) came in the 24 h before collection after the latest successful start; PASS when the latest
 * start succeeded and nothing recent followed. The errors the own probe's test request causes are
 * set aside when the IIS log shows the probe.
 */
public final class NdesServiceEventsCheck extends AbstractCheck {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    static final String ID = NdesServiceEvents.CHECK_ID;
    /** How long before a failed start its cause events are looked for. */
    static final Duration CAUSE_WINDOW = Duration.ofMinutes(5);
    private static final String EVENTS =
            "https://www.gradenegger.eu/en/overview-of-windows-events-generated-by-the-network-device-registration-service-ndes/";

    /** Creates the check. */
    public NdesServiceEventsCheck() {
        super(CheckDescriptor.of(ID, "The NDES service started and records no recent request errors (NDES events)", Category.EVENTS)
                .withSymptoms("HTTP 500", "NDES event 2", "NDES event 10", "NDES event 31")
                .requires(NdesInputs.NDES_EVENTS)
                .uses(NdesInputs.IIS_LOGS)
                .withReferences(EVENTS,
                        "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-device-to-ndes",
                        "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/devices-receive-scep-certificates-error-0x80094800"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        TimeFrame frame = TimeFrame.of(context.manifest());
        List<EventRecord> events = context.get(NdesInputs.NDES_EVENTS);
        List<Instant> probe = context.find(NdesInputs.IIS_LOGS).map(l -> ScepRequests.read(context.snapshot(), l, frame).ownProbeTimes())
                .orElse(List.of());
        NdesServiceEvents.Result r = NdesServiceEvents.read(context.snapshot(), events, probe, frame);
        if (r.events().isEmpty()) {
            return CheckResult.of(Finding.skipped("NO_NDES_EVENTS", "The Application log export holds no event of "
                    + NdesServiceEvents.PROVIDER + (r.history().ownProbe() > 0 ? " except those of ndes-diag's own probe" : "")
                    + ", so it cannot say whether NDES started. Export it at every level (event 1 is Information): "
                    + NdesInputs.NDES_EVENTS.collectCommand()));
        }
        List<Finding> findings = new ArrayList<>();
        Optional<Instant> lastStart = Optional.empty();
        Optional<Judgement> start = r.history().kind(NdesServiceEvents.START).map(k -> k.judge());
        if (start.isPresent()) {
            Judgement j = start.get();
            lastStart = r.history().kind(NdesServiceEvents.START).flatMap(k -> k.latestSuccess()).map(o -> o.at());
            findings.add(startFinding(j, r.events(), frame));
        } else {
            findings.add(Finding.skipped("NO_START_EVENT", "The export holds NDES events but no start attempt (event 1, 2 or 10): "
                    + "the log rolled over since, or NDES has not started since it was cleared."));
        }
        findings.addAll(requestErrors(r.events(), lastStart, frame));
        HistoryFindings.ownProbe(r.history(), "NDES events caused by the test request").ifPresent(findings::add);
        return CheckResult.of(findings);
    }

    private static Finding startFinding(Judgement j, List<EventRecord> events, TimeFrame frame) {
        switch (j.verdict()) {
            case FAILING -> {
                Instant failedAt = j.latest().at();
                List<EventRecord> around = events.stream().filter(e -> {
                    Instant t = e.timeCreated().get();
                    return !t.isBefore(failedAt.minus(CAUSE_WINDOW)) && !t.isAfter(failedAt.plusSeconds(60)) && e.eventId() != 1;
                }).toList();
                Cause c = cause(around);
                return Finding.fail("NDES_START_FAILED", "NDES's latest start attempt failed at " + failedAt + " ("
                                + frame.ago(failedAt) + ") with no later event 1 \"started successfully\": every SCEP request gets "
                                + "HTTP 500. " + c.sentence())
                        .withEvidence("failedAt", failedAt.toString())
                        .withEvidence("events", around.stream().map(e -> "NDES-" + e.eventId()).distinct().toList())
                        .withEvidence("hresults", c.hresults())
                        .withEvidence("explainedBy", c.explainedBy())
                        .withEvidence("eventText", j.latest().message())
                        .withRemediation(c.fix() + " Then run iisreset and check that event 1 follows.")
                        .withReference(EVENTS);
            }
            case RECOVERED_RECENTLY -> {
                return Finding.warn("NDES_START_RECOVERED", "NDES failed to start at " + j.latestFailure().get().at() + " ("
                                + j.latestFailure().get().code() + ") and started at " + j.recoveredAt().map(o -> o.at().toString()).orElse("?")
                                + "; its latest start, at " + j.latest().at() + ", succeeded. A start that fails again gives HTTP 500.")
                        .withEvidence("failedAt", j.latestFailure().get().at().toString())
                        .withEvidence("failureText", j.latestFailure().get().message())
                        .withEvidence("startedAt", j.latest().at().toString())
                        .withRemediation("Read the failure's cause in the events before it (10: RA certificates, 8: the CA) and make sure "
                                + "it cannot return, e.g. renew an RA certificate before it expires.")
                        .withReference(EVENTS);
            }
            case RECOVERED_LONG_AGO -> {
                return Finding.pass("NDES_STARTED_AFTER_OLD_FAILURE", "NDES started at " + j.latest().at() + "; its last failed start, at "
                        + j.latestFailure().get().at() + ", is more than 24 h before collection.")
                        .withEvidence("startedAt", j.latest().at().toString());
            }
            default -> {
                return Finding.pass("NDES_STARTED", "NDES's latest start, at " + j.latest().at() + " (" + frame.ago(j.latest().at())
                        + "), succeeded (event 1).").withEvidence("startedAt", j.latest().at().toString());
            }
        }
    }

    /** What the events around a failed start say about its cause. */
    record Cause(String sentence, List<String> hresults, String explainedBy, String fix) {
    }

    static Cause cause(List<EventRecord> around) {
        Set<String> hresults = new LinkedHashSet<>();
        Set<Integer> ids = new LinkedHashSet<>();
        for (EventRecord e : around) {
            ids.add(e.eventId());
            hresults.addAll(Codes.hresults(e.message().orElse("") + " " + String.join(" ", e.data())));
        }
        String decoded = hresults.stream().map(h -> Codes.describe(h) + Codes.meaning(h).map(m -> ": " + m).orElse(""))
                .collect(Collectors.joining("; "));
        String codeText = decoded.isEmpty() ? "" : " The events give " + decoded + ".";
        String explainedBy;
        String what;
        if (ids.contains(10)) {
            what = "Event 10: NDES could not use one of its RA certificates (Exchange Enrollment Agent (Offline request), CEP "
                    + "Encryption) or their private keys: expired, missing, duplicated or unreadable by the pool identity.";
            explainedBy = "ra-certificates";
        } else if (ids.contains(8)) {
            what = "Event 8: NDES could not retrieve information from its CA (MSCEP\\CAInfo, RPC to the CA).";
            explainedBy = "ca-ping";
        } else if (ids.contains(53)) {
            what = "Event 53: the NDES policy module (Intune) could not start, often its certificate (NDESCertThumbprint).";
            explainedBy = "ndes-policy-ssl-binding";
        } else {
            what = "No cause event (10, 8, 53) precedes it in the export.";
            explainedBy = hresults.stream().map(Codes::explainedBy).flatMap(Optional::stream).findFirst().orElse("ra-certificates");
        }
        Map<String, String> fixes = new LinkedHashMap<>();
        fixes.put("ra-certificates", "Renew or repair the RA certificates (certreq with a RenewalCert INF), keep one time-valid certificate "
                + "per template, and grant the SCEP pool identity Read on their keys.");
        fixes.put("ca-ping", "Make the CA reachable from NDES (certutil -config <CA> -ping) and check MSCEP\\CAInfo.");
        fixes.put("ndes-policy-ssl-binding", "Point MSCEP\\Modules\\NDESPolicy\\NDESCertThumbprint at the valid certificate bound to HTTPS 443.");
        String fix = fixes.getOrDefault(explainedBy, hresults.stream().map(Codes::fix).flatMap(Optional::stream).findFirst()
                .orElse("Decode the HRESULT with ndes-diag explain and fix what it names."));
        return new Cause(what + codeText + " The configuration check " + explainedBy + " confirms it.", List.copyOf(hresults),
                explainedBy, fix);
    }

    private static List<Finding> requestErrors(List<EventRecord> events, Optional<Instant> lastStart, TimeFrame frame) {
        List<EventRecord> after = events.stream().filter(e -> NdesServiceEvents.REQUEST_ERRORS.contains(e.eventId()))
                .filter(e -> lastStart.map(s -> e.timeCreated().get().isAfter(s)).orElse(true)).toList();
        if (after.isEmpty()) {
            return List.of();
        }
        List<EventRecord> recent = after.stream().filter(e -> frame.isRecent(e.timeCreated().get())).toList();
        EventRecord latest = after.get(after.size() - 1);
        Map<String, Long> byId = after.stream().collect(Collectors.groupingBy(e -> "NDES-" + e.eventId(), LinkedHashMap::new,
                Collectors.counting()));
        List<String> hresults = Codes.hresults(latest.message().orElse("") + " " + String.join(" ", latest.data()));
        String code = "NDES-" + latest.eventId();
        String explainedBy = hresults.stream().map(Codes::explainedBy).flatMap(Optional::stream).findFirst()
                .or(() -> Codes.explainedBy(code)).orElse("mscep-templates");
        String decoded = hresults.stream().map(Codes::describe).collect(Collectors.joining(", "));
        String sentence = after.size() + " request error event(s) " + (lastStart.isPresent() ? "since NDES's latest start" : "")
                + " (" + byId + "), " + recent.size() + " in the 24 h before collection; the latest at " + latest.timeCreated().get()
                + ": " + Codes.describe(code) + (decoded.isEmpty() ? "" : " with " + decoded) + ". Each is one device's request that "
                + "got no certificate; the configuration check " + explainedBy + " explains the usual cause.";
        if (recent.isEmpty()) {
            return List.of(Finding.pass("NDES_OLD_REQUEST_ERRORS", sentence).withEvidence("latest", latest.timeCreated().get().toString()));
        }
        return List.of(Finding.warn("NDES_REQUEST_ERRORS", sentence)
                .withEvidence("byEvent", byId.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList())
                .withEvidence("recent", recent.size())
                .withEvidence("latest", latest.timeCreated().get().toString())
                .withEvidence("hresults", hresults)
                .withEvidence("explainedBy", explainedBy)
                .withEvidence("eventText", shorten(latest.message().orElse("")))
                .withRemediation(Codes.fix(hresults.isEmpty() ? code : hresults.get(0)).or(() -> Codes.fix(code))
                        .orElse("Decode the codes with ndes-diag explain.") + " Run ndes-diag check --only " + explainedBy + " to confirm.")
                .withReference(Codes.source(code).orElse(EVENTS)));
    }

    private static String shorten(String s) {
        String one = WHITESPACE.matcher(s).replaceAll(" ").strip();
        return one.length() > 300 ? one.substring(0, 299) + "…" : one;
    }
}
