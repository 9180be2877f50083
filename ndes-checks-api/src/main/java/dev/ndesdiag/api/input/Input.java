package dev.ndesdiag.api.input;

import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;

/**
 * Input is one exact thing a check reads from a snapshot: a registry key, a certificate store, the
 * IIS configuration, a command's output, an event channel, a family of logs, one probe request, or
 * a whole part. Checks declare their inputs in their descriptor ({@link dev.ndesdiag.api.CheckDescriptor#requires},
 * {@link dev.ndesdiag.api.CheckDescriptor#uses}); the runner looks each up before the check runs
 * and skips the check, naming the exact collection command, when a required one is missing; the
 * collection plan is tested against the union of every check's inputs.
 *
 * <p>Create inputs with the factories of {@link Inputs}. Inputs are values: two inputs naming the
 * same thing are equal.
 *
 * @param <T> what the check gets when the input is present
 * @since 0.2.0
 */
public sealed interface Input<T> permits RegistryKeyInput, RegistryTreeInput, CertificateStoreInput,
        IisConfigurationInput, CommandOutputInput, EventChannelInput, LogInput, ProbeRequestInput, PartInput {

    /**
     * Returns the bundle part that holds this input.
     *
     * @return the part; never null
     */
    SnapshotPart part();

    /**
     * Says what this input is, for people, such as {@code the registry key HKLM\...\MSCEP}.
     *
     * @return the description; never null
     */
    String what();

    /**
     * Returns the Windows command that collects exactly this input by hand on the NDES server.
     *
     * @return the command; never null
     */
    String collectCommand();

    /**
     * Looks the input up in a snapshot: {@code PRESENT} with its value and the problems of the files
     * that hold it, {@code ABSENT} when it was not collected, {@code UNREADABLE} when it was collected
     * but nothing usable could be read.
     *
     * @param snapshot the snapshot; never null
     * @return the input's state; never null
     */
    Part<T> find(Snapshot snapshot);

    /**
     * Tells whether collecting this input also collects {@code declared}: exporting a registry key
     * exports its subkeys, an event export that takes a provider at every level serves a check that
     * wants its errors.
     *
     * @param declared an input a check declares; never null
     * @return true when this input includes it
     */
    default boolean covers(Input<?> declared) {
        return equals(declared);
    }

    /**
     * Returns the {@code SKIPPED} finding for a check that requires this input when it is absent:
     * what is missing and the command that collects it.
     *
     * @return the finding; never null
     */
    default Finding absent() {
        return Finding.skipped("INPUT_MISSING", "The snapshot does not contain " + what() + " (bundle part "
                        + part().bundlePath() + "), so this was not checked.")
                .withEvidence("part", part().bundlePath())
                .withRemediation("Collect it on the NDES server with: " + collectCommand());
    }
}
