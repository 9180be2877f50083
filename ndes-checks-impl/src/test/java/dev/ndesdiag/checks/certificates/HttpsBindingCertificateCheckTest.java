package dev.ndesdiag.checks.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.IisFixtures;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.fixtures.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SCEP site's HTTPS binding must serve a valid certificate with the right names, or TLS fails (12175). */
class HttpsBindingCertificateCheckTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;
    private static final String FQDN = "ndes01.corp.contoso.com";
    private static final String HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";
    private static TestPki.Issued ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        ca = TestPki.root("CN=Contoso CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(900)));
    }

    private static TestPki.Issued tls(String cn, List<String> names, String... ekus) {
        return TestPki.tls("CN=" + cn, ca, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(300)), names, ekus);
    }

    private BundleBuilder server(String applicationHost, TestPki.Issued bound) {
        return BundleBuilder.in(dir).certificate("Root", ca.certificate()).myCertificateWithKey(bound.certificate())
                .text("iis/applicationHost.config", applicationHost)
                .registry("http.reg", new RegExport().key(HTTP + "\\SslBindingInfo").key(HTTP + "\\SslBindingInfo\\0.0.0.0:443")
                        .binary("SslCertHash", HexFormat.of().parseHex(BundleBuilder.thumbprint(bound.certificate())))
                        .string("SslCertStoreName", "MY"));
    }

    private static CheckOutcome check(BundleBuilder b) {
        return Analysis.outcome(b.dir(), new HttpsBindingCertificateCheck());
    }

    @Test
    void passesWithAServerAuthenticationCertificateNamingTheServer() {
        CheckOutcome o = check(server(IisFixtures.applicationPoolIdentity(), tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH)));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_FIT");
    }

    @Test
    void failsWhenTheCertificateLacksServerAuthentication() {
        CheckOutcome o = check(server(IisFixtures.applicationPoolIdentity(), tls(FQDN, List.of(FQDN), TestPki.CLIENT_AUTH)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).contains("HTTPS_CERT_NO_SERVER_AUTH");
    }

    @Test
    void failsWith12175WhenTheCertificateNamesOnlyTheExternalHost() {
        CheckOutcome o = check(server(IisFixtures.applicationPoolIdentity(),
                tls("scep.contoso.com", List.of("scep.contoso.com"), TestPki.SERVER_AUTH)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().stream().filter(x -> x.code().equals("HTTPS_CERT_WRONG_NAME")).findFirst().orElseThrow();
        assertThat(f.message()).contains("12175").contains(FQDN);
    }

    @Test
    void acceptsAWildcardCoveringTheServer() {
        CheckOutcome o = check(server(IisFixtures.applicationPoolIdentity(),
                tls("*.corp.contoso.com", List.of("*.corp.contoso.com"), TestPki.SERVER_AUTH)));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void anExternalNameMissingFromTheCertificateIsNotJudgedBecauseAnApplicationProxyPresentsItsOwn() {
        // Entra application proxy on a custom domain presents its own certificate and reaches NDES by the internal URL
        // (memdocs certificates-scep-configure.md, server authentication certificate); A25.
        BundleBuilder b = server(IisFixtures.applicationPoolIdentity(), tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH));
        b.text("manifest.json", "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\","
                + "\"host\":{\"fqdn\":\"" + FQDN + "\"},\"externalUrl\":\"https://scep.contoso.com/certsrv/mscep/mscep.dll\"}");
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("HTTPS_CERT_FIT", "HTTPS_CERT_EXTERNAL_NAME_NOT_JUDGED");
    }

    @Test
    void anHttpsCertificateExpiringIn20DaysWarnsAndIsNotCalledFit() {
        TestPki.Issued soon = TestPki.tls("CN=" + FQDN, ca, NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(20)),
                List.of(FQDN), TestPki.SERVER_AUTH);
        CheckOutcome o = check(server(IisFixtures.applicationPoolIdentity(), soon));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_EXPIRING_SOON");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("daysLeft", 20L)
                .containsEntry("binding", "https *:443:").containsEntry("httpSysEndpoint", "0.0.0.0:443");
    }

    @Test
    void aHandCollectedBundleWithoutTheKeySidecarSkipsTheKeyAndStillCallsTheCertificateFit() {
        // SKIPPED findings are no verdict: the certificate's other facts still pass
        TestPki.Issued bound = tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH);
        BundleBuilder b = server(IisFixtures.applicationPoolIdentity(), bound)
                .remove("certs/My/" + BundleBuilder.thumbprint(bound.certificate()) + ".json");
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_FIT", "HTTPS_KEY_UNKNOWN");
    }

    @Test
    void anExternalNameTheCertificateCarriesIsNotMentioned() {
        BundleBuilder b = server(IisFixtures.applicationPoolIdentity(),
                tls(FQDN, List.of(FQDN, "scep.contoso.com"), TestPki.SERVER_AUTH));
        b.text("manifest.json", "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\","
                + "\"host\":{\"fqdn\":\"" + FQDN + "\"},\"externalUrl\":\"https://SCEP.contoso.com/certsrv/mscep/mscep.dll\"}");
        assertThat(check(b).result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_FIT");
    }

    @Test
    void failsWhenTheSiteHasNoHttpsBinding() {
        String httpOnly = IisFixtures.applicationPoolIdentity().replace("<binding protocol=\"https\" bindingInformation=\"*:443:\" />", "");
        CheckOutcome o = check(server(httpOnly, tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("HTTPS_BINDING_MISSING");
    }

    @Test
    void failsWhenHttpSysHoldsNoCertificateForTheBinding() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .myCertificateWithKey(tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH).certificate())
                .registry("http.reg", new RegExport().key(HTTP + "\\SslBindingInfo"));
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("HTTPS_BINDING_NO_CERTIFICATE");
    }

    @Test
    void aBindingWhoseSslCertHashLineIsBrokenIsAnErrorNamingTheLineNotABindingWithoutCertificate() {
        // a hex line cut short: HTTP.sys holds a binding for 0.0.0.0:443, but the bundle cannot show its certificate
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .myCertificateWithKey(tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH).certificate())
                .registry("http.reg", new RegExport().key(HTTP + "\\SslBindingInfo").key(HTTP + "\\SslBindingInfo\\0.0.0.0:443")
                        .raw("\"SslCertHash\"=hex:4f,2b,8d,1z").string("SslCertStoreName", "MY"));
        CheckOutcome o = check(b);
        Analysis.unreadableLine(o, "registry/http.reg", "SslCertHash", "hex:4f,2b,8d,1z");
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("HTTPS_BINDING_NO_CERTIFICATE");
    }

    /** The hardened layout: no HTTP binding, no mscep_admin, HTTPS only. */
    private static String bindings(String httpsBindings) {
        return IisFixtures.applicationPoolIdentity()
                .replaceAll("(?s)<application path=\"/CertSrv/mscep_admin\".*?</application>", "")
                .replace("<binding protocol=\"http\" bindingInformation=\"*:80:\" />\n", "")
                .replace("<binding protocol=\"https\" bindingInformation=\"*:443:\" />", httpsBindings);
    }

    private static RegExport withBinding(RegExport r, String table, String endpoint, TestPki.Issued cert, String store) {
        return r.key(HTTP + "\\" + table + "\\" + endpoint)
                .binary("SslCertHash", HexFormat.of().parseHex(BundleBuilder.thumbprint(cert.certificate())))
                .string("SslCertStoreName", store);
    }

    @Test
    void anIpSpecificBindingIsJudgedByItsOwnHttpSysEntryAndIsHealthy() {
        // netsh http add sslcert ipport=10.0.0.5:443: HTTP.sys serves that address's own entry, not 0.0.0.0:443
        // https://learn.microsoft.com/en-us/windows-server/networking/technologies/netsh/netsh-http
        TestPki.Issued good = tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH);
        TestPki.Issued unrelated = tls("reports.contoso.com", List.of("reports.contoso.com"), TestPki.CLIENT_AUTH);
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate()).myCertificateWithKey(good.certificate())
                .myCertificateWithKey(unrelated.certificate())
                .text("iis/applicationHost.config", bindings("<binding protocol=\"https\" bindingInformation=\"10.0.0.5:443:\" />"))
                .registry("http.reg", withBinding(withBinding(new RegExport(), "SslBindingInfo", "0.0.0.0:443", unrelated, "MY"),
                        "SslBindingInfo", "10.0.0.5:443", good, "MY"));
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_FIT");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("httpSysEndpoint", "10.0.0.5:443");
    }

    @Test
    void anSniOnlySiteIsJudgedByItsHostnameBindingNotByAnUnrelatedWildcardBinding() {
        // sslFlags bit 1 = SNI: HTTP.sys looks the certificate up by hostname:port (SslSniBindingInfo); A21.
        // https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/site/bindings/binding
        TestPki.Issued good = tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH);
        TestPki.Issued unrelated = tls("reports.contoso.com", List.of("reports.contoso.com"), TestPki.CLIENT_AUTH);
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate()).myCertificateWithKey(good.certificate())
                .myCertificateWithKey(unrelated.certificate())
                .text("iis/applicationHost.config", bindings("<binding protocol=\"https\" bindingInformation=\"*:443:" + FQDN
                        + "\" sslFlags=\"1\" />"))
                .registry("http.reg", withBinding(withBinding(new RegExport(), "SslBindingInfo", "0.0.0.0:443", unrelated, "MY"),
                        "SslSniBindingInfo", FQDN + ":443", good, "MY"));
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("httpSysEndpoint", FQDN + ":443");
    }

    @Test
    void anSniBindingWithoutItsHostnameEntryHasNoCertificateEvenWhenAWildcardEntryExists() {
        TestPki.Issued unrelated = tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH);
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate()).myCertificateWithKey(unrelated.certificate())
                .text("iis/applicationHost.config", bindings("<binding protocol=\"https\" bindingInformation=\"*:443:" + FQDN
                        + "\" sslFlags=\"1\" />"))
                .registry("http.reg", withBinding(new RegExport(), "SslBindingInfo", "0.0.0.0:443", unrelated, "MY"));
        assertThat(check(b).result().findings()).extracting(Finding::code).containsExactly("HTTPS_BINDING_NO_CERTIFICATE");
    }

    @Test
    void aCentralCertificateStoreBindingIsNotJudgedBecauseTheCertificateIsOnTheShare() {
        // sslFlags bit 2 = Central Certificate Store: HTTP.sys holds SslCcsBindingInfo for the port, no hash; A24.
        // https://learn.microsoft.com/en-us/iis/get-started/whats-new-in-iis-8/iis-80-centralized-ssl-certificate-support-ssl-scalability-and-manageability
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate())
                .myCertificateWithKey(tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH).certificate())
                .text("iis/applicationHost.config", bindings("<binding protocol=\"https\" bindingInformation=\"*:443:" + FQDN
                        + "\" sslFlags=\"3\" />"))
                .registry("http.reg", new RegExport().key(HTTP + "\\SslCcsBindingInfo\\0.0.0.0:443")
                        .string("AppId", "{4dc3e181-e14b-4a21-b022-59fc669b0914}"));
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_ON_CENTRAL_STORE");
    }

    @Test
    void aWebHostingStoreCertificateIsSkippedWhenThatStoreWasNotCollected() {
        // SslCertStoreName WebHosting: IIS 8's Web Hosting store (netsh http add sslcert ... certstorename=WebHosting); A23.
        TestPki.Issued cert = tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH);
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate())
                .myCertificateWithKey(tls("other", List.of("other.contoso.com"), TestPki.SERVER_AUTH).certificate())
                .text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .registry("http.reg", withBinding(new RegExport(), "SslBindingInfo", "0.0.0.0:443", cert, "WebHosting"));
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("HTTPS_CERT_STORE_NOT_COLLECTED");
        assertThat(f.evidence()).containsEntry("store", "WebHosting");
    }

    @Test
    void aWebHostingStoreCertificateIsJudgedWhenThatStoreWasCollected() {
        TestPki.Issued cert = tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH);
        String tp = BundleBuilder.thumbprint(cert.certificate());
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate())
                .myCertificateWithKey(tls("other", List.of("other.contoso.com"), TestPki.SERVER_AUTH).certificate())
                .certificate("WebHosting", cert.certificate())
                .text("certs/WebHosting/" + tp + ".json", "{\"hasPrivateKey\": true, \"keyStorage\": \"CNG\", \"keyProvider\": "
                        + "\"Microsoft Software Key Storage Provider\", \"archived\": false}")
                .text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .registry("http.reg", withBinding(new RegExport(), "SslBindingInfo", "0.0.0.0:443", cert, "WebHosting"));
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_FIT");
    }

    @Test
    void aGermanNetshCaptureIsReadWhenTheRegistryWasNotExported() {
        // Labels as a German Windows prints them ("SSL-Zertifikatbindungen", "IP:Port", "Zertifikathash": a public capture
        // of netsh on German Windows Server, ScriptRunner notes; the remaining labels follow the same translation).
        TestPki.Issued cert = tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH);
        String tp = BundleBuilder.thumbprint(cert.certificate()).toLowerCase();
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate()).myCertificateWithKey(cert.certificate())
                .text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .utf16("commands/netsh-http-sslcert.txt", "\r\nSSL-Zertifikatbindungen:\r\n-------------------------\r\n\r\n"
                        + "    IP:Port                      : 0.0.0.0:443\r\n"
                        + "    Zertifikathash              : " + tp + "\r\n"
                        + "    Anwendungs-ID                : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
                        + "    Zertifikatspeichername       : My\r\n"
                        + "    Clientzertifikatsperrung überprüfen : Enabled\r\n"
                        + "    Aktualisierungszeit der Sperrung : 0\r\n\r\n");
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_FIT");
    }

    @Test
    void isSkippedNamingTheRegistryKeyWhenHttpSysBindingsWereNotCollected() {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .myCertificateWithKey(tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH).certificate());
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).contains("SslBindingInfo");
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("reg export \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\"").contains("netsh http show sslcert"));
    }

    @Test
    void failsWhenHttpSysServesACertificateThatIsNotInItsStore() {
        // the certificate was deleted (or renewed and removed) but the HTTP.sys binding still names it: TLS fails
        TestPki.Issued gone = tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH);
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate())
                .myCertificateWithKey(tls("other", List.of("other.contoso.com"), TestPki.SERVER_AUTH).certificate())
                .text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .registry("http.reg", withBinding(new RegExport(), "SslBindingInfo", "0.0.0.0:443", gone, "MY"));
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_MISSING");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("thumbprint", BundleBuilder.thumbprint(gone.certificate()))
                .containsEntry("store", "MY");
    }

    @Test
    void isSkippedWhenNoSiteHostsMscep() {
        String noScep = IisFixtures.applicationPoolIdentity().replace("/CertSrv/mscep\"", "/CertSrv/other\"")
                .replace("/CertSrv/mscep_admin\"", "/CertSrv/other_admin\"");
        CheckOutcome o = check(server(noScep, tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH)));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SCEP_SITE_NOT_FOUND");
    }

    @Test
    void aCentralCertificateStoreBindingWithoutAHostNameSendsTheEngineerToTheServersNameOnTheShare() {
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate())
                .myCertificateWithKey(tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH).certificate())
                .text("iis/applicationHost.config", bindings("<binding protocol=\"https\" bindingInformation=\"*:443:\" sslFlags=\"2\" />"))
                .registry("http.reg", new RegExport().key(HTTP + "\\SslCcsBindingInfo\\0.0.0.0:443")
                        .string("AppId", "{4dc3e181-e14b-4a21-b022-59fc669b0914}"));
        CheckOutcome o = check(b);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_ON_CENTRAL_STORE");
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("Check the certificate for the server's name on the Central Certificate Store share"));
    }
}
