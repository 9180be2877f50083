package dev.ndesdiag.diff;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ReportFacts is what a diff compares of a report, the same whether it was read back from a JSON
 * report or made from a bundle just now: the target and, per check, its status and findings.
 * Timing fields are left out, so they never show as changes.
 *
 * @param host the report's host, when known
 * @param source the report's source (bundle name), when known
 * @param collectedAt when the facts were collected, as ISO-8601 text; never null
 * @param status the report status; never null
 * @param checks the checks, in the report's order; never null
 */
public record ReportFacts(Optional<String> host, Optional<String> source, String collectedAt, Status status,
                          List<CheckFacts> checks) {

    /** Validates and copies the components. */
    public ReportFacts {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(collectedAt, "collectedAt");
        Objects.requireNonNull(status, "status");
        checks = List.copyOf(checks);
    }

    /**
     * One check of a report.
     *
     * @param id the check id; never null
     * @param title its title; never null
     * @param status its status; never null
     * @param findings its findings, in order; never null
     */
    public record CheckFacts(String id, String title, Status status, List<FindingFacts> findings) {
        /** Validates and copies the components. */
        public CheckFacts {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(status, "status");
            findings = List.copyOf(findings);
        }
    }

    /**
     * One finding of a check.
     *
     * @param status its status; never null
     * @param code its code; never null
     * @param message its message; never null
     */
    public record FindingFacts(Status status, String code, String message) {
        /** Validates the components. */
        public FindingFacts {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The facts of a report made in this run.
     *
     * @param report the report; never null
     * @return the facts; never null
     */
    public static ReportFacts of(Report report) {
        List<CheckFacts> checks = new ArrayList<>();
        for (CheckOutcome o : report.results()) {
            List<FindingFacts> findings = new ArrayList<>();
            for (Finding f : o.result().findings()) {
                findings.add(new FindingFacts(f.status(), f.code(), f.message()));
            }
            checks.add(new CheckFacts(o.id(), o.descriptor().title(), o.status(), findings));
        }
        return new ReportFacts(report.target().host(), report.target().source(),
                report.target().collectedAt().toString(), report.status(), checks);
    }
}
