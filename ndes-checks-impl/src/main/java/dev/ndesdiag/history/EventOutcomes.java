package dev.ndesdiag.history;

import dev.ndesdiag.api.snapshot.EventRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Helpers shared by the readers of event logs: order, text, source. */
final class EventOutcomes {

    private EventOutcomes() {
    }

    /** The events that carry a time, oldest first (exports are newest first). */
    static List<EventRecord> chronological(List<EventRecord> events) {
        List<EventRecord> list = new ArrayList<>();
        for (EventRecord e : events) {
            if (e.timeCreated().isPresent()) {
                list.add(e);
            }
        }
        list.sort(Comparator.comparing((EventRecord e) -> e.timeCreated().get())
                .thenComparing(e -> e.recordId().orElse(0)));
        return list;
    }

    static Instant at(EventRecord e) {
        return e.timeCreated().orElseThrow();
    }

    /** The rendered message, or the data values joined. */
    static String text(EventRecord e) {
        return e.message().orElseGet(() -> e.data().stream().collect(Collectors.joining("; ")));
    }

    /** The message and the data, for finding codes in. */
    static String allText(EventRecord e) {
        return e.message().orElse("") + " " + String.join(" ", e.data());
    }

    static String source(EventRecord e) {
        return "events/" + e.log();
    }

    static Optional<Long> record(EventRecord e) {
        return Optional.empty();
    }
}
