package dev.ndesdiag.api.input;

/**
 * Need says what a check does without one of its inputs.
 *
 * @since 0.2.0
 */
public enum Need {
    /** Without it the check cannot judge: the runner skips the check and names the command that collects it. */
    REQUIRED,
    /** The check uses it when present (more evidence, a finer verdict) and judges without it. */
    OPTIONAL
}
