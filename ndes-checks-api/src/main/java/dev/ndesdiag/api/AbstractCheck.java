package dev.ndesdiag.api;

import java.util.Objects;

/**
 * AbstractCheck is the usual way to write a {@link Check}: the descriptor is given once, to the
 * constructor, and the class implements only {@link #run(CheckContext)}.
 *
 * <pre>{@code
 * public final class NdesConfiguredCheck extends AbstractCheck {
 *     public NdesConfiguredCheck() {
 *         super(CheckDescriptor.of("contoso-ndes-configured", "The NDES role configuration finished",
 *                 Category.CONFIGURATION).requires(ADCS));
 *     }
 *
 *     public CheckResult run(CheckContext context) { ... }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public abstract class AbstractCheck implements Check {

    private final CheckDescriptor descriptor;

    /**
     * Creates the check.
     *
     * @param descriptor what the check is and reads; never null
     */
    protected AbstractCheck(CheckDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    @Override
    public final CheckDescriptor descriptor() {
        return descriptor;
    }
}
