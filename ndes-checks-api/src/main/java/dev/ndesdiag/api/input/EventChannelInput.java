package dev.ndesdiag.api.input;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.EventLevel;
import dev.ndesdiag.api.snapshot.EventLogs;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The events of one provider in one event log, at the levels a check needs: present when the log
 * was exported ({@code events/<log>.xml}); the check gets that provider's events.
 *
 * @param log the log, such as {@code Application} or {@code Microsoft-Intune-CertificateConnectors/Admin}; never null
 * @param provider the provider, such as {@code Microsoft-Windows-NetworkDeviceEnrollmentService}; never null
 * @param levels the levels the check reads; never null or empty
 * @since 0.2.0
 */
public record EventChannelInput(String log, String provider, Set<EventLevel> levels) implements Input<List<EventRecord>> {

    /** Validates and copies the components. */
    public EventChannelInput {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(provider, "provider");
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("an event input needs at least one level");
        }
        levels = Set.copyOf(EnumSet.copyOf(levels));
    }

    @Override
    public SnapshotPart part() {
        return SnapshotPart.EVENTS;
    }

    @Override
    public String what() {
        return "the " + provider + " events of the " + log + " log (events/" + fileName() + ")";
    }

    @Override
    public String collectCommand() {
        return "wevtutil qe " + log + " /q:\"" + query() + "\" /f:xml /rd:true /c:2000 > events\\" + fileName();
    }

    /**
     * Returns the event XPath that selects this provider at these levels.
     *
     * @return the query; never null
     */
    public String query() {
        String lv = EnumSet.copyOf(levels).stream().map(l -> "Level=" + l.number()).collect(Collectors.joining(" or "));
        return "*[System[Provider[@Name='" + provider + "'] and (" + lv + ")]]";
    }

    /**
     * Returns the export's file name in the bundle.
     *
     * @return such as {@code Application.xml}; never null
     */
    public String fileName() {
        return log.replace('/', '_') + ".xml";
    }

    @Override
    public Part<List<EventRecord>> find(Snapshot snapshot) {
        Part<EventLogs> events = snapshot.events();
        if (!events.isPresent()) {
            return events.notPresent();
        }
        Optional<List<EventRecord>> all = events.value().orElseThrow().log(log);
        return all.map(list -> Part.present(part(), list.stream().filter(e -> e.provider().equalsIgnoreCase(provider)).toList(),
                        events.problems()))
                .orElseGet(() -> Part.absent(part()));
    }

    @Override
    public boolean covers(Input<?> declared) {
        return declared instanceof EventChannelInput other && other.log.equalsIgnoreCase(log)
                && (other.provider.equalsIgnoreCase(provider) || provider.equals("*")) && levels.containsAll(other.levels);
    }
}
