package dev.ndesdiag.checks.connector;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.SystemInfo;
import dev.ndesdiag.connector.ConnectorReleases;
import dev.ndesdiag.inputs.AuthorityInputs;
import dev.ndesdiag.inputs.NdesInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The connector updates itself: "Intune can automatically update the connector to the latest version
 * shortly after that connector version is released", through the Azure update service
 * (autoupdate.msappproxy.net:443; Learn, certificate-connector-overview, "Automatic update"). The
 * updater is the Microsoft Entra (Azure AD) Connect Agent Updater ({@code AzureADConnectAgentUpdater}),
 * which logs to {@code Microsoft-AzureADConnect-AgentUpdater/Admin}; Microsoft's Validate-NDESConfiguration
 * reads that channel's errors and warnings ("Microsoft Azure AD Agent updater handle updating job of
 * NDES Cert Connector") and lists the service among the connector's.
 *
 * <p>Microsoft documents no event IDs for the updater, so the check judges levels only: errors or
 * warnings in the {@value #WINDOW_DAYS} days before collection are a WARN (auto-update is failing;
 * the connector falls out of its six-month support window), older ones are reported as such, and a
 * stopped or disabled updater service is a WARN. The message text is quoted, never interpreted.
 */
public final class ConnectorAutoUpdateCheck extends AbstractCheck {

    static final String UPDATER_SERVICE = "AzureADConnectAgentUpdater";
    static final int WINDOW_DAYS = 7;
    static final String FILE = "events/Microsoft-AzureADConnect-AgentUpdater_Admin.xml";
    static final String VALIDATE_NDES = "https://github.com/markstan/Validate-NDESConfiguration";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ConnectorAutoUpdateCheck() {
        super(CheckDescriptor.of("connector-auto-update",
                        "The connector's updater (Azure AD Connect Agent Updater) runs and logs no recent error",
                        Category.CONNECTOR)
                .withSymptoms("connector out of support", "connector Warning or Error status in the Intune admin center")
                .requires(AuthorityInputs.UPDATER_EVENTS)
                .uses(NdesInputs.SYSTEM)
                .withReferences(ConnectorReleases.shipped().lifecycle(), VALIDATE_NDES));
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        context.find(NdesInputs.SYSTEM).flatMap(s -> s.service(UPDATER_SERVICE)).flatMap(ConnectorAutoUpdateCheck::service)
                .ifPresent(findings::add);
        Instant now = context.now();
        Instant from = now.minus(Duration.ofDays(WINDOW_DAYS));
        // the export holds every level; critical (1), error (2) and warning (3) are judged
        List<EventRecord> problems = context.get(AuthorityInputs.UPDATER_EVENTS).stream()
                .filter(e -> e.level().isPresent() && e.level().getAsInt() >= 1 && e.level().getAsInt() <= 3)
                .sorted(Comparator.comparing((EventRecord e) -> e.timeCreated().orElse(Instant.EPOCH)).reversed()).toList();
        List<EventRecord> recent = problems.stream().filter(e -> e.timeCreated().filter(t -> !t.isBefore(from)).isPresent()).toList();
        if (!recent.isEmpty()) {
            EventRecord newest = recent.get(0);
            findings.add(Finding.warn("CONNECTOR_UPDATER_ERRORS", recent.size() + " error or warning event(s) of the connector's "
                            + "updater in the " + WINDOW_DAYS + " days before collection; the newest, at " + at(newest) + " (event "
                            + newest.eventId() + "): " + message(newest) + ". While the updater fails, the connector stays at its "
                            + "release and leaves Microsoft's six-month support window.")
                    .withEvidence("file", FILE).withEvidence("count", recent.size())
                    .withEvidence("newestEventId", newest.eventId()).withEvidence("newestAt", at(newest))
                    .withEvidence("provider", newest.provider())
                    .withRemediation("Let the server reach autoupdate.msappproxy.net:443 (through the connector's proxy), keep the "
                            + UPDATER_SERVICE + " service running, and read the updater's Admin log (Applications and Services "
                            + "Logs > Microsoft > AzureADConnect > AgentUpdater); or update the connector by hand with the "
                            + "installer from the Intune admin center.")
                    .withReference(ConnectorReleases.shipped().lifecycle()));
        } else if (!problems.isEmpty()) {
            EventRecord newest = problems.get(0);
            findings.add(Finding.pass("CONNECTOR_UPDATER_ERRORS_LONG_AGO", "The updater's Admin log holds " + problems.size()
                            + " error or warning event(s), none in the " + WINDOW_DAYS + " days before collection; the newest at "
                            + at(newest) + " (event " + newest.eventId() + ").")
                    .withEvidence("file", FILE).withEvidence("newestAt", at(newest)));
        } else {
            findings.add(Finding.pass("CONNECTOR_UPDATER_QUIET", "The updater's Admin log holds no error or warning event.")
                    .withEvidence("file", FILE));
        }
        return CheckResult.of(findings);
    }

    private static Optional<Finding> service(SystemInfo.Service s) {
        boolean disabled = s.startType().filter(t -> t.equalsIgnoreCase("Disabled")).isPresent();
        if (s.status().equalsIgnoreCase("Running") && !disabled) {
            return Optional.of(Finding.pass("CONNECTOR_UPDATER_RUNNING", UPDATER_SERVICE + " runs.").withEvidence("service", s.name()));
        }
        return Optional.of(Finding.warn("CONNECTOR_UPDATER_STOPPED", "The connector's updater service " + UPDATER_SERVICE + " is "
                        + s.status() + s.startType().map(t -> " (start type " + t + ")").orElse("") + ": the connector does not "
                        + "update itself and leaves Microsoft's six-month support window.")
                .withEvidence("service", s.name()).withEvidence("status", s.status())
                .withEvidence("startType", s.startType().orElse(""))
                .withRemediation("Set-Service " + UPDATER_SERVICE + " -StartupType Automatic; Start-Service " + UPDATER_SERVICE
                        + " (or update the connector by hand)."));
    }

    private static String at(EventRecord e) {
        return e.timeCreated().map(Instant::toString).orElse("an unknown time");
    }

    private static String message(EventRecord e) {
        String m = e.message().orElse(String.join(" | ", e.data())).strip();
        return m.isEmpty() ? "(no message)" : m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
