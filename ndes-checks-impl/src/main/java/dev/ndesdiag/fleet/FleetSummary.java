package dev.ndesdiag.fleet;

import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.ToolInfo;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * FleetSummary is the outcome of a fleet run: one row per bundle, worst first.
 *
 * <p>The fleet's status is the worst of its servers' in the order {@code FAIL > ERROR > WARN > PASS}
 * (report format 1); a bundle that could not be read counts as {@code ERROR}.
 *
 * @param tool the program that made it; never null
 * @param rows one row per bundle, worst first ({@link ServerRow#worstFirst()}); never null
 */
public record FleetSummary(ToolInfo tool, List<ServerRow> rows) {

    /** Validates, copies and sorts the rows. */
    public FleetSummary {
        Objects.requireNonNull(tool, "tool");
        rows = rows.stream().sorted(ServerRow.worstFirst()).toList();
    }

    /**
     * Returns the fleet's status, the worst of its servers ({@code SKIPPED} when nothing counted).
     *
     * @return the status; never null
     */
    public Status status() {
        return Status.worst(rows.stream().map(ServerRow::status).toList());
    }

    /**
     * Counts the servers per status; every status has an entry.
     *
     * @return an unmodifiable map in the order of {@link Status}; never null
     */
    public Map<Status, Integer> servers() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        rows.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * Returns the ids of every check any server ran, sorted: the columns of the servers x checks table.
     *
     * @return the ids; never null
     */
    public List<String> checkIds() {
        TreeSet<String> ids = new TreeSet<>();
        rows.forEach(r -> ids.addAll(r.checks().keySet()));
        return List.copyOf(ids);
    }

    /**
     * Counts the checks with a given status over all servers; the exit code of {@code --fail-on skipped} needs it.
     *
     * @param status the status
     * @return how many
     */
    public int checksWith(Status status) {
        return rows.stream().mapToInt(r -> r.counts().get(status)).sum();
    }
}
