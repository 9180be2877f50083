package dev.ndesdiag.api.snapshot;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CommandCaptures holds the command outputs of a snapshot by name (case-insensitive).
 *
 * @param captures the captures by name; never null
 * @since 0.1.0
 */
public record CommandCaptures(Map<String, CommandCapture> captures) {

    /** Copies the components. */
    public CommandCaptures {
        Map<String, CommandCapture> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(captures);
        captures = Collections.unmodifiableMap(map);
    }

    /**
     * Returns one capture by name, such as {@code netsh-http-sslcert}.
     *
     * @param name the capture's name; never null
     * @return the capture, or empty when not collected
     */
    public Optional<CommandCapture> capture(String name) {
        return Optional.ofNullable(captures.get(name));
    }
}
