package dev.ndesdiag.iis;

import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.XmlElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a configuration section's effective value at an IIS path the way IIS does: the server
 * level of applicationHost.config, then its {@code <location>} tags from the most general path to
 * the most specific ({@code path=""} and {@code "."} are the server level itself; matching is
 * case-insensitive and by whole path segments), then the {@code web.config} files down the virtual
 * path. A web.config may set a section only when it is not locked there: by the section's
 * {@code overrideModeDefault} (authentication sections are locked by default), overridden by the
 * most specific {@code <location overrideMode|allowOverride>} above it that holds the section. Attributes set later win;
 * collections honour {@code <add>}, {@code <remove>} and {@code <clear/>}.
 */
public final class EffectiveConfiguration {

    /** Sections IIS ships locked ({@code overrideModeDefault="Deny"}) that the checks read. */
    private static final Set<String> LOCKED_BY_DEFAULT = Set.of(
            "system.webserver/security/authentication/anonymousauthentication",
            "system.webserver/security/authentication/windowsauthentication",
            "system.webserver/security/authentication/basicauthentication",
            "system.webserver/security/authentication/clientcertificatemappingauthentication",
            "system.webserver/security/access", "system.webserver/security/ipsecurity",
            "system.webserver/handlers", "system.webserver/modules");

    private final IisConfiguration iis;

    /**
     * Creates the calculator for one server's configuration.
     *
     * @param iis the configuration files; never null
     */
    public EffectiveConfiguration(IisConfiguration iis) {
        this.iis = iis;
    }

    /**
     * Computes a section at a path.
     *
     * @param sectionPath such as {@code system.webServer/security/requestFiltering}; never null
     * @param iisPath such as {@code Default Web Site/CertSrv/mscep}; never null
     * @return the effective section; never null
     */
    public EffectiveSection section(String sectionPath, String iisPath) {
        Merger merger = new Merger();
        List<String> notes = new ArrayList<>();
        Optional<XmlElement> appHost = iis.applicationHost();
        if (appHost.isPresent()) {
            appHost.get().find(sectionPath).ifPresent(s -> merger.apply(s, "applicationHost.config (server level)"));
            for (XmlElement location : locations(appHost.get(), iisPath)) {
                String where = location.attribute("path").orElse("");
                location.find(sectionPath).ifPresent(s -> merger.apply(s,
                        "applicationHost.config <location path=\"" + where + "\">"));
            }
        }
        String[] segments = iisPath.split("/");
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append(path.length() == 0 ? "" : "/").append(segment);
            Optional<XmlElement> webConfig = iis.webConfig(path.toString());
            if (webConfig.isEmpty()) {
                continue;
            }
            Optional<XmlElement> section = webConfig.get().find(sectionPath);
            if (section.isEmpty()) {
                continue;
            }
            if (locked(sectionPath, path.toString())) {
                notes.add("the web.config of " + path + " sets " + sectionPath + ", but the section is locked there "
                        + "(overrideMode Deny), so IIS ignores it (and answers HTTP 500.19 for that path)");
                continue;
            }
            merger.apply(section.get(), "web.config of " + path);
        }
        return new EffectiveSection(sectionPath, iisPath, merger.values, merger.sources, notes);
    }

    /** The {@code <location>} tags of applicationHost.config that apply to a path, most general first. */
    private static List<XmlElement> locations(XmlElement root, String iisPath) {
        List<XmlElement> matching = new ArrayList<>();
        for (XmlElement location : root.children("location")) {
            if (appliesTo(location.attribute("path").orElse(""), iisPath)) {
                matching.add(location);
            }
        }
        matching.sort(Comparator.comparingInt(l -> depth(l.attribute("path").orElse(""))));
        return matching;
    }

    static boolean appliesTo(String locationPath, String iisPath) {
        String l = normalise(locationPath);
        String p = normalise(iisPath);
        return l.isEmpty() || l.equals(".") || p.equals(l) || p.startsWith(l + "/");
    }

    private static int depth(String path) {
        String n = normalise(path);
        return n.isEmpty() || n.equals(".") ? 0 : n.split("/").length;
    }

    private static String normalise(String path) {
        String p = path.strip().replace('\\', '/').toLowerCase(Locale.ROOT);
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    /** Whether a web.config at a path may not set a section. */
    boolean locked(String sectionPath, String webConfigPath) {
        boolean locked = LOCKED_BY_DEFAULT.contains(sectionPath.toLowerCase(Locale.ROOT))
                || declaredDeny(sectionPath);
        Optional<XmlElement> appHost = iis.applicationHost();
        if (appHost.isEmpty()) {
            return locked;
        }
        int bestDepth = -1;
        for (XmlElement location : appHost.get().children("location")) {
            String lp = location.attribute("path").orElse("");
            Optional<String> mode = location.attribute("overrideMode")
                    .or(() -> location.attribute("allowOverride").map(a -> a.equalsIgnoreCase("false") ? "Deny" : "Allow"));
            if (mode.isEmpty() || mode.get().equalsIgnoreCase("Inherit") || !appliesTo(lp, webConfigPath)
                    || location.find(sectionPath).isEmpty()) {
                continue;
            }
            int d = depth(lp);
            if (d >= bestDepth) {
                bestDepth = d;
                locked = mode.get().equalsIgnoreCase("Deny");
            }
        }
        return locked;
    }

    private boolean declaredDeny(String sectionPath) {
        Optional<XmlElement> sections = iis.applicationHost().flatMap(r -> r.child("configSections"));
        if (sections.isEmpty()) {
            return false;
        }
        XmlElement current = sections.get();
        String[] parts = sectionPath.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            String name = parts[i];
            Optional<XmlElement> group = current.children("sectionGroup").stream()
                    .filter(g -> g.attribute("name").filter(name::equalsIgnoreCase).isPresent()).findFirst();
            if (group.isEmpty()) {
                return false;
            }
            current = group.get();
        }
        String last = parts[parts.length - 1];
        return current.children("section").stream()
                .filter(s -> s.attribute("name").filter(last::equalsIgnoreCase).isPresent())
                .anyMatch(s -> s.attribute("overrideModeDefault").filter("Deny"::equalsIgnoreCase).isPresent());
    }

    /** Accumulates attribute values by path inside the section, with their sources. */
    private static final class Merger {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, String> sources = new LinkedHashMap<>();

        void apply(XmlElement section, String source) {
            walk(section, "", source);
        }

        private void walk(XmlElement e, String prefix, String source) {
            e.attributes().forEach((k, v) -> {
                values.put(prefix + "@" + k, v);
                sources.put(prefix + "@" + k, source);
            });
            for (XmlElement child : e.children()) {
                switch (child.name()) {
                    case "clear" -> {
                        values.keySet().removeIf(k -> k.startsWith(prefix + "add["));
                        sources.keySet().removeIf(k -> k.startsWith(prefix + "add["));
                    }
                    case "add" -> walk(child, prefix + "add[" + key(child) + "]/", source);
                    case "remove" -> {
                        String gone = prefix + "add[" + key(child) + "]/";
                        values.keySet().removeIf(k -> k.startsWith(gone));
                        sources.keySet().removeIf(k -> k.startsWith(gone));
                    }
                    default -> walk(child, prefix + child.name() + "/", source);
                }
            }
        }

        /** A collection item's key: its first attribute's value, lower-case. */
        private static String key(XmlElement item) {
            return item.attributes().values().stream().findFirst().orElse("").toLowerCase(Locale.ROOT);
        }
    }
}
