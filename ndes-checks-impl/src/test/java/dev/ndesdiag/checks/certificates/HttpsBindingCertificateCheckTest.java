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
    void warnsWhenTheExternalNameIsMissingAndNoApplicationProxyIsInFront() {
        BundleBuilder b = server(IisFixtures.applicationPoolIdentity(), tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH));
        b.text("manifest.json", "{\"format\":\"ndes-snapshot\",\"formatVersion\":1,\"collectedAt\":\"2026-11-20T10:15:00Z\","
                + "\"host\":{\"fqdn\":\"" + FQDN + "\"},\"externalUrl\":\"https://scep.contoso.com/certsrv/mscep/mscep.dll\"}");
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("HTTPS_CERT_MISSING_EXTERNAL_NAME");
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
    void warnsWhenTheBindingIsOnASpecificIp() {
        String specific = IisFixtures.applicationPoolIdentity().replace("bindingInformation=\"*:443:\"", "bindingInformation=\"10.0.0.5:443:\"");
        CheckOutcome o = check(server(specific, tls(FQDN, List.of(FQDN), TestPki.SERVER_AUTH)));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).contains("HTTPS_BINDING_SPECIFIC_IP");
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
}
