package dev.ndesdiag.checks.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
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

/**
 * The policy module's client certificate must be present, valid and fit, or the SCEP pool answers 503. Microsoft
 * documents one certificate for both roles or a separate client-authentication certificate; both are healthy
 * (https://learn.microsoft.com/mem/intune/protect/certificates-scep-configure).
 */
class NdesPolicySslBindingCheckTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;
    private static final String FQDN = "ndes01.corp.contoso.com";
    private static final String HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";
    private static TestPki.Issued ca;
    private static TestPki.Issued current;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        ca = TestPki.root("CN=Contoso CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(900)));
        current = tls(List.of(FQDN, "scep.contoso.com"), 300, TestPki.SERVER_AUTH, TestPki.CLIENT_AUTH);
    }

    private static TestPki.Issued tls(List<String> names, long days, String... ekus) {
        return TestPki.tls("CN=" + FQDN, ca, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(days)), names, ekus);
    }

    private BundleBuilder server(TestPki.Issued bound, String ndesCertThumbprint, TestPki.Issued... inMy) {
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate())
                .text("iis/applicationHost.config", dev.ndesdiag.fixtures.IisFixtures.applicationPoolIdentity())
                .registry("mscep.reg", new RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP")
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy")
                        .string("NDESCertThumbprint", ndesCertThumbprint))
                .registry("http.reg", new RegExport().key(HTTP + "\\SslBindingInfo")
                        .key(HTTP + "\\SslBindingInfo\\0.0.0.0:443")
                        .binary("SslCertHash", HexFormat.of().parseHex(BundleBuilder.thumbprint(bound.certificate())))
                        .string("SslCertStoreName", "MY"));
        for (TestPki.Issued c : inMy) {
            b.myCertificateWithKey(c.certificate());
        }
        return b;
    }

    private static CheckOutcome check(BundleBuilder b) {
        return Analysis.outcome(b.dir(), new NdesPolicySslBindingCheck());
    }

    private static String tp(TestPki.Issued c) {
        return BundleBuilder.thumbprint(c.certificate());
    }

    @Test
    void passesWhenThePolicyModuleUsesTheBoundCertificate() {
        CheckOutcome o = check(server(current, tp(current), current));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_POLICY_CERT_FIT", "NDES_POLICY_SAME_AS_HTTPS");
    }

    @Test
    void acceptsAThumbprintPastedWithSpacesAndInLowerCase() {
        String pasted = "\u200e" + tp(current).toLowerCase().replaceAll("(..)", "$1 ").strip();
        assertThat(check(server(current, pasted, current)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aThumbprintCutShortWhenPastedIsNamedWithItsTextNotCalledUnset() {
        String cut = tp(current).substring(0, 30);
        CheckOutcome o = check(server(current, cut, current));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_POLICY_THUMBPRINT_INVALID");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("configured", cut);
    }

    @Test
    void aThumbprintLineTheReaderCannotDecodeIsAnErrorNamingFileValueAndTextNotCalledUnset() {
        // the bytes of the value are broken (no closing quote): nothing says what the policy module reads,
        // so this is an ERROR naming the export, the value and its raw text, not "is not set"
        BundleBuilder b = server(current, tp(current), current).registry("mscep.reg", new RegExport()
                .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP")
                .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy")
                .raw("\"NDESCertThumbprint\"=\"" + tp(current).substring(0, 20)));
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.ERROR);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("INPUT_UNREADABLE");
        assertThat(f.evidence()).containsEntry("file", "registry/mscep.reg").containsEntry("name", "NDESCertThumbprint")
                .containsEntry("raw", "\"" + tp(current).substring(0, 20));
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("NDES_POLICY_THUMBPRINT_ABSENT");
    }

    @Test
    void failsWithTheClassic503WhenTheCertificateWasRenewedAndThePolicyModuleStillNamesTheArchivedOne() {
        TestPki.Issued old = tls(List.of(FQDN), 20, TestPki.SERVER_AUTH, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(server(current, tp(old), current).archivedInMy(old.certificate()));
        assertThat(o.status()).as("%s", o.result().findings()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("NDES_POLICY_CERT_ARCHIVED");
        assertThat(f.message()).contains("HTTP 503").contains("archived");
        // Microsoft's fix: renew, reinstall the connector, restart the connector and W3SVC (no wizard certificate page)
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("reinstall the Certificate Connector")
                .contains("W3SVC").doesNotContain("choose the certificate"));
    }

    @Test
    void failsWhenThePolicyModuleStillNamesTheOldCertificateAndItExpired() {
        TestPki.Issued old = TestPki.tls("CN=" + FQDN, ca, NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(3)),
                List.of(FQDN), TestPki.SERVER_AUTH, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(server(current, tp(old), current, old));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).contains("NDES_POLICY_CERT_EXPIRED");
    }

    @Test
    void warnsWhileTheOldCertificateThePolicyModuleNamesIsStillValidButAboutToExpire() {
        TestPki.Issued old = tls(List.of(FQDN), 2, TestPki.SERVER_AUTH, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(server(current, tp(old), current, old));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).contains("NDES_POLICY_CERT_EXPIRING_SOON")
                .doesNotContain("NDES_POLICY_THUMBPRINT_STALE");
    }

    @Test
    void theDocumentedTwoCertificateLayoutIsHealthy() {
        TestPki.Issued serverAuth = tls(List.of(FQDN), 300, TestPki.SERVER_AUTH);
        TestPki.Issued clientAuth = tls(List.of(FQDN), 300, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(server(serverAuth, tp(clientAuth), serverAuth, clientAuth));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("NDES_POLICY_CERT_FIT", "NDES_POLICY_SEPARATE_CLIENT_CERT");
    }

    @Test
    void oneCertificateInBothRolesNeedsServerAuthenticationToo() {
        TestPki.Issued clientOnly = tls(List.of(FQDN), 300, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(server(clientOnly, tp(clientOnly), clientOnly));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).contains("NDES_POLICY_CERT_NO_SERVER_AUTH");
    }

    @Test
    void aHandCollectedBundleWithoutTheKeySidecarSkipsTheKeyOnly() {
        BundleBuilder b = server(current, tp(current)).certificate("My", current.certificate());
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).filteredOn(f -> f.code().equals("NDES_POLICY_KEY_UNKNOWN"))
                .singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.SKIPPED));
    }

    @Test
    void failsWhenTheCertificateLacksClientAuthentication() {
        TestPki.Issued serverOnly = tls(List.of(FQDN), 300, TestPki.SERVER_AUTH);
        CheckOutcome o = check(server(serverOnly, tp(serverOnly), serverOnly));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).contains("NDES_POLICY_CERT_NO_CLIENT_AUTH");
    }

    @Test
    void failsWhenTheCertificateDoesNotNameTheServer() {
        TestPki.Issued wrong = TestPki.tls("CN=scep.contoso.com", ca, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)),
                List.of("scep.contoso.com"), TestPki.SERVER_AUTH, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(server(wrong, tp(wrong), wrong));
        assertThat(o.result().findings()).extracting(Finding::code).contains("NDES_POLICY_CERT_WRONG_NAME");
    }

    @Test
    void failsWhenThePolicyModulesCertificateExpired() {
        TestPki.Issued expired = TestPki.tls("CN=" + FQDN, ca, NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(5)),
                List.of(FQDN), TestPki.SERVER_AUTH, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(server(expired, tp(expired), expired));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).contains("NDES_POLICY_CERT_EXPIRED");
    }

    @Test
    void failsWhenTheNamedCertificateIsNotOnTheServer() {
        TestPki.Issued gone = tls(List.of(FQDN), 300, TestPki.SERVER_AUTH, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(server(current, tp(gone), current));
        assertThat(o.status()).as("%s", o.result().findings()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_POLICY_CERT_MISSING");
    }

    @Test
    void readsTheBindingFromNetshWhenTheRegistryKeyWasNotCollected() {
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate()).myCertificateWithKey(current.certificate())
                .registry("mscep.reg", new RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy")
                        .string("NDESCertThumbprint", tp(current)))
                .utf16("commands/netsh-http-sslcert.txt", "\r\nSSL Certificate bindings: \r\n------------------------- \r\n\r\n"
                        + "    IP:port                      : 0.0.0.0:443 \r\n"
                        + "    Certificate Hash             : " + tp(current).toLowerCase() + "\r\n"
                        + "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914} \r\n"
                        + "    Certificate Store Name       : MY \r\n"
                        + "    Verify Client Certificate Revocation : Enabled\r\n"
                        + "    Disable TLS1.3               : Not Set\r\n"
                        + "    Extended Properties:\r\n     PropertyId                   : 0\r\n\r\n");
        assertThat(check(b).status()).isEqualTo(Status.PASS);
    }

    @Test
    void isSkippedWhenTheNewConnectorDidNotWriteTheValue() {
        BundleBuilder b = BundleBuilder.in(dir).myCertificateWithKey(current.certificate())
                .registry("mscep.reg", new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP")
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo").string("Configuration", "ca\\CA"));
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).code()).isEqualTo("NDES_POLICY_THUMBPRINT_ABSENT");
    }
    /** The policy module names {@code named}; HTTP.sys serves {@code bound} from the WebHosting store. */
    private BundleBuilder webHosting(TestPki.Issued bound, String named) {
        return BundleBuilder.in(dir).certificate("Root", ca.certificate())
                .text("iis/applicationHost.config", dev.ndesdiag.fixtures.IisFixtures.applicationPoolIdentity())
                .registry("mscep.reg", new RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy")
                        .string("NDESCertThumbprint", named))
                .registry("http.reg", new RegExport().key(HTTP + "\\SslBindingInfo\\0.0.0.0:443")
                        .binary("SslCertHash", HexFormat.of().parseHex(tp(bound))).string("SslCertStoreName", "WebHosting"))
                .folder("certs/My");
    }

    @Test
    void aPolicyCertificateThatIsTheHttpsCertificateInTheWebHostingStoreWarnsThatItIsNotInMy() {
        BundleBuilder b = webHosting(current, tp(current)).certificate("WebHosting", current.certificate())
                .text("certs/WebHosting/" + tp(current) + ".json", "{\"hasPrivateKey\": true, \"keyStorage\": \"CAPI\", "
                        + "\"keyProvider\": \"Microsoft Strong Cryptographic Provider\", \"archived\": false}");
        CheckOutcome o = check(b);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("NDES_POLICY_CERT_NOT_IN_MY", "NDES_POLICY_CERT_FIT", "NDES_POLICY_SAME_AS_HTTPS");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("store", "WebHosting");
        assertThat(o.result().findings().get(1).message()).contains("has Client Authentication and Server Authentication");
    }

    @Test
    void aPolicyCertificateServedFromAWebHostingStoreTheBundleLacksIsNotJudged() {
        CheckOutcome o = check(webHosting(current, tp(current)));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_POLICY_CERT_STORE_NOT_COLLECTED");
        assertThat(o.result().findings().get(0).message()).contains("from the WebHosting store");
    }

    @Test
    void aPolicyCertificateOtherThanTheUncollectedHttpsOneIsMissingWhenNoStoreHoldsIt() {
        // only the HTTPS certificate's own store is unknown; a separate client certificate belongs in My
        TestPki.Issued client = tls(List.of(FQDN), 300, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(webHosting(current, tp(client)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_POLICY_CERT_MISSING");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("ndesCertThumbprint", tp(client));
    }

    @Test
    void withoutHttpSysBindingsAClientOnlyCertificateIsFitAndTheLayoutIsNotJudged() {
        // whether it is also the HTTPS certificate is unknown, so Server Authentication is not asked of it
        TestPki.Issued clientOnly = tls(List.of(FQDN), 300, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(server(clientOnly, tp(clientOnly), clientOnly).remove("registry/http.reg"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_POLICY_CERT_FIT", "HTTPS_BINDING_NOT_COLLECTED");
        assertThat(o.result().findings().get(0).message()).isEqualTo("The policy module's certificate " + tp(clientOnly)
                + " is time-valid, has Client Authentication and the server's name.");
        assertThat(o.result().findings().get(1).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void theTwoCertificateLayoutNamesTheHttpsCertificateBesideThePolicyOne() {
        TestPki.Issued serverAuth = tls(List.of(FQDN), 300, TestPki.SERVER_AUTH);
        TestPki.Issued clientAuth = tls(List.of(FQDN), 300, TestPki.CLIENT_AUTH);
        Finding f = check(server(serverAuth, tp(clientAuth), serverAuth, clientAuth)).result().findings().get(1);
        assertThat(f.code()).isEqualTo("NDES_POLICY_SEPARATE_CLIENT_CERT");
        assertThat(f.message()).contains(tp(clientAuth) + ", separate from the HTTPS certificate " + tp(serverAuth) + ":");
        assertThat(f.evidence()).containsEntry("ndesCertThumbprint", tp(clientAuth))
                .containsEntry("httpsThumbprints", List.of(tp(serverAuth)));
    }

    @Test
    void aWrongNameFindingListsTheNamesTheCertificateHas() {
        TestPki.Issued wrong = TestPki.tls("CN=scep.contoso.com", ca, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)),
                List.of("scep.contoso.com"), TestPki.SERVER_AUTH, TestPki.CLIENT_AUTH);
        CheckOutcome o = check(server(wrong, tp(wrong), wrong));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_POLICY_CERT_WRONG_NAME", "NDES_POLICY_SAME_AS_HTTPS");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("host", FQDN);
        assertThat(o.result().findings().get(0).message()).contains("(names: scep.contoso.com)");
    }
}
