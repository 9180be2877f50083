package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.EventLogs;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.XmlElement;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code events/*.xml}, the output of {@code wevtutil qe <LOG> /f:xml}: a sequence of
 * {@code <Event>} elements with no root, streamed so that a huge export is never loaded whole.
 * The log name is the file name with {@code _} read as {@code /}.
 */
final class EventsReader {

    private EventsReader() {
    }

    static Part<EventLogs> read(BundleSource source, BundleLimits limits) {
        List<String> files = source.files().keySet().stream()
                .filter(p -> p.toLowerCase(Locale.ROOT).startsWith("events/")
                        && p.toLowerCase(Locale.ROOT).endsWith(".xml") && p.indexOf('/', 7) < 0)
                .toList();
        if (files.isEmpty()) {
            return Part.absent(SnapshotPart.EVENTS);
        }
        List<InputProblem> problems = new ArrayList<>();
        Map<String, List<EventRecord>> logs = new LinkedHashMap<>();
        for (String file : files) {
            String log = file.substring("events/".length(), file.length() - 4).replace('_', '/');
            List<EventRecord> events = new ArrayList<>();
            int[] skipped = {0};
            try (Reader reader = new FragmentReader(TextDecoder.reader(
                    new BoundedInputStream(source.open(file), file, limits.maxEventLogBytes())), "Events")) {
                SafeXml.streamChildren(reader, "Event"::equals, e -> {
                    Optional<EventRecord> record = toRecord(log, e);
                    if (record.isEmpty()) {
                        skipped[0]++;
                        return true;
                    }
                    if (events.size() >= limits.maxEventsPerLog()) {
                        // an event past the bound: a log of exactly the bound is whole, and is not said to hold more
                        problems.add(InputProblem.of(SnapshotPart.EVENTS, file, "holds more than "
                                + limits.maxEventsPerLog() + " events; only the first (newest) were read"));
                        return false;
                    }
                    events.add(record.get());
                    return true;
                });
                logs.put(log, events);
            } catch (BoundedInputStream.LimitReached e) {
                problems.add(InputProblem.of(SnapshotPart.EVENTS, file, "is more than the " + limits.maxEventLogBytes()
                        + " bytes read of one event log; the " + events.size() + " events before that point were read"));
                logs.put(log, events);
            } catch (IOException e) {
                problems.add(InputProblem.of(SnapshotPart.EVENTS, file, "cannot be read: " + e.getMessage()));
            } catch (InvalidInputException e) {
                if (BoundedInputStream.LimitReached.in(e)) {
                    problems.add(InputProblem.of(SnapshotPart.EVENTS, file, "is more than the " + limits.maxEventLogBytes()
                            + " bytes read of one event log; the " + events.size() + " events before that point were read"));
                    logs.put(log, events);
                } else {
                    problems.add(InputProblem.of(SnapshotPart.EVENTS, file, e.getMessage()
                            + (events.isEmpty() ? "" : "; the " + events.size() + " events before it were kept")));
                    if (!events.isEmpty()) {
                        logs.put(log, events);
                    }
                }
            }
            if (skipped[0] > 0) {
                problems.add(InputProblem.of(SnapshotPart.EVENTS, file, skipped[0]
                        + " <Event> elements lack a provider or a numeric EventID and were skipped"));
            }
        }
        if (logs.isEmpty()) {
            return Part.unreadable(SnapshotPart.EVENTS, problems);
        }
        return Part.present(SnapshotPart.EVENTS, new EventLogs(logs), problems);
    }

    private static Optional<EventRecord> toRecord(String log, XmlElement event) {
        return UntrustedInput.event(log, event);
    }
}
