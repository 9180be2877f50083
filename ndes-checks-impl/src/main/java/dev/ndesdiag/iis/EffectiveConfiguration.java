package dev.ndesdiag.iis;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.XmlElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Computes a configuration section's effective value at an IIS path the way IIS merges it: one
 * configuration path level at a time from the server down ({@code MACHINE/WEBROOT/APPHOST}, then
 * {@code Default Web Site}, then {@code Default Web Site/CertSrv}, then
 * {@code Default Web Site/CertSrv/mscep}). At each level, first the {@code <location>} tags of
 * applicationHost.config for exactly that path (file order), then the {@code <location>} tags of
 * the web.config files above that point at it, then that level's own web.config. A
 * {@code <location>} for a deeper path therefore applies after the web.config files of the levels
 * above it, which is what {@code appcmd ... /commit:apphost} relies on. Location paths match
 * case-insensitively and by whole segments; {@code path=""} and {@code "."} in applicationHost.config
 * are the server level.
 *
 * <p>Honoured: {@code <clear/>}, {@code <remove/>} and {@code <add>} in collections; locking by the
 * section's {@code overrideModeDefault} (authentication sections ship locked) and by the most
 * specific {@code <location overrideMode|allowOverride>} holding the section: a web.config that sets
 * a locked section makes IIS answer 500.19 (0x80070021) for the whole path, so it is a
 * {@link ConfigurationFault}, and so is a web.config that is not well-formed (0x8007000d);
 * {@code inheritInChildApplications="false"} (the settings stop at the next application below the
 * location); {@code allowSubDirConfig="false"} on a virtual directory (or in
 * {@code virtualDirectoryDefaults}): web.config files in folders below it are not read, unless a
 * folder is a virtual directory of its own.
 *
 * @see <a href="https://learn.microsoft.com/en-us/iis/get-started/planning-your-iis-architecture/deep-dive-into-iis-configuration-with-iis-7-and-iis-8">Deep Dive into IIS Configuration (configuration paths, location tags, locking)</a>
 * @see <a href="https://techcommunity.microsoft.com/t5/iis-support-blog/how-to-prevent-web-config-files-to-be-overwritten-by-config/ba-p/297627">IIS support blog: allowSubDirConfig and inheritInChildApplications</a>
 * @see <a href="https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-error-500-19-webpage">HTTP Error 500.19 (0x80070021 locked section, 0x8007000d malformed XML)</a>
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

    private static final String APPHOST = "applicationHost.config";

    private final IisConfiguration iis;

    /**
     * Creates the calculator for one server's configuration.
     *
     * @param iis the configuration files; never null
     */
    public EffectiveConfiguration(IisConfiguration iis) {
        this.iis = iis;
    }

    /** One piece of configuration that sets the section at a level. */
    private record Contribution(XmlElement section, String level, boolean inherits, String source) {
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
        List<ConfigurationFault> faults = new ArrayList<>();
        List<String> levels = levels(iisPath);
        Optional<XmlElement> appHost = iis.applicationHost();
        SiteLayout layout = SiteLayout.of(appHost, levels.isEmpty() ? "" : levels.get(0));
        String target = normalise(iisPath);
        appHost.flatMap(r -> r.find(sectionPath)).ifPresent(s -> merger.apply(s, APPHOST + " (server level)"));
        List<Contribution> pending = new ArrayList<>();
        for (XmlElement location : appHost.map(r -> r.children("location")).orElse(List.of())) {
            String lp = normalise(location.attribute("path").orElse(""));
            if (lp.isEmpty() || lp.equals(".")) {
                location.find(sectionPath).ifPresent(s -> apply(merger, notes, layout, target,
                        new Contribution(s, "", inherits(location), APPHOST + " <location path=\""
                                + location.attribute("path").orElse("") + "\">")));
            }
        }
        for (String level : levels) {
            String key = normalise(level);
            for (XmlElement location : appHost.map(r -> r.children("location")).orElse(List.of())) {
                if (normalise(location.attribute("path").orElse("")).equals(key)) {
                    location.find(sectionPath).ifPresent(s -> apply(merger, notes, layout, target,
                            new Contribution(s, key, inherits(location), APPHOST + " <location path=\""
                                    + location.attribute("path").orElse("") + "\">")));
                }
            }
            for (Contribution c : List.copyOf(pending)) {
                if (c.level().equals(key)) {
                    apply(merger, notes, layout, target, c);
                    pending.remove(c);
                }
            }
            Optional<String> ignoredBy = layout.subDirConfigDisabledAbove(key);
            Optional<XmlElement> webConfig = iis.webConfig(level);
            Optional<InputProblem> unreadable = iis.unreadableWebConfig(level);
            if (ignoredBy.isPresent()) {
                if (webConfig.isPresent() || unreadable.isPresent()) {
                    notes.add("the web.config of " + level + " is not read: the virtual directory " + ignoredBy.get()
                            + " has allowSubDirConfig=\"false\"");
                }
                continue;
            }
            if (unreadable.isPresent()) {
                InputProblem p = unreadable.get();
                faults.add(new ConfigurationFault(ConfigurationFault.Kind.MALFORMED_FILE, level, p.file(), p.line(),
                        "the web.config of " + level + " " + p.message()));
                continue;
            }
            if (webConfig.isEmpty()) {
                continue;
            }
            String file = "iis/web.config/" + level + "/web.config";
            List<Contribution> own = new ArrayList<>();
            webConfig.get().find(sectionPath).ifPresent(s -> own.add(new Contribution(s, key, true, "web.config of " + level)));
            for (XmlElement location : webConfig.get().children("location")) {
                String relative = normalise(location.attribute("path").orElse(""));
                String at = relative.isEmpty() || relative.equals(".") ? key : key + "/" + relative;
                Optional<XmlElement> s = location.find(sectionPath);
                if (s.isEmpty() || !(target.equals(at) || target.startsWith(at + "/"))) {
                    continue;
                }
                own.add(new Contribution(s.get(), at, inherits(location), "web.config of " + level + " <location path=\""
                        + location.attribute("path").orElse("") + "\">"));
            }
            if (own.isEmpty()) {
                continue;
            }
            if (locked(sectionPath, key)) {
                XmlElement first = own.get(0).section();
                faults.add(new ConfigurationFault(ConfigurationFault.Kind.LOCKED_SECTION, level, file,
                        first.line() > 0 ? OptionalInt.of(first.line()) : OptionalInt.empty(),
                        "the web.config of " + level + " sets " + sectionPath + ", which is locked at a parent level"
                                + " (overrideModeDefault=\"Deny\", or a <location overrideMode=\"Deny\"> in " + APPHOST
                                + "): \"This configuration section cannot be used at this path\""));
                continue;
            }
            for (Contribution c : own) {
                if (c.level().equals(key)) {
                    apply(merger, notes, layout, target, c);
                } else {
                    pending.add(c);
                }
            }
        }
        return new EffectiveSection(sectionPath, iisPath, merger.values, merger.sources, faults, notes);
    }

    /** Applies a contribution unless {@code inheritInChildApplications="false"} keeps it from the target. */
    private static void apply(Merger merger, List<String> notes, SiteLayout layout, String target, Contribution c) {
        if (!c.inherits()) {
            Optional<String> boundary = layout.applicationBetween(c.level(), target);
            if (boundary.isPresent()) {
                notes.add(c.source() + " has inheritInChildApplications=\"false\": its settings stop before the "
                        + "application " + boundary.get());
                return;
            }
        }
        merger.apply(c.section(), c.source());
    }

    private static boolean inherits(XmlElement location) {
        return !location.attribute("inheritInChildApplications").map(String::strip).filter("false"::equalsIgnoreCase).isPresent();
    }

    /** The configuration path levels below the server, such as {@code Default Web Site}, {@code Default Web Site/CertSrv}. */
    static List<String> levels(String iisPath) {
        List<String> levels = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        for (String segment : iisPath.replace('\\', '/').split("/")) {
            if (segment.isBlank()) {
                continue;
            }
            path.append(path.length() == 0 ? "" : "/").append(segment);
            levels.add(path.toString());
        }
        return levels;
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

    static String normalise(String path) {
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
        boolean locked = declaredMode(sectionPath)
                .map("Deny"::equalsIgnoreCase)
                .orElse(LOCKED_BY_DEFAULT.contains(sectionPath.toLowerCase(Locale.ROOT)));
        Optional<XmlElement> appHost = iis.applicationHost();
        if (appHost.isEmpty()) {
            return locked;
        }
        int bestDepth = -1;
        for (XmlElement location : appHost.get().children("location")) {
            String lp = location.attribute("path").orElse("");
            Optional<String> mode = location.attribute("overrideMode")
                    .or(() -> location.attribute("allowOverride").map(a -> a.strip().equalsIgnoreCase("false") ? "Deny" : "Allow"));
            if (mode.isEmpty() || mode.get().strip().equalsIgnoreCase("Inherit") || !appliesTo(lp, webConfigPath)
                    || location.find(sectionPath).isEmpty()) {
                continue;
            }
            int d = depth(lp);
            if (d >= bestDepth) {
                bestDepth = d;
                locked = mode.get().strip().equalsIgnoreCase("Deny");
            }
        }
        return locked;
    }

    /** The section's {@code overrideModeDefault} as {@code <configSections>} declares it, when it does. */
    private Optional<String> declaredMode(String sectionPath) {
        Optional<XmlElement> sections = iis.applicationHost().flatMap(r -> r.child("configSections"));
        if (sections.isEmpty()) {
            return Optional.empty();
        }
        XmlElement current = sections.get();
        String[] parts = sectionPath.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            String name = parts[i];
            Optional<XmlElement> group = current.children("sectionGroup").stream()
                    .filter(g -> g.attribute("name").filter(name::equalsIgnoreCase).isPresent()).findFirst();
            if (group.isEmpty()) {
                return Optional.empty();
            }
            current = group.get();
        }
        String last = parts[parts.length - 1];
        return current.children("section").stream()
                .filter(s -> s.attribute("name").filter(last::equalsIgnoreCase).isPresent())
                .findFirst().flatMap(s -> s.attribute("overrideModeDefault")).map(String::strip);
    }

    /**
     * The applications and virtual directories of one site, as configuration path levels
     * (normalised), for {@code inheritInChildApplications} and {@code allowSubDirConfig}.
     */
    private record SiteLayout(List<String> applications, Map<String, Boolean> directories) {

        static SiteLayout of(Optional<XmlElement> appHost, String siteName) {
            Optional<XmlElement> sites = appHost.flatMap(r -> r.find("system.applicationHost/sites"));
            Optional<XmlElement> site = sites.flatMap(s -> s.children("site").stream()
                    .filter(x -> x.attribute("name").filter(siteName::equalsIgnoreCase).isPresent()).findFirst());
            boolean serverDefault = sites.flatMap(s -> s.child("virtualDirectoryDefaults"))
                    .flatMap(d -> d.attribute("allowSubDirConfig")).map(v -> !v.strip().equalsIgnoreCase("false")).orElse(true);
            boolean siteDefault = site.flatMap(s -> s.child("virtualDirectoryDefaults"))
                    .flatMap(d -> d.attribute("allowSubDirConfig")).map(v -> !v.strip().equalsIgnoreCase("false"))
                    .orElse(serverDefault);
            List<String> applications = new ArrayList<>();
            Map<String, Boolean> directories = new LinkedHashMap<>();
            String root = normalise(siteName);
            for (XmlElement app : site.map(s -> s.children("application")).orElse(List.of())) {
                String appPath = normalise(app.attribute("path").orElse("/"));
                String appLevel = appPath.isEmpty() ? root : root + "/" + appPath;
                applications.add(appLevel);
                for (XmlElement vdir : app.children("virtualDirectory")) {
                    String vdirPath = normalise(vdir.attribute("path").orElse("/"));
                    String level = vdirPath.isEmpty() ? appLevel : appLevel + "/" + vdirPath;
                    directories.put(level, vdir.attribute("allowSubDirConfig")
                            .map(v -> !v.strip().equalsIgnoreCase("false")).orElse(siteDefault));
                }
            }
            return new SiteLayout(applications, directories);
        }

        /** The first application whose root lies below {@code from} and at or above {@code to}, if any. */
        Optional<String> applicationBetween(String from, String to) {
            int fromDepth = depth(from);
            return applications.stream()
                    .filter(a -> depth(a) > fromDepth && (to.equals(a) || to.startsWith(a + "/")))
                    .min(java.util.Comparator.comparingInt(EffectiveConfiguration::depth));
        }

        /** The virtual directory above a level (not at it) whose allowSubDirConfig="false" hides the level's web.config. */
        Optional<String> subDirConfigDisabledAbove(String level) {
            String best = null;
            for (String dir : directories.keySet()) {
                if ((level.equals(dir) || level.startsWith(dir + "/")) && (best == null || depth(dir) > depth(best))) {
                    best = dir;
                }
            }
            if (best == null || best.equals(level) || directories.get(best)) {
                return Optional.empty();
            }
            return Optional.of(best);
        }
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
