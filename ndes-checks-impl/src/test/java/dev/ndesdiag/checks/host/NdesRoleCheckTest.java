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
 * The role service ADCS-Device-Enrollment must be installed and its configuration finished
 * (HKLM\SOFTWARE\Microsoft\ADCS\NDES ConfigurationStatus = 2, what DSC scripts test after
 * Install-AdcsNetworkDeviceEnrollmentService).
 */
class NdesRoleCheckTest {

    private static final String NDES = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS\\NDES";

    @TempDir
    Path dir;

    private CheckOutcome run(RegExport adcs, String features) {
        BundleBuilder b = BundleBuilder.in(dir).registry("adcs.reg", adcs);
        if (features != null) {
            b.text("system.json", "{\"services\":[],\"appPools\":[],\"features\":[" + features + "]}");
        }
        return Analysis.outcome(b.dir(), new NdesRoleCheck());
    }

    private static RegExport status(long s) {
        return new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS").key(NDES).dword("ConfigurationStatus", s);
    }

    @Test
    void installedAndConfiguredPasses() {
        CheckOutcome o = run(status(2), "\"FileAndStorage-Services\",\"ADCS-Device-Enrollment\",\"Web-Server\"");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_ROLE_INSTALLED", "NDES_CONFIGURED");
    }

    @Test
    void installedButNeverConfiguredFails() {
        CheckOutcome o = run(status(1), "\"ADCS-Device-Enrollment\"");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(1).evidence()).containsEntry("configured", "1");
    }

    @Test
    void noNdesKeyUnderAdcsFails() {
        CheckOutcome o = run(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS"), "\"Web-Server\"");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_ROLE_NOT_INSTALLED", "NDES_NOT_CONFIGURED");
    }

    @Test
    void aSystemJsonWithoutFeaturesLeavesTheFeatureUnknown() {
        CheckOutcome o = run(status(2), null);
        assertThat(o.result().findings().get(0).status()).isEqualTo(Status.SKIPPED);
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void theFeatureNameIsMatchedWhateverItsCase() {
        CheckOutcome o = run(status(2), "\"adcs-device-enrollment\"");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_ROLE_INSTALLED", "NDES_CONFIGURED");
    }

    @Test
    void anNdesKeyWithoutConfigurationStatusIsNotConfiguredAndSaysTheValueIsAbsent() {
        CheckOutcome o = run(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS").key(NDES).string("Other", "x"),
                "\"ADCS-Device-Enrollment\"");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(1).evidence()).containsEntry("configured", "absent").containsEntry("required", 2L);
    }

    @Test
    void withoutTheNdesKeyTheEvidenceSaysThereIsNoKey() {
        CheckOutcome o = run(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS"), "\"ADCS-Device-Enrollment\"");
        assertThat(o.result().findings().get(1).evidence()).containsEntry("configured", "no key");
    }

    @Test
    void aConfigurationStatusOfThreeIsNotTheFinished2() {
        CheckOutcome o = run(status(3), "\"ADCS-Device-Enrollment\"");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("NDES_ROLE_INSTALLED", "NDES_NOT_CONFIGURED");
        assertThat(o.result().findings().get(1).evidence()).containsEntry("configured", "3");
    }

    @Test
    void aBrokenConfigurationStatusLineIsAnErrorNotAnUnconfiguredNdes() {
        CheckOutcome o = run(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS").key(NDES)
                .raw("\"ConfigurationStatus\"=dword:00000002ff"), "\"ADCS-Device-Enrollment\"");
        Analysis.unreadableLine(o, "registry/adcs.reg", "ConfigurationStatus", "dword:00000002ff");
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("NDES_NOT_CONFIGURED", "NDES_CONFIGURED");
    }

    @Test
    void anEmptyFeatureListIsNotCollectedRatherThanTheRoleMissing() {
        CheckOutcome o = run(status(2), "");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("FEATURES_NOT_COLLECTED", "NDES_CONFIGURED");
    }
}
