package dev.ndesdiag.api;

import java.util.List;
import java.util.Objects;

/**
 * CheckResult is what one run of a check found: its status and its findings.
 *
 * <p>Use the factories: {@link #of(List)} derives the status from the findings (the worst of them,
 * {@code PASS} when there are none), {@link #skipped}, {@link #missingInput} and {@link #error}
 * carry the reason as their one finding. A {@code SKIPPED} or {@code ERROR} result always says why.
 *
 * <p>A {@code FAIL} or {@code WARN} finding must carry evidence and a remediation: a result with
 * one that does not is refused with {@link UnactionableFindingException}.
 *
 * @param status the outcome of the check; never null
 * @param findings what the check observed, in the order it observed them; never null
 * @since 0.1.0
 */
public record CheckResult(Status status, List<Finding> findings) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when a {@code SKIPPED} or {@code ERROR} result has no finding saying why
     * @throws UnactionableFindingException when a {@code FAIL} or {@code WARN} finding lacks evidence or a remediation
     */
    public CheckResult {
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
        if ((status == Status.SKIPPED || status == Status.ERROR) && findings.isEmpty()) {
            throw new IllegalArgumentException("a " + status + " result needs a finding that says why");
        }
        for (Finding f : findings) {
            requireActionable(f);
        }
    }

    /** A FAIL or WARN finding must carry its evidence and its fix. */
    private static void requireActionable(Finding f) {
        if (f.status() != Status.FAIL && f.status() != Status.WARN) {
            return;
        }
        String lacks = f.evidence().isEmpty() && f.remediation().isEmpty() ? "neither evidence nor a remediation"
                : f.evidence().isEmpty() ? "no evidence" : f.remediation().isEmpty() ? "no remediation" : null;
        if (lacks != null) {
            throw new UnactionableFindingException("the " + f.status() + " finding " + f.code() + " has " + lacks
                    + "; every FAIL or WARN finding must say what it rests on (withEvidence) and what to do (withRemediation)");
        }
    }

    /**
     * Creates a result whose status is the worst of its findings ({@code SKIPPED} findings do not
     * count); {@code PASS} when there are no findings; {@code SKIPPED} when every finding is
     * {@code SKIPPED}, because then nothing was judged and a pass would be silent.
     *
     * @param findings the findings; never null, may be empty
     * @return the result; never null
     */
    public static CheckResult of(List<Finding> findings) {
        Status worst = Status.worst(findings.stream().map(Finding::status).toList());
        if (worst == Status.SKIPPED) {
            return new CheckResult(findings.isEmpty() ? Status.PASS : Status.SKIPPED, findings);
        }
        return new CheckResult(worst, findings);
    }

    /**
     * Creates a result from findings, as {@link #of(List)}.
     *
     * @param findings the findings; never null
     * @return the result; never null
     */
    public static CheckResult of(Finding... findings) {
        return of(List.of(findings));
    }

    /**
     * Creates a {@code SKIPPED} result: the check does not apply.
     *
     * @param code UPPER_SNAKE code of the reason, such as {@code CRP_NOT_INSTALLED}; never null
     * @param reason why the check does not apply; never null
     * @return the result; never null
     */
    public static CheckResult skipped(String code, String reason) {
        return new CheckResult(Status.SKIPPED, List.of(Finding.skipped(code, reason)));
    }

    /**
     * Creates a {@code SKIPPED} result for missing input, naming the bundle part and the command that collects it.
     *
     * @param part the part that holds the input; never null
     * @param what the input that is missing, such as a registry key; never null
     * @param collectCommand the command that collects exactly this input; never null
     * @return the result; never null
     */
    public static CheckResult missingInput(SnapshotPart part, String what, String collectCommand) {
        return new CheckResult(Status.SKIPPED, List.of(
                Finding.skipped("INPUT_MISSING", "The snapshot does not contain " + what + " (bundle part "
                                + part.bundlePath() + "), so this was not checked.")
                        .withEvidence("part", part.bundlePath())
                        .withRemediation("Collect it on the NDES server with: " + collectCommand)));
    }

    /**
     * Creates a {@code SKIPPED} result for a missing bundle part, with the part's own collection command.
     *
     * @param part the missing part; never null
     * @return the result; never null
     */
    public static CheckResult missingInput(SnapshotPart part) {
        return missingInput(part, "the " + part.description(), part.collectCommand());
    }

    /**
     * Creates a {@code SKIPPED} result for a registry key the snapshot lacks, with the {@code reg export}
     * line that collects it.
     *
     * @param key the key, such as {@code HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters}; never null
     * @param file the export's file name in the bundle, such as {@code http-parameters.reg}; never null
     * @return the result; never null
     */
    public static CheckResult missingRegistryKey(String key, String file) {
        return missingInput(SnapshotPart.REGISTRY, "the registry key " + key,
                "reg export \"" + key + "\" registry\\" + file + " /y");
    }

    /**
     * Creates a {@code SKIPPED} result for a LocalMachine certificate store the snapshot lacks, with
     * the {@code Export-Certificate} line that collects it.
     *
     * @param store the store, such as {@code My} or {@code Root}; never null
     * @return the result; never null
     */
    public static CheckResult missingCertificateStore(String store) {
        return missingInput(SnapshotPart.CERTIFICATES, "the LocalMachine\\" + store + " store (certs/" + store + "/)",
                "Get-ChildItem Cert:\\LocalMachine\\" + store + " | ForEach-Object { Export-Certificate -Cert $_ "
                        + "-FilePath \"certs\\" + store + "\\$($_.Thumbprint).cer\" -Type CERT }"
                        + ("My".equalsIgnoreCase(store) ? " (and the .json key sidecars)" : ""));
    }

    /**
     * Creates an {@code ERROR} result: the check could not complete.
     *
     * @param code UPPER_SNAKE code, such as {@code INPUT_UNREADABLE}; never null
     * @param message what could not be done, naming the file where there is one; never null
     * @return the result; never null
     */
    public static CheckResult error(String code, String message) {
        return new CheckResult(Status.ERROR, List.of(Finding.error(code, message)));
    }
}
