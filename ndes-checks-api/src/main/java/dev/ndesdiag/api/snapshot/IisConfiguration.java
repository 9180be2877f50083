package dev.ndesdiag.api.snapshot;

import dev.ndesdiag.api.InputProblem;
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
 * <p>A web.config that the bundle holds but that cannot be parsed is kept apart, with the problem
 * (file and line): IIS cannot parse it either and answers HTTP 500.19 for every request below it,
 * so it is a fact about the server, not only a gap in the bundle.
 *
 * @param applicationHost the root element of applicationHost.config, when collected and readable
 * @param webConfigs the root element of each web.config by IIS path; never null
 * @param unreadableWebConfigs the web.config files that exist but are not well-formed XML, by IIS
 *     path, with what is wrong and where; never null
 * @since 0.1.0
 */
public record IisConfiguration(Optional<XmlElement> applicationHost, Map<String, XmlElement> webConfigs,
        Map<String, InputProblem> unreadableWebConfigs) {

    /** Validates and copies the components. */
    public IisConfiguration {
        Objects.requireNonNull(applicationHost, "applicationHost");
        webConfigs = caseInsensitive(webConfigs);
        unreadableWebConfigs = caseInsensitive(unreadableWebConfigs);
    }

    /**
     * Creates a configuration whose web.config files were all readable.
     *
     * @param applicationHost the root element of applicationHost.config, when collected and readable
     * @param webConfigs the root element of each web.config by IIS path; never null
     */
    public IisConfiguration(Optional<XmlElement> applicationHost, Map<String, XmlElement> webConfigs) {
        this(applicationHost, webConfigs, Map.of());
    }

    private static <V> Map<String, V> caseInsensitive(Map<String, V> source) {
        Map<String, V> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(source);
        return Collections.unmodifiableMap(map);
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

    /**
     * Returns why the web.config of an IIS path could not be parsed, when the bundle holds one that cannot.
     *
     * @param iisPath such as {@code Default Web Site/CertSrv/mscep}; never null
     * @return the problem (file, line, message), or empty
     * @since 0.2.0
     */
    public Optional<InputProblem> unreadableWebConfig(String iisPath) {
        return Optional.ofNullable(unreadableWebConfigs.get(iisPath));
    }
}
