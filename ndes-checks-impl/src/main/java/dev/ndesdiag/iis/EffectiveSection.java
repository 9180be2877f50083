package dev.ndesdiag.iis;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective value of one configuration section at one IIS path, with where each attribute was
 * last set and what IIS would have ignored on the way (a section set in a web.config while locked).
 *
 * @param sectionPath the section, such as {@code system.webServer/security/requestFiltering}
 * @param iisPath the IIS path it applies to, such as {@code Default Web Site/CertSrv/mscep}
 * @param values effective attribute values by path inside the section, such as
 *     {@code requestLimits/@maxQueryString}; attributes never set anywhere are absent
 * @param sources where each value was set, by the same keys
 * @param notes what IIS ignored, in words
 */
public record EffectiveSection(String sectionPath, String iisPath, Map<String, String> values,
        Map<String, String> sources, List<String> notes) {

    /** Validates and copies the components. */
    public EffectiveSection {
        values = Map.copyOf(values);
        sources = Map.copyOf(sources);
        notes = List.copyOf(notes);
    }

    /**
     * Returns an attribute's effective value.
     *
     * @param path such as {@code requestLimits/@maxQueryString}, or {@code @enabled} for the section's own attribute
     * @return the value, or empty when nothing set it (the schema default applies)
     */
    public Optional<String> value(String path) {
        return Optional.ofNullable(values.get(path));
    }

    /**
     * Returns where an attribute was set, for evidence.
     *
     * @param path as for {@link #value}
     * @return the source, or {@code "IIS default"} when nothing set it
     */
    public String source(String path) {
        return sources.getOrDefault(path, "IIS default");
    }
}
