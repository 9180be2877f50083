package dev.ndesdiag.api;

import java.util.Objects;

/**
 * AbstractCheck is the usual way to write a {@link Check}: the descriptor is given once, to the
 * constructor, and the class implements only {@link #run(CheckContext)}.
 *
 * <pre>{@code
 * public final class PendingRebootCheck extends AbstractCheck {
 *     public PendingRebootCheck() {
 *         super(CheckDescriptor.of("contoso-pending-reboot", "No reboot is pending", Category.CONFIGURATION)
 *                 .requires(SERVICING));
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
