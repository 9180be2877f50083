package dev.ndesdiag.api;

import java.util.Objects;

/**
 * ToolInfo names the program that made a report.
 *
 * @param name the tool name, {@code ndes-diag}; never null
 * @param version the tool version, such as {@code 0.1.0}; never null
 * @since 0.1.0
 */
public record ToolInfo(String name, String version) {

    /** Validates the components. */
    public ToolInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }
}
