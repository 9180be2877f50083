package dev.ndesdiag.collect;

import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.iis.IisSites;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What applicationHost.config says to collect next, for the site that hosts the SCEP application
 * (the first site when none does): the {@code web.config} files along the SCEP and certificate
 * registration paths, mapped to disk through the site's virtual directories, longest match first,
 * as IIS does; and the folder of its W3C logs.
 */
final class IisFollowUps {

    /** The IIS paths whose web.config files decide the SCEP and CRP applications' effective settings. */
    static final List<String> PATHS = List.of("/", "/CertSrv", IisSites.SCEP_APPLICATION, "/CertificateRegistrationSvc");

    /** A web.config to copy: its IIS path (site name and path) and its file on disk. */
    record WebConfig(String iisPath, String file) {
    }

    /** Where a site's W3C logs are: the folder as IIS writes it and its {@code W3SVC<id>} name. */
    record LogFolder(String path, String w3svc) {
    }

    private IisFollowUps() {
    }

    /**
     * Lists the web.config files along {@link #PATHS}.
     *
     * @param iis the collected IIS configuration
     * @return the files, shortest path first
     */
    static List<WebConfig> webConfigs(IisConfiguration iis) {
        Optional<IisSites.Site> site = site(iis);
        if (site.isEmpty()) {
            return List.of();
        }
        List<WebConfig> result = new ArrayList<>();
        for (String path : PATHS) {
            physical(path, site.get().directories()).ifPresent(dir -> result.add(new WebConfig(
                    site.get().name() + (path.equals("/") ? "" : path), dir + "\\web.config")));
        }
        return result;
    }

    /**
     * The folder of the site's W3C logs: its log directory, else IIS's default, plus {@code W3SVC<id>}.
     *
     * @param iis the collected IIS configuration
     * @return the folder (may hold {@code %SystemDrive%}), or empty when the site has no id
     */
    static Optional<LogFolder> w3cLogFolder(IisConfiguration iis) {
        Optional<IisSites.Site> site = site(iis).filter(s -> !s.id().equals("?"));
        if (site.isEmpty()) {
            return Optional.empty();
        }
        String directory = site.get().logDirectory().orElse("%SystemDrive%\\inetpub\\logs\\LogFiles");
        String w3svc = "W3SVC" + site.get().id();
        return Optional.of(new LogFolder(directory.replaceAll("[\\\\/]+$", "") + "\\" + w3svc, w3svc));
    }

    /**
     * The physical folder of {@code CertSrv/mscep} in the site that hosts it, as IIS writes it
     * (possibly with {@code %windir%}, which cmd expands).
     *
     * @param iis the collected IIS configuration
     * @return the folder, or empty when no site hosts the SCEP application
     */
    static Optional<String> scepFolder(IisConfiguration iis) {
        return IisSites.scepSite(iis).flatMap(s -> physical(IisSites.SCEP_APPLICATION, s.directories()));
    }

    private static Optional<IisSites.Site> site(IisConfiguration iis) {
        return IisSites.scepSite(iis).or(() -> IisSites.of(iis).stream().findFirst());
    }

    /** The folder of a virtual path: the longest virtual directory that contains it, plus the rest. */
    private static Optional<String> physical(String path, List<IisSites.VirtualDirectory> directories) {
        String lower = path.toLowerCase(Locale.ROOT);
        IisSites.VirtualDirectory best = null;
        for (IisSites.VirtualDirectory d : directories) {
            String v = d.path().toLowerCase(Locale.ROOT);
            boolean contains = lower.equals(v) || v.equals("/") || lower.startsWith(v + "/");
            if (contains && (best == null || v.length() > best.path().length())) {
                best = d;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String rest = best.path().equals("/") ? path : path.substring(best.path().length());
        String dir = best.physicalPath().replaceAll("[\\\\/]+$", "");
        return Optional.of(rest.isEmpty() || rest.equals("/") ? dir : dir + rest.replace('/', '\\'));
    }
}
