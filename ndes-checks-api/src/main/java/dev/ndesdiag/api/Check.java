package dev.ndesdiag.api;

/**
 * Check verifies one thing about an NDES server from its snapshot and says what is wrong and how
 * to fix it.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.ndesdiag.api.Check} and put the jar on the class path. A check
 * must have a public no-argument constructor, must be stateless between runs and safe to run
 * concurrently with other checks.
 *
 * <p>Obligations of {@link #run(CheckContext)}:
 * <ul>
 *   <li>it must read only the {@link CheckContext}: no files, no network, no operating system;</li>
 *   <li>it must not print, and must not change anything;</li>
 *   <li>it must not throw for expected absence: a missing input is {@link Status#SKIPPED}
 *       (the runner already skips checks whose declared parts are missing), unreadable input is
 *       {@link Status#ERROR} naming the file;</li>
 *   <li>it must return within the runner's time limit; it should respond to interruption.</li>
 * </ul>
 * The runner turns anything thrown, a {@code null} result or a time-out into an {@code ERROR}
 * result for this check; the other checks still run.
 *
 * @since 0.1.0
 */
public interface Check {

    /**
     * Returns what this check is, without running it.
     *
     * @return the descriptor; never null, the same value on every call
     */
    CheckDescriptor descriptor();

    /**
     * Runs the check on one snapshot.
     *
     * @param context the snapshot and the evaluation time; never null
     * @return the finished result; never null
     * @throws Exception only for bugs; the runner records them as {@code ERROR}
     */
    CheckResult run(CheckContext context) throws Exception;

    /**
     * Says why this check was not run when a part it reads is missing from the snapshot. The
     * runner calls it instead of {@link #run}; override it to name exactly what to collect (the
     * registry key, the certificate store) rather than the whole part.
     *
     * @param part the missing part, one of {@link CheckDescriptor#reads()}; never null
     * @return a {@code SKIPPED} result naming what is missing and how to collect it; never null
     */
    default CheckResult missingInput(SnapshotPart part) {
        return CheckResult.missingInput(part);
    }
}
