package dev.ndesdiag.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IE ESC blocks the connector wizard's sign-in (certificate-connector-prerequisites); the keys are the Active
 * Setup components {A509B1A7-...} (administrators) and {A509B1A8-...} (users), IsInstalled 1 = on.
 */
class IeEscCheckTest {

    private static final String A7 = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}";
    private static final String A8 = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A8-37EF-4b3f-8CFC-4F3A74704073}";
    private static final String CONNECTOR = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector";

    @TempDir
    Path dir;

    private static RegExport esc(String key, long on) {
        return new RegExport().key(key).string("@", "IE Enhanced Security Configuration").dword("IsInstalled", on)
                .string("StubPath", "\"C:\\Windows\\System32\\rundll32.exe\" C:\\Windows\\System32\\iesetup.dll,IEHardenAdmin");
    }

    private CheckOutcome run(long admins, long users, RegExport intune) {
        BundleBuilder b = BundleBuilder.in(dir).registry("ie-esc-admins.reg", esc(A7, admins)).registry("ie-esc-users.reg", esc(A8, users));
        if (intune != null) {
            b.registry("intune.reg", intune);
        }
        return Analysis.outcome(b.dir(), new IeEscCheck());
    }

    private static RegExport notSignedIn() {
        return new RegExport().key(CONNECTOR).string("InstallFolder", "C:\\Program Files\\Microsoft Intune\\PFXCertificateConnector");
    }

    private static RegExport signedIn() {
        return notSignedIn().string("EncryptionCertThumbprint", "4F2B8D1C0E5A6B7C8D9E0F1A2B3C4D5E6F708192");
    }

    @Test
    void offForBothPassesBeforeTheSignIn() {
        CheckOutcome o = run(0, 0, notSignedIn());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("IE_ESC_ADMINISTRATORS_OFF", "IE_ESC_USERS_OFF");
    }

    @Test
    void aBrokenConnectorThumbprintLineIsAnErrorNotAConnectorThatWasNeverSignedIn() {
        // ESC on for administrators: whether that blocks the sign-in depends on the thumbprint the line hides
        CheckOutcome o = run(1, 0, notSignedIn().raw("\"EncryptionCertThumbprint\"=\"4F2B8D1C0E5A"));
        Analysis.unreadableLine(o, "registry/intune.reg", "EncryptionCertThumbprint", "\"4F2B8D1C0E5A");
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("IE_ESC_ADMINISTRATORS_ON")
                .contains("IE_ESC_USERS_OFF");
    }

    @Test
    void onForAdministratorsBeforeTheSignInFails() {
        CheckOutcome o = run(1, 0, notSignedIn());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("IE_ESC_ADMINISTRATORS_ON");
    }

    @Test
    void onForUsersOnlyBeforeTheSignInAlsoFails() {
        CheckOutcome o = run(0, 1, notSignedIn());
        assertThat(o.result().findings().get(1).code()).isEqualTo("IE_ESC_USERS_ON");
        assertThat(o.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void onAfterTheConnectorWasSignedInIsFine() {
        CheckOutcome o = run(1, 1, signedIn());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).code()).isEqualTo("IE_ESC_ADMINISTRATORS_ON_AFTER_SIGN_IN");
    }

    @Test
    void onWithTheConnectorStateUnknownIsAWarning() {
        assertThat(run(1, 0, null).status()).isEqualTo(Status.WARN);
    }

    @Test
    void serverCoreHasNoEscKeysSoTheCheckIsSkipped() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).registry("intune.reg", notSignedIn()).dir(), new IeEscCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void anyNonZeroIsInstalledIsOn() {
        CheckOutcome o = run(2, 0, notSignedIn());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("IE_ESC_ADMINISTRATORS_ON", "IE_ESC_USERS_OFF");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("connectorSignedIn", false);
    }

    @Test
    void aConnectorKeyWithABlankThumbprintHasNotBeenSignedIn() {
        CheckOutcome o = run(1, 0, notSignedIn().string("EncryptionCertThumbprint", " "));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("IE_ESC_ADMINISTRATORS_ON");
    }

    @Test
    void anIntuneExportWithoutTheConnectorKeyMeansNoSignInYet() {
        CheckOutcome o = run(1, 0, new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune").string("x", "y"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("IE_ESC_ADMINISTRATORS_ON");
    }

    @Test
    void onWithTheConnectorStateUnknownWarnsForEachGroupItIsOnFor() {
        CheckOutcome o = run(1, 1, null);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("IE_ESC_ADMINISTRATORS_ON", "IE_ESC_USERS_ON");
        assertThat(o.result().findings()).extracting(Finding::status).containsExactly(Status.WARN, Status.WARN);
    }

    @Test
    void aBrokenIsInstalledLineIsAnErrorNotOff() {
        BundleBuilder b = BundleBuilder.in(dir).registry("ie-esc-admins.reg", new RegExport().key(A7).raw("\"IsInstalled\"=dword:00000001ff"))
                .registry("ie-esc-users.reg", esc(A8, 0)).registry("intune.reg", notSignedIn());
        CheckOutcome o = Analysis.outcome(b.dir(), new IeEscCheck());
        Analysis.unreadableLine(o, "registry/ie-esc-admins.reg", "IsInstalled", "dword:00000001ff");
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("IE_ESC_ADMINISTRATORS_OFF");
    }

    @Test
    void withoutTheUsersKeyOnlyTheAdministratorsAreJudged() {
        BundleBuilder b = BundleBuilder.in(dir).registry("ie-esc-admins.reg", esc(A7, 0)).registry("intune.reg", notSignedIn());
        CheckOutcome o = Analysis.outcome(b.dir(), new IeEscCheck());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("IE_ESC_ADMINISTRATORS_OFF", "IE_ESC_USERS_NOT_COLLECTED");
    }
}
