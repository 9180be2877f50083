package dev.ndesdiag.checks.ca;

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

/** Without MSCEP\EnforcePassword NDES does not start (events 2 and 10, 0x80070002: gradenegger.eu on event 2). */
class MscepCaSettingsCheckTest {

    private static final String KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP";

    @TempDir
    Path dir;

    private CheckOutcome check(RegExport mscep) {
        return Analysis.outcome(BundleBuilder.in(dir).registry("mscep.reg", mscep).dir(), new MscepCaSettingsCheck());
    }

    /** MSCEP as a Server 2019 NDES setup writes it (Sleepw4lker, NDESmanualInstallation MSCEP.reg), with the given overrides. */
    private static RegExport setupDefaults(long caType, long certsInMy, long enforce, long single) {
        return new RegExport().key(KEY).string("SignatureTemplate", "NDESIntune")
                .key(KEY + "\\CAType").dword("CAType", caType)
                .key(KEY + "\\CertsInMYStore").dword("CertsInMYStore", certsInMy)
                .key(KEY + "\\EnforcePassword").dword("EnforcePassword", enforce)
                .key(KEY + "\\PasswordVDir").string("PasswordVDir", "CertSrv/mscep_admin")
                .key(KEY + "\\UseSinglePassword").dword("UseSinglePassword", single);
    }

    private static String caType(int value, String name) {
        return "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\CertSvc\\Configuration\\Contoso Issuing CA\\CAType:\r\n\r\n"
                + "  CAType REG_DWORD = " + value + "\r\n    " + name + " -- " + value + "\r\n"
                + "CertUtil: -getreg command completed successfully.\r\n";
    }

    private CheckOutcome check(RegExport mscep, String caTypeCapture) {
        return Analysis.outcome(BundleBuilder.in(dir).registry("mscep.reg", mscep)
                .utf16("commands/certutil-getreg-ca-catype.txt", caTypeCapture).dir(), new MscepCaSettingsCheck());
    }

    private static java.util.List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    @Test
    void aBrokenEnforcePasswordLineIsAnErrorNamingTheLineNotAMissingValue() {
        // issue 9 point 3: the line is there but undecodable, so "does not exist, NDES does not start" would be false
        RegExport reg = new RegExport().key(KEY).string("SignatureTemplate", "NDESIntune")
                .key(KEY + "\\EnforcePassword").raw("\"EnforcePassword\"=dword:1q");
        CheckOutcome o = check(reg);
        Analysis.unreadableLine(o, "registry/mscep.reg", "EnforcePassword", "dword:1q");
        assertThat(codes(o)).doesNotContain("MSCEP_ENFORCEPASSWORD_MISSING");
    }

    @Test
    void aBrokenCertsInMyStoreLineIsAnErrorNotSilentlyConsistent() {
        RegExport reg = setupDefaults(1, 1, 1, 0).key(KEY + "\\CertsInMYStore").raw("\"CertsInMYStore\"=dword:-1");
        CheckOutcome o = check(reg);
        Analysis.unreadableLine(o, "registry/mscep.reg", "CertsInMYStore", "dword:-1");
        assertThat(codes(o)).containsExactly("MSCEP_ENFORCEPASSWORD_PRESENT", "INPUT_UNREADABLE");
    }

    @Test
    void theValuesSetupWritesForAnEnterpriseCaAgreeAndPass() {
        CheckOutcome o = check(setupDefaults(1, 1, 1, 0), caType(1, "ENUM_ENTERPRISE_SUBCA"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("MSCEP_ENFORCEPASSWORD_PRESENT", "MSCEP_CATYPE_AGREES");
    }

    @Test
    void ndesCopyOfTheCaTypeThatSaysStandaloneWhileTheCaIsEnterpriseWarns() {
        CheckOutcome o = check(setupDefaults(0, 1, 1, 0), caType(0, "ENUM_ENTERPRISE_ROOTCA"));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("MSCEP_ENFORCEPASSWORD_PRESENT", "MSCEP_CATYPE_DISAGREES");
        assertThat(o.result().findings().get(1).message()).contains("is an enterprise root CA (CAType 0)");
    }

    @Test
    void ndesCopyThatSaysEnterpriseWhileTheCaIsStandaloneWarns() {
        CheckOutcome o = check(setupDefaults(1, 1, 1, 0), caType(4, "ENUM_STANDALONE_SUBCA"));
        assertThat(codes(o)).containsExactly("MSCEP_ENFORCEPASSWORD_PRESENT", "MSCEP_CATYPE_DISAGREES");
        assertThat(o.result().findings().get(1).message()).contains("is a standalone");
    }

    @Test
    void withoutTheCasOwnTypeNdesCopyIsNotJudged() {
        assertThat(codes(check(setupDefaults(0, 1, 1, 0)))).containsExactly("MSCEP_ENFORCEPASSWORD_PRESENT");
    }

    @Test
    void certsInMyStoreOtherThanOneWarns() {
        CheckOutcome o = check(setupDefaults(1, 0, 1, 0));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("MSCEP_ENFORCEPASSWORD_PRESENT", "MSCEP_CERTS_NOT_IN_MY");
    }

    @Test
    void singlePasswordModeWithoutEnforcedPasswordsWarns() {
        CheckOutcome o = check(setupDefaults(1, 1, 0, 1));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).containsExactly("MSCEP_ENFORCEPASSWORD_PRESENT", "MSCEP_SINGLE_PASSWORD_NOT_ENFORCED");
    }

    @Test
    void singlePasswordModeWithEnforcedPasswordsIsAConsistentChoice() {
        assertThat(check(setupDefaults(1, 1, 1, 1)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void anEnforcePasswordOfZeroIsPresentAndPasses() {
        CheckOutcome o = check(new RegExport().key(KEY).string("SignatureTemplate", "NDESIntune")
                .key(KEY + "\\EnforcePassword").dword("EnforcePassword", 0));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aMissingEnforcePasswordFails() {
        CheckOutcome o = check(new RegExport().key(KEY).string("SignatureTemplate", "NDESIntune"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("MSCEP_ENFORCEPASSWORD_MISSING");
        assertThat(f.message()).contains("0x80070002").contains("HTTP 500");
    }

    @Test
    void aSha1HashAlgorithmWarnsAndSha256DoesNot() {
        RegExport base = new RegExport().key(KEY + "\\EnforcePassword").dword("EnforcePassword", 0);
        assertThat(check(base.key(KEY + "\\HashAlgorithm").string("HashAlgorithm", "SHA1")).status()).isEqualTo(Status.WARN);
        RegExport strong = new RegExport().key(KEY + "\\EnforcePassword").dword("EnforcePassword", 0)
                .key(KEY + "\\HashAlgorithm").string("HashAlgorithm", "SHA256");
        assertThat(check(strong).status()).isEqualTo(Status.PASS);
    }
}
