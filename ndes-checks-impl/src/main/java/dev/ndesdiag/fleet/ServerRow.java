package dev.ndesdiag.fleet;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * ServerRow is what a fleet summary keeps of one bundle: its name, the host, the report status,
 * the counts and each check's status, or why no report could be made. Small on purpose: a fleet of
 * thousands keeps only these in memory.
 *
 * @param index the bundle's position in the fleet's input order, from 0 (stable ids in HTML and JUnit)
 * @param bundle the bundle as named on the command line or found in a folder; never null
 * @param host the host of the report, when there is one
 * @param status the report status; {@code ERROR} when the bundle could not be read; never null
 * @param counts checks per status (every status present); never null
 * @param checks each check's status, by id; never null
 * @param problem why no report could be made, when it could not
 */
public record ServerRow(int index, String bundle, Optional<String> host, Status status, Map<Status, Integer> counts,
                        Map<String, Status> checks, Optional<String> problem) {

    /** Validates and copies the components. */
    public ServerRow {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(problem, "problem");
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
        checks = Collections.unmodifiableMap(new TreeMap<>(checks));
    }

    /**
     * The row of a report.
     *
     * @param index the bundle's input position
     * @param bundle the bundle's name
     * @param report its report
     * @return the row; never null
     */
    public static ServerRow of(int index, String bundle, Report report) {
        Map<String, Status> checks = new TreeMap<>();
        for (CheckOutcome o : report.results()) {
            checks.put(o.id(), o.status());
        }
        return new ServerRow(index, bundle, report.target().host(), report.status(), report.counts(), checks,
                Optional.empty());
    }

    /**
     * The row of a bundle that could not be read: status {@code ERROR}, no checks.
     *
     * @param index the bundle's input position
     * @param bundle the bundle's name
     * @param problem why, as the bundle reader said it
     * @return the row; never null
     */
    public static ServerRow unreadable(int index, String bundle, String problem) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        return new ServerRow(index, bundle, Optional.empty(), Status.ERROR, counts, Map.of(), Optional.of(problem));
    }

    /** The name to show: the host when known, else the bundle. */
    public String name() {
        return host.orElse(bundle);
    }

    /**
     * Orders rows worst first: by status ({@code FAIL > ERROR > WARN > PASS > SKIPPED}), then more
     * failed, erroring and warning checks first, then by bundle name and input position, so the
     * order is total and the same on every run.
     *
     * @return the comparator; never null
     */
    public static Comparator<ServerRow> worstFirst() {
        return Comparator.comparing(ServerRow::status, Status.worstFirst())
                .thenComparing(r -> r.counts().get(Status.FAIL), Comparator.reverseOrder())
                .thenComparing(r -> r.counts().get(Status.ERROR), Comparator.reverseOrder())
                .thenComparing(r -> r.counts().get(Status.WARN), Comparator.reverseOrder())
                .thenComparing(ServerRow::bundle)
                .thenComparingInt(ServerRow::index);
    }
}
