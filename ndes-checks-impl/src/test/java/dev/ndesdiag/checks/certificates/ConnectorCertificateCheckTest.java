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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The supported connector must be installed and signed in with a valid identity certificate. */
class ConnectorCertificateCheckTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;
    private static final String PFX = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector";
    private static TestPki.Issued intuneCa;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        intuneCa = TestPki.root("CN=Microsoft Intune ImportPFX Connector CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(900)));
    }

    private static TestPki.Issued identity(long daysLeft) {
        return TestPki.tls("CN=NDES01", intuneCa, NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(daysLeft)), List.of(),
                TestPki.CLIENT_AUTH);
    }

    private CheckOutcome check(RegExport intune, TestPki.Issued... my) {
        BundleBuilder b = BundleBuilder.in(dir).registry("intune.reg", intune);
        for (TestPki.Issued c : my) {
            b.myCertificateWithKey(c.certificate());
        }
        b.folder("certs/My");
        return Analysis.outcome(b.dir(), new ConnectorCertificateCheck());
    }

    private static RegExport newConnector(TestPki.Issued id) {
        return new RegExport().key(PFX).string("EncryptionCertThumbprint", BundleBuilder.thumbprint(id.certificate()))
                .dword("EnableSCEP", 1);
    }

    @Test
    void passesWithTheNewConnectorAndAValidIdentity() {
        TestPki.Issued id = identity(200);
        CheckOutcome o = check(newConnector(id), id);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_SCEP_ENABLED", "CONNECTOR_CERT_VALID");
    }

    @Test
    void aBrokenEnableScepLineIsAnErrorNamingTheLineNotScepUnknown() {
        // issue 9 point 3: a DWORD line the reader cannot decode says nothing about the SCEP feature
        TestPki.Issued id = identity(200);
        RegExport broken = new RegExport().key(PFX).string("EncryptionCertThumbprint", BundleBuilder.thumbprint(id.certificate()))
                .raw("\"EnableSCEP\"=dword:0000001x");
        CheckOutcome o = check(broken, id);
        Analysis.unreadableLine(o, "registry/intune.reg", "EnableSCEP", "dword:0000001x");
        assertThat(o.result().findings()).extracting(Finding::code)
                .doesNotContain("CONNECTOR_SCEP_FEATURE_UNKNOWN", "CONNECTOR_SCEP_DISABLED").contains("CONNECTOR_CERT_VALID");
    }

    @Test
    void aBrokenEncryptionCertThumbprintLineIsAnErrorNotAConnectorThatNeverSignedIn() {
        TestPki.Issued id = identity(200);
        String cut = "\"" + BundleBuilder.thumbprint(id.certificate()).substring(0, 20);
        RegExport broken = new RegExport().key(PFX).raw("\"EncryptionCertThumbprint\"=" + cut).dword("EnableSCEP", 1);
        CheckOutcome o = check(broken, id);
        Analysis.unreadableLine(o, "registry/intune.reg", "EncryptionCertThumbprint", cut);
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("CONNECTOR_NOT_SIGNED_IN");
    }

    @Test
    void failsWhenTheConnectorOnTheNdesServerHasItsScepFeatureDisabled() {
        TestPki.Issued id = identity(200);
        RegExport pkcsOnly = new RegExport().key(PFX).string("EncryptionCertThumbprint", BundleBuilder.thumbprint(id.certificate()))
                .dword("EnableSCEP", 0).dword("EnablePFxCreate", 1);
        CheckOutcome o = check(pkcsOnly, id);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("CONNECTOR_SCEP_DISABLED");
        assertThat(f.message()).contains("HTTP 200").contains("policy module");
    }

    @Test
    void anEnableScepWrittenAsTextOneCountsAsEnabled() {
        TestPki.Issued id = identity(200);
        RegExport text = new RegExport().key(PFX).string("EncryptionCertThumbprint", BundleBuilder.thumbprint(id.certificate()))
                .string("EnableSCEP", "1");
        assertThat(check(text, id).status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenTheConnectorsIdentityCertificateExpired() {
        TestPki.Issued id = identity(-12);
        CheckOutcome o = check(newConnector(id), id);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(1);
        assertThat(f.code()).isEqualTo("CONNECTOR_CERT_EXPIRED");
        assertThat(f.message()).contains("HTTP 403");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("Sign In"));
    }

    @Test
    void warnsAtThe30DayHorizon() {
        TestPki.Issued id = identity(25);
        assertThat(check(newConnector(id), id).result().findings()).extracting(Finding::code).contains("CONNECTOR_CERT_EXPIRING_SOON");
    }

    @Test
    void warnsThatTheLegacyConnectorIsUnsupported() {
        CheckOutcome o = check(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector")
                .string("SigningCertificate", "AB"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings().get(0).message()).contains("6.2109.51.0").contains("out of support");
    }

    @Test
    void failsWhenTheConnectorNeverSignedIn() {
        CheckOutcome o = check(new RegExport().key(PFX).dword("EnableSCEP", 1));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(1).code()).isEqualTo("CONNECTOR_NOT_SIGNED_IN");
    }

    @Test
    void failsWhenTheIdentityCertificateIsNotOnTheServer() {
        CheckOutcome o = check(newConnector(identity(200)));
        assertThat(o.result().findings().get(1).code()).isEqualTo("CONNECTOR_CERT_MISSING");
    }

    @ParameterizedTest(name = "{0} days left: {1} ({2})")
    @CsvSource({
        "61, CONNECTOR_CERT_VALID, PASS", "60, CONNECTOR_CERT_EXPIRING, PASS", "31, CONNECTOR_CERT_EXPIRING, PASS",
        "30, CONNECTOR_CERT_EXPIRING_SOON, WARN", "15, CONNECTOR_CERT_EXPIRING_SOON, WARN",
        "14, CONNECTOR_CERT_EXPIRING_URGENT, WARN", "0, CONNECTOR_CERT_EXPIRING_URGENT, WARN", "-1, CONNECTOR_CERT_EXPIRED, FAIL"})
    void theIdentityCertificateIsJudgedAgainstThe60_30_14DayHorizons(long daysLeft, String code, Status status) {
        TestPki.Issued id = identity(daysLeft);
        CheckOutcome o = check(newConnector(id), id);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_SCEP_ENABLED", code);
        Finding f = o.result().findings().get(1);
        assertThat(f.status()).isEqualTo(status);
        assertThat(f.evidence()).containsEntry("daysLeft", daysLeft)
                .containsEntry("thumbprint", BundleBuilder.thumbprint(id.certificate()))
                .containsEntry("issuer", "CN=Microsoft Intune ImportPFX Connector CA");
    }

    @Test
    void anIdentityCertificateNotYetValidFailsAndPointsAtTheClock() {
        TestPki.Issued id = TestPki.tls("CN=NDES01", intuneCa, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)),
                List.of(), TestPki.CLIENT_AUTH);
        CheckOutcome o = check(newConnector(id), id);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("CONNECTOR_SCEP_ENABLED", "CONNECTOR_CERT_NOT_YET_VALID");
        assertThat(o.result().findings().get(1).remediation()).hasValueSatisfying(r -> assertThat(r).contains("w32tm"));
    }

    @Test
    void theLegacyConnectorLeftBesideTheNewOneIsAWarningAndTheNewOneIsStillJudged() {
        TestPki.Issued id = identity(200);
        RegExport both = newConnector(id).key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector")
                .string("SigningCertificate", "AB");
        CheckOutcome o = check(both, id);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("CONNECTOR_LEGACY", "CONNECTOR_SCEP_ENABLED", "CONNECTOR_CERT_VALID");
        assertThat(o.result().findings().get(0).message()).contains("beside the new connector");
    }

    @Test
    void anEnableScepValueMissingFromTheExportIsUnknownNotDisabled() {
        TestPki.Issued id = identity(200);
        RegExport noFlag = new RegExport().key(PFX).string("EncryptionCertThumbprint", BundleBuilder.thumbprint(id.certificate()));
        CheckOutcome o = check(noFlag, id);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("CONNECTOR_SCEP_FEATURE_UNKNOWN", "CONNECTOR_CERT_VALID");
        assertThat(o.result().findings().get(0).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void failsWhenNeitherConnectorIsConfigured() {
        CheckOutcome o = check(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\Other")
                .string("x", "y"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_NOT_INSTALLED");
    }

    @Test
    void isSkippedWhenTheIntuneKeyWasNotCollected() {
        CheckOutcome o = check(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP"));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r).contains("MicrosoftIntune"));
    }
    @ParameterizedTest(name = "EnableSCEP written as {0}")
    @CsvSource({"dword 0", "dword 2", "text 0"})
    void anEnableScepOtherThanOneIsADisabledScepFeatureWhateverTheInstallerWroteItAs(String written) {
        // only 1 enables the feature, whether the installer wrote a REG_DWORD or the text "1"
        TestPki.Issued id = identity(200);
        RegExport r = new RegExport().key(PFX).string("EncryptionCertThumbprint", BundleBuilder.thumbprint(id.certificate()));
        String[] w = written.split(" ");
        r = w[0].equals("dword") ? r.dword("EnableSCEP", Integer.parseInt(w[1])) : r.string("EnableSCEP", w[1]);
        CheckOutcome o = check(r, id);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_SCEP_DISABLED", "CONNECTOR_CERT_VALID");
        String shown = w[0].equals("dword") ? w[1] + " (0x" + w[1] + ")" : w[1];
        assertThat(o.result().findings().get(0).evidence()).containsEntry("EnableSCEP", shown)
                .containsEntry("key", "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector");
        assertThat(o.result().findings().get(0).message()).contains("EnableSCEP = " + shown);
    }

    @Test
    void anIdentityThumbprintCopiedWithSpacesAndLowerCaseStillFindsTheCertificate() {
        // certlm.msc shows the thumbprint in lower-case pairs; a value pasted from there names the same certificate
        TestPki.Issued id = identity(200);
        String pasted = BundleBuilder.thumbprint(id.certificate()).toLowerCase().replaceAll("(..)", "$1 ").strip();
        CheckOutcome o = check(new RegExport().key(PFX).string("EncryptionCertThumbprint", pasted).dword("EnableSCEP", 1), id);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_SCEP_ENABLED", "CONNECTOR_CERT_VALID");
        assertThat(o.result().findings().get(1).evidence())
                .containsEntry("thumbprint", BundleBuilder.thumbprint(id.certificate()))
                .containsEntry("notAfter", id.certificate().getNotAfter().toInstant().toString());
    }

    @Test
    void anEncryptionCertThumbprintOfOnlySpacesMeansTheConnectorNeverSignedIn() {
        CheckOutcome o = check(new RegExport().key(PFX).string("EncryptionCertThumbprint", "   ").dword("EnableSCEP", 1));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_SCEP_ENABLED", "CONNECTOR_NOT_SIGNED_IN");
    }

    @Test
    void anIdentityCertificateMissingFromTheStoresNamesItsThumbprint() {
        TestPki.Issued id = identity(200);
        CheckOutcome o = check(newConnector(id));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_SCEP_ENABLED", "CONNECTOR_CERT_MISSING");
        assertThat(o.result().findings().get(1).evidence()).containsEntry("thumbprint", BundleBuilder.thumbprint(id.certificate()));
    }

    @Test
    void anExpiredIdentityCertificateSaysHowManyDaysAgoItExpired() {
        TestPki.Issued id = identity(-12);
        Finding f = check(newConnector(id), id).result().findings().get(1);
        assertThat(f.message()).contains("expired on " + id.certificate().getNotAfter().toInstant().toString().substring(0, 10)
                + " (12 days before collection)");
        assertThat(f.evidence()).containsEntry("daysLeft", -12L);
    }

    @Test
    void theLegacyConnectorAloneIsOnlyTheUnsupportedWarningWithNothingOfTheNewConnectorJudged() {
        CheckOutcome o = check(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector")
                .string("SigningCertificate", "AB"));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CONNECTOR_LEGACY");
        assertThat(o.result().findings().get(0).message()).contains("(NDESConnector) is installed and is out of support");
        assertThat(o.result().findings().get(0).evidence())
                .containsEntry("key", "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector");
    }
}
