package dev.ndesdiag.collect;

import dev.ndesdiag.api.snapshot.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What applicationHost.config says to collect next: the {@code web.config} files along the SCEP and
 * certificate registration paths (by IIS path, mapped to disk through the site's applications and
 * virtual directories, longest match first, as IIS does).
 */
final class IisFollowUps {

    /** The IIS paths whose web.config files decide the SCEP and CRP applications' effective settings. */
    static final List<String> PATHS = List.of("/", "/CertSrv", "/CertSrv/mscep", "/CertificateRegistrationSvc");

    /** A web.config to copy: its IIS path (site name and path) and its file on disk. */
    record WebConfig(String iisPath, String file) {
    }

    /** Where a site's W3C logs are: the folder as IIS writes it and its {@code W3SVC<id>} name. */
    record LogFolder(String path, String w3svc) {
    }

    private IisFollowUps() {
    }

    /**
     * Lists the web.config files of the site that hosts {@code /CertSrv/mscep} (the first site when none does).
     *
     * @param applicationHost the parsed applicationHost.config
     * @return the files, shortest path first
     */
    static List<WebConfig> webConfigs(XmlElement applicationHost) {
        List<XmlElement> sites = applicationHost.find("system.applicationHost/sites").map(s -> s.children("site"))
                .orElse(List.of());
        Optional<XmlElement> site = sites.stream().filter(IisFollowUps::hostsScep).findFirst()
                .or(() -> sites.stream().findFirst());
        if (site.isEmpty()) {
            return List.of();
        }
        List<String[]> mappings = new ArrayList<>(); // virtual path, physical path
        for (XmlElement app : site.get().children("application")) {
            String appPath = app.attribute("path").orElse("/");
            for (XmlElement vdir : app.children("virtualDirectory")) {
                String vPath = join(appPath, vdir.attribute("path").orElse("/"));
                vdir.attribute("physicalPath").ifPresent(p -> mappings.add(new String[] {vPath, p}));
            }
        }
        String siteName = site.get().attribute("name").orElse("Default Web Site");
        List<WebConfig> result = new ArrayList<>();
        for (String path : PATHS) {
            physical(path, mappings).ifPresent(dir -> result.add(new WebConfig(
                    siteName + (path.equals("/") ? "" : path), dir + "\\web.config")));
        }
        return result;
    }

    private static boolean hostsScep(XmlElement site) {
        return site.children("application").stream()
                .anyMatch(a -> a.attribute("path").filter(p -> p.equalsIgnoreCase("/CertSrv/mscep")).isPresent());
    }

    /** The folder of a virtual path: the longest virtual directory that contains it, plus the rest. */
    private static Optional<String> physical(String path, List<String[]> mappings) {
        String lower = path.toLowerCase(Locale.ROOT);
        String[] best = null;
        for (String[] m : mappings) {
            String v = m[0].toLowerCase(Locale.ROOT);
            boolean contains = lower.equals(v) || v.equals("/") || lower.startsWith(v + "/");
            if (contains && (best == null || v.length() > best[0].length())) {
                best = m;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String rest = path.length() > best[0].length() && !best[0].equals("/") ? path.substring(best[0].length())
                : best[0].equals("/") ? path : "";
        String dir = best[1].replaceAll("[\\\\/]+$", "");
        return Optional.of(rest.isEmpty() || rest.equals("/") ? dir : dir + rest.replace('/', '\\'));
    }

    private static String join(String appPath, String vdirPath) {
        if (vdirPath.equals("/")) {
            return appPath;
        }
        return (appPath.equals("/") ? "" : appPath) + vdirPath;
    }

    /**
     * The folder of the W3C logs of the site hosting {@code /CertSrv/mscep}: the site's own
     * {@code logFile directory}, else the site defaults', else IIS's default, plus {@code W3SVC<id>}.
     *
     * @param applicationHost the parsed applicationHost.config
     * @return the folder (may hold {@code %SystemDrive%}), or empty when no site has an id
     */
    static Optional<LogFolder> w3cLogFolder(XmlElement applicationHost) {
        Optional<XmlElement> sites = applicationHost.find("system.applicationHost/sites");
        List<XmlElement> all = sites.map(s -> s.children("site")).orElse(List.of());
        Optional<XmlElement> site = all.stream().filter(IisFollowUps::hostsScep).findFirst().or(() -> all.stream().findFirst());
        Optional<String> id = site.flatMap(s -> s.attribute("id"));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String directory = site.flatMap(s -> s.find("logFile")).flatMap(l -> l.attribute("directory"))
                .or(() -> sites.flatMap(s -> s.find("siteDefaults/logFile")).flatMap(l -> l.attribute("directory")))
                .orElse("%SystemDrive%\\inetpub\\logs\\LogFiles");
        String w3svc = "W3SVC" + id.get();
        return Optional.of(new LogFolder(directory.replaceAll("[\\\\/]+$", "") + "\\" + w3svc, w3svc));
    }
}
