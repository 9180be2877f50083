package dev.ndesdiag.iis;

import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The sites of applicationHost.config with their applications and bindings. */
public final class IisSites {

    /** The SCEP application's path inside its site, as the NDES installer creates it. */
    public static final String SCEP_APPLICATION = "/CertSrv/mscep";

    private IisSites() {
    }

    /**
     * One binding of a site.
     *
     * @param protocol {@code http} or {@code https}
     * @param ip the IP, {@code *} for all unassigned
     * @param port the port, -1 when unreadable
     * @param host the host header / SNI name, empty when none
     * @param sni whether {@code sslFlags} requires SNI (bit 1)
     * @param centralCertificateStore whether {@code sslFlags} takes the certificate from the Central
     *     Certificate Store (bit 2), so HTTP.sys holds a {@code SslCcsBindingInfo} entry for the port
     * @see <a href="https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/site/bindings/binding">binding element, sslFlags</a>
     */
    public record Binding(String protocol, String ip, int port, String host, boolean sni, boolean centralCertificateStore) {

        /** @return the binding as IIS Manager shows it, such as {@code https *:443:} */
        public String display() {
            return protocol + " " + ip + ":" + port + ":" + host;
        }
    }

    /**
     * One virtual directory: where a virtual path of the site lives on disk.
     *
     * @param path the virtual path inside the site (application path and directory path joined), such as {@code /CertSrv/mscep}
     * @param physicalPath the folder as IIS writes it, possibly with {@code %SystemDrive%}
     */
    public record VirtualDirectory(String path, String physicalPath) {
    }

    /**
     * One site.
     *
     * @param name the site's name
     * @param id the site's id
     * @param applications the application paths, such as {@code /CertSrv/mscep}
     * @param bindings the bindings
     * @param directories the virtual directories of all its applications
     * @param logDirectory the folder of its W3C logs (its own {@code logFile}, else the site defaults'), when set
     */
    public record Site(String name, String id, List<String> applications, List<Binding> bindings,
            List<VirtualDirectory> directories, Optional<String> logDirectory) {

        /** Validates and copies the components. */
        public Site {
            applications = List.copyOf(applications);
            bindings = List.copyOf(bindings);
            directories = List.copyOf(directories);
        }

        /** @return whether the site hosts the SCEP application */
        public boolean hostsScep() {
            return applications.stream().anyMatch(a -> a.equalsIgnoreCase(SCEP_APPLICATION));
        }

        /** @return the site's HTTPS bindings */
        public List<Binding> https() {
            return bindings.stream().filter(b -> b.protocol().equalsIgnoreCase("https")).toList();
        }
    }

    /**
     * Reads the sites.
     *
     * @param iis the IIS configuration; never null
     * @return the sites in file order; empty when applicationHost.config has none
     */
    public static List<Site> of(IisConfiguration iis) {
        List<Site> result = new ArrayList<>();
        Optional<XmlElement> sites = iis.applicationHost().flatMap(r -> r.find("system.applicationHost/sites"));
        Optional<String> defaultLogDirectory = sites.flatMap(s -> s.find("siteDefaults/logFile"))
                .flatMap(l -> l.attribute("directory"));
        for (XmlElement site : sites.map(s -> s.children("site")).orElse(List.of())) {
            List<String> apps = site.children("application").stream()
                    .map(a -> a.attribute("path").orElse("/")).toList();
            List<Binding> bindings = new ArrayList<>();
            for (XmlElement b : site.child("bindings").map(x -> x.children("binding")).orElse(List.of())) {
                bindings.add(binding(b));
            }
            result.add(new Site(site.attribute("name").orElse("?"), site.attribute("id").orElse("?"), apps, bindings,
                    directories(site), site.find("logFile").flatMap(l -> l.attribute("directory")).or(() -> defaultLogDirectory)));
        }
        return result;
    }

    private static List<VirtualDirectory> directories(XmlElement site) {
        List<VirtualDirectory> result = new ArrayList<>();
        for (XmlElement app : site.children("application")) {
            String appPath = app.attribute("path").orElse("/");
            for (XmlElement vdir : app.children("virtualDirectory")) {
                String vdirPath = vdir.attribute("path").orElse("/");
                String path = vdirPath.equals("/") ? appPath : (appPath.equals("/") ? "" : appPath) + vdirPath;
                vdir.attribute("physicalPath").ifPresent(p -> result.add(new VirtualDirectory(path, p)));
            }
        }
        return result;
    }

    /**
     * Returns the site that hosts the SCEP application.
     *
     * @param iis the IIS configuration; never null
     * @return the site, or empty
     */
    public static Optional<Site> scepSite(IisConfiguration iis) {
        return of(iis).stream().filter(Site::hostsScep).findFirst();
    }

    private static Binding binding(XmlElement b) {
        String protocol = b.attribute("protocol").orElse("").toLowerCase(Locale.ROOT);
        String info = b.attribute("bindingInformation").orElse("");
        String ip = "*";
        int port = -1;
        String host = "";
        int last = info.lastIndexOf(':');
        int portColon = last < 0 ? -1 : info.lastIndexOf(':', last - 1);
        if (last >= 0 && portColon >= 0) {
            ip = info.substring(0, portColon);
            host = info.substring(last + 1);
            try {
                port = Integer.parseInt(info.substring(portColon + 1, last));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        int flags = 0;
        try {
            flags = Integer.parseInt(b.attribute("sslFlags").orElse("0").strip());
        } catch (NumberFormatException e) {
            flags = 0;
        }
        return new Binding(protocol, ip.isEmpty() ? "*" : ip, port, host, (flags & 1) != 0, (flags & 2) != 0);
    }
}
