package dev.ndesdiag.api.snapshot;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * IisConfiguration holds the IIS configuration files of a snapshot: applicationHost.config and the
 * web.config files along the SCEP and CRP application paths, keyed by IIS path (case-insensitive),
 * such as {@code Default Web Site/CertSrv/mscep}.
 *
 * @param applicationHost the root element of applicationHost.config, when collected and readable
 * @param webConfigs the root element of each web.config by IIS path; never null
 * @since 0.1.0
 */
public record IisConfiguration(Optional<XmlElement> applicationHost, Map<String, XmlElement> webConfigs) {

    /** Validates and copies the components. */
    public IisConfiguration {
        Objects.requireNonNull(applicationHost, "applicationHost");
        Map<String, XmlElement> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(webConfigs);
        webConfigs = Collections.unmodifiableMap(map);
    }

    /**
     * Returns the web.config of an IIS path.
     *
     * @param iisPath such as {@code Default Web Site/CertSrv/mscep}; never null
     * @return its root element, or empty
     */
    public Optional<XmlElement> webConfig(String iisPath) {
        return Optional.ofNullable(webConfigs.get(iisPath));
    }
}
