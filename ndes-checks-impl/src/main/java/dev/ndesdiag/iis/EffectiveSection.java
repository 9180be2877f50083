package dev.ndesdiag.iis;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective value of one configuration section at one IIS path, with where each attribute was
 * last set, what makes IIS refuse the path (HTTP 500.19) and what IIS left out on the way.
 *
 * @param sectionPath the section, such as {@code system.webServer/security/requestFiltering}
 * @param iisPath the IIS path it applies to, such as {@code Default Web Site/CertSrv/mscep}
 * @param values effective attribute values by path inside the section, such as
 *     {@code requestLimits/@maxQueryString}; attributes never set anywhere are absent
 * @param sources where each value was set, by the same keys
 * @param faults what makes IIS answer HTTP 500.19 for every request at the path (a web.config
 *     that sets the section while it is locked, a web.config that is not well-formed); when not
 *     empty, the values are what IIS would use once the faults are fixed
 * @param notes what IIS left out by design, in words (a web.config below
 *     {@code allowSubDirConfig="false"}, a {@code <location inheritInChildApplications="false">}
 *     that stops at an application)
 */
public record EffectiveSection(String sectionPath, String iisPath, Map<String, String> values,
        Map<String, String> sources, List<ConfigurationFault> faults, List<String> notes) {

    /** Validates and copies the components. */
    public EffectiveSection {
        values = Map.copyOf(values);
        sources = Map.copyOf(sources);
        faults = List.copyOf(faults);
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
