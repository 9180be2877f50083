package dev.ndesdiag.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HealthyServer;
import dev.ndesdiag.fixtures.IisFixtures;
import dev.ndesdiag.fixtures.RegExport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Healthy but unusual IIS and HTTP.sys layouts: the IIS checks and the HTTPS binding check never
 * say FAIL (or WARN) on them. Each variant starts from {@link HealthyServer} and changes only the
 * site's bindings, HTTP.sys's table or the command output.
 */
class HealthyIisVariantsTest {

    private static final String HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";
    private static final String FQDN = HealthyServer.FQDN;
    /** The checks this suite holds to no FAIL and no WARN on every variant. */
    private static final Set<String> JUDGED = Set.of("iis-request-filtering", "crp-authentication", "https-binding-certificate");

    @TempDir
    Path dir;

    /** The variants, each a healthy server in the field. */
    enum Variant {
        /** Only an SNI binding for the server's name; another site's certificate sits on 0.0.0.0:443. */
        SNI_ONLY,
        /** The HTTPS binding on the server's own IP, with HTTP.sys's entry for that IP. */
        IP_SPECIFIC,
        /** Hardened: no HTTP binding and no mscep_admin application. */
        HARDENED,
        /** The certificate comes from the IIS Central Certificate Store (sslFlags 3). */
        CENTRAL_CERTIFICATE_STORE,
        /** The certificate is in IIS's Web Hosting store, which the collector exports. */
        WEB_HOSTING_STORE,
        /** No registry export of HTTP.sys's bindings, only netsh output from a German Windows. */
        GERMAN_NETSH
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void aHealthyVariantIsNeverAFailOrAWarning(Variant variant) throws Exception {
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir));
        String tp = tlsThumbprint();
        String other = Files.list(dir.resolve("certs/My")).map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".cer") && !n.startsWith(tp)).findFirst().orElseThrow().replace(".cer", "");
        String appHost = IisFixtures.runningAs("CONTOSO\\svc_ndes")
                .replace("maxQueryString=\"65536\"", "maxUrl=\"65534\" maxQueryString=\"65536\"");
        RegExport http = new RegExport().key(HTTP).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 65534);
        switch (variant) {
            case SNI_ONLY -> {
                appHost = https(appHost, "*:443:" + FQDN + "\" sslFlags=\"1");
                http = bind(bind(http, "SslBindingInfo", "0.0.0.0:443", other, "MY"), "SslSniBindingInfo", FQDN + ":443", tp, "MY");
            }
            case IP_SPECIFIC -> {
                appHost = https(appHost, "10.0.0.5:443:");
                http = bind(bind(http, "SslBindingInfo", "0.0.0.0:443", other, "MY"), "SslBindingInfo", "10.0.0.5:443", tp, "MY");
            }
            case HARDENED -> {
                appHost = appHost.replaceAll("(?s)<application path=\"/CertSrv/mscep_admin\".*?</application>", "")
                        .replace("<binding protocol=\"http\" bindingInformation=\"*:80:\" />", "");
                http = bind(http, "SslBindingInfo", "0.0.0.0:443", tp, "MY");
            }
            case CENTRAL_CERTIFICATE_STORE -> {
                appHost = https(appHost, "*:443:" + FQDN + "\" sslFlags=\"3");
                http = http.key(HTTP + "\\SslCcsBindingInfo\\0.0.0.0:443").string("AppId", "{4dc3e181-e14b-4a21-b022-59fc669b0914}");
            }
            case WEB_HOSTING_STORE -> {
                Files.createDirectories(dir.resolve("certs/WebHosting"));
                Files.move(dir.resolve("certs/My/" + tp + ".cer"), dir.resolve("certs/WebHosting/" + tp + ".cer"));
                Files.move(dir.resolve("certs/My/" + tp + ".json"), dir.resolve("certs/WebHosting/" + tp + ".json"));
                http = bind(http, "SslBindingInfo", "0.0.0.0:443", tp, "WebHosting");
            }
            case GERMAN_NETSH -> b.utf16("commands/netsh-http-sslcert.txt", "\r\nSSL-Zertifikatbindungen:\r\n"
                    + "-------------------------\r\n\r\n"
                    + "    IP:Port                      : 0.0.0.0:443\r\n"
                    + "    Zertifikathash              : " + tp.toLowerCase() + "\r\n"
                    + "    Anwendungs-ID                : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
                    + "    Zertifikatspeichername       : My\r\n\r\n");
            default -> throw new IllegalStateException(variant.name());
        }
        b.text("iis/applicationHost.config", appHost).registry("http-parameters.reg", http);
        List<Check> all = new ArrayList<>();
        ServiceLoader.load(Check.class).forEach(all::add);
        Report report = Analysis.run(dir, all.toArray(Check[]::new));
        assertThat(report.results()).extracting(CheckOutcome::id).containsAll(JUDGED);
        for (CheckOutcome o : report.results()) {
            // the IIS checks stay quiet; no check at all may cry wolf
            assertThat(o.status()).as("%s on %s: %s", o.id(), variant, o.result().findings())
                    .isIn(JUDGED.contains(o.id()) ? new Status[] {Status.PASS, Status.SKIPPED}
                            : new Status[] {Status.PASS, Status.WARN, Status.SKIPPED});
        }
        Map<Variant, Status> expectedHttps = Map.of(Variant.CENTRAL_CERTIFICATE_STORE, Status.SKIPPED);
        assertThat(report.results()).filteredOn(o -> o.id().equals("https-binding-certificate")).singleElement()
                .extracting(CheckOutcome::status).isEqualTo(expectedHttps.getOrDefault(variant, Status.PASS));
    }

    private static String https(String appHost, String bindingInformation) {
        return appHost.replace("<binding protocol=\"https\" bindingInformation=\"*:443:\" />",
                "<binding protocol=\"https\" bindingInformation=\"" + bindingInformation + "\" />");
    }

    private static RegExport bind(RegExport r, String table, String endpoint, String thumbprint, String store) {
        return r.key(HTTP + "\\" + table + "\\" + endpoint).binary("SslCertHash", HexFormat.of().parseHex(thumbprint))
                .string("SslCertStoreName", store);
    }

    /** The healthy server's TLS certificate: the one in My that names the server. */
    private String tlsThumbprint() throws Exception {
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        try (Stream<Path> files = Files.list(dir.resolve("certs/My"))) {
            for (Path p : files.filter(x -> x.toString().endsWith(".cer")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    X509Certificate c = (X509Certificate) f.generateCertificate(in);
                    if (c.getSubjectX500Principal().getName().contains(FQDN)) {
                        return p.getFileName().toString().replace(".cer", "");
                    }
                }
            }
        }
        throw new AssertionError("no TLS certificate in the healthy server");
    }
}
