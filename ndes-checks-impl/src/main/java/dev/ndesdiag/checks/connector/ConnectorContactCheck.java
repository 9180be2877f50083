package dev.ndesdiag.checks.connector;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.EventLevel;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.connector.ConnectorRegistry;
import dev.ndesdiag.inputs.NdesInputs;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When the connector last talked to Intune ({@code ConnectionStatus\LastConnectionTime}), what it
 * reports itself ({@code IssueDetails}), and its request failures in its Admin log during the two days
 * before collection (events 1001, 1201, 2001, 3001, 4001, 4002: Microsoft Learn,
 * certificate-connector-overview, "Event IDs"). The connector contacts Intune continuously; a day
 * without contact is a warning, a week a failure.
 */
public final class ConnectorContactCheck extends AbstractCheck {

    static final String LOG = "Microsoft-Intune-CertificateConnectors/Admin";
    static final Input<List<EventRecord>> ADMIN = Inputs.events(LOG, "Microsoft-Intune-CertificateConnectors",
            EventLevel.ERROR, EventLevel.WARNING);
    static final Set<Integer> FAILURES = Set.of(1001, 1201, 2001, 3001, 4001, 4002);
    static final Duration STALE = Duration.ofHours(24);
    static final Duration LOST = Duration.ofDays(7);
    static final Duration EVENT_WINDOW = Duration.ofDays(2);
    static final String OVERVIEW = "https://learn.microsoft.com/en-us/intune/intune-service/protect/certificate-connector-overview";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ConnectorContactCheck() {
        super(CheckDescriptor.of("connector-contact",
                        "The connector talked to Intune recently and reports no issue or request failures", Category.CONNECTOR)
                .withSymptoms("devices get no SCEP certificate", "connector events 4001, 4002")
                .requires(NdesInputs.INTUNE)
                .uses(ADMIN)
                .withReferences(OVERVIEW));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Registry intune = context.get(NdesInputs.INTUNE);
        Optional<CheckResult> notConfigured = ConnectorRegistry.skippedWhenAbsent(intune);
        if (notConfigured.isPresent()) {
            return notConfigured.get();
        }
        List<Finding> findings = new ArrayList<>();
        Instant now = context.now();
        Optional<RegistryValue> last = ConnectorRegistry.value(intune, "ConnectionStatus", "LastConnectionTime")
                .or(() -> ConnectorRegistry.value(intune, "", "LastConnectionTime"));
        List<InputProblem> problems = context.problems(NdesInputs.INTUNE);
        Optional<InputProblem> broken = ConnectorRegistry.unreadable(intune, "ConnectionStatus", "LastConnectionTime", problems)
                .or(() -> ConnectorRegistry.unreadable(intune, "", "LastConnectionTime", problems));
        if (last.isEmpty() && broken.isPresent()) {
            findings.add(broken.get().toFinding());
        } else if (last.isEmpty()) {
            findings.add(Finding.skipped("CONNECTOR_CONTACT_UNKNOWN", "The connector's registry holds no LastConnectionTime, so "
                    + "when it last talked to Intune is unknown."));
        } else {
            Optional<Instant> when = instant(last.get());
            if (when.isEmpty()) {
                findings.add(Finding.error("CONNECTOR_CONTACT_UNREADABLE", "LastConnectionTime in registry/intune.reg is not a time "
                                + "this reader knows: \"" + last.get().display() + "\".")
                        .withEvidence("file", "registry/intune.reg").withEvidence("key", ConnectorRegistry.KEY + "\\ConnectionStatus")
                        .withEvidence("raw", last.get().display()));
            } else {
                Duration since = Duration.between(when.get(), now);
                String ago = since.toHours() >= 48 ? since.toDays() + " days" : since.toHours() + " hours";
                if (since.compareTo(LOST) > 0) {
                    findings.add(stale(Finding.fail("CONNECTOR_CONTACT_LOST", "The connector last talked to Intune " + ago
                            + " before collection (" + when.get() + "). Intune marks it unhealthy and sends its SCEP challenges "
                            + "nowhere: devices' requests fail validation at the policy module."), when.get()));
                } else if (since.compareTo(STALE) > 0) {
                    findings.add(stale(Finding.warn("CONNECTOR_CONTACT_STALE", "The connector last talked to Intune " + ago
                            + " before collection (" + when.get() + ")."), when.get()));
                } else {
                    findings.add(Finding.pass("CONNECTOR_CONTACT_RECENT", "The connector talked to Intune " + ago
                            + " before collection.").withEvidence("lastConnection", when.get().toString()));
                }
            }
        }
        Optional<String> issue = ConnectorRegistry.text(intune, "ConnectionStatus", "IssueDetails")
                .or(() -> ConnectorRegistry.text(intune, "", "IssueDetails")).map(String::strip).filter(s -> !s.isEmpty());
        issue.ifPresent(i -> findings.add(Finding.warn("CONNECTOR_REPORTS_ISSUE", "The connector reports an issue: " + i)
                .withEvidence("IssueDetails", i)
                .withRemediation("Act on the issue it names; the connector's Operational log has the details.")
                .withReference(OVERVIEW)));
        Optional<List<EventRecord>> events = context.find(ADMIN);
        if (events.isPresent()) {
            List<EventRecord> failures = events.get().stream().filter(e -> FAILURES.contains(e.eventId()))
                    .filter(e -> e.timeCreated().filter(t -> !t.isBefore(now.minus(EVENT_WINDOW))).isPresent()).toList();
            if (!failures.isEmpty()) {
                EventRecord newest = failures.stream().max(java.util.Comparator.comparing(e -> e.timeCreated().orElseThrow())).orElseThrow();
                findings.add(Finding.warn("CONNECTOR_REQUEST_FAILURES", failures.size() + " request failures in the connector's Admin "
                                + "log in the two days before collection (events " + String.join(", ", failures.stream()
                                .map(e -> Integer.toString(e.eventId())).distinct().sorted().toList()) + "); the newest: "
                                + newest.message().map(m -> m.length() > 200 ? m.substring(0, 200) + "..." : m).orElse("(no message)"))
                        .withEvidence("count", failures.size()).withEvidence("newestAt", newest.timeCreated().orElseThrow().toString())
                        .withEvidence("newestId", newest.eventId())
                        .withRemediation("Read the events in Event Viewer (Applications and Services Logs > Microsoft > Intune > "
                                + "Certificate Connectors > Admin); 4001 and 4002 name the SCEP request and the error.")
                        .withReference(OVERVIEW));
            } else if (findings.stream().noneMatch(f -> f.status() == dev.ndesdiag.api.Status.FAIL)) {
                findings.add(Finding.pass("CONNECTOR_NO_REQUEST_FAILURES", "No request failures in the connector's Admin log in the "
                        + "two days before collection."));
            }
        }
        return CheckResult.of(findings);
    }

    private static Finding stale(Finding f, Instant when) {
        return f.withEvidence("lastConnection", when.toString())
                .withRemediation("Check the connector's services (connector-services), its proxy (connector-proxy) and the path to "
                        + "the Intune endpoints (connector-endpoints), then read its Operational log for the failing calls.")
                .withReference(OVERVIEW);
    }

    /** The time of the value: ISO 8601, the US date format .NET writes by default, or a FILETIME number. */
    static Optional<Instant> instant(RegistryValue v) {
        if (v.number().isPresent()) {
            long filetime = v.number().getAsLong();
            return Optional.of(Instant.ofEpochSecond(filetime / 10_000_000L - 11_644_473_600L, (filetime % 10_000_000L) * 100));
        }
        Optional<String> s = v.string().map(String::strip);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String t = s.get();
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Optional.of(LocalDateTime.parse(t, DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US))
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
