package dev.ndesdiag.checks.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.ca.CaAccessEntry;
import dev.ndesdiag.ca.GetregValue;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.Captures;
import dev.ndesdiag.fixtures.IisFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CA must be an enterprise CA and let the NDES account request certificates. The CA\Security
 * text is a real capture (captures/README.md); CAType is written in the captured REG_DWORD shape of
 * policy\EditFlags, as no CAType capture was found.
 */
class CaChecksTest {

    private static final String KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\CertSvc\\Configuration\\fries-DC01-CA\\";

    @TempDir
    Path dir;

    private static String caType(int value, String name) {
        return KEY + "CAType:\r\n\r\n  CAType REG_DWORD = " + value + "\r\n    " + name + " -- " + value + "\r\n"
                + "CertUtil: -getreg command completed successfully.\r\n";
    }

    private CheckOutcome typeCheck(String text) {
        return Analysis.outcome(BundleBuilder.in(dir).utf16("commands/certutil-getreg-ca-catype.txt", text).dir(),
                new CaEnterpriseTypeCheck());
    }

    private CheckOutcome securityCheck(String text, String poolAccount) {
        return Analysis.outcome(BundleBuilder.in(dir).utf16("commands/certutil-getreg-ca-security.txt", text)
                .text("iis/applicationHost.config", IisFixtures.runningAs(poolAccount)).dir(), new CaRequestPermissionCheck());
    }

    @Test
    void theCapturedDwordShapeIsReadAsHex() {
        GetregValue v = GetregValue.read(Captures.text("getreg-policy-editflags-fries.txt")).orElseThrow();
        assertThat(v.name()).isEqualTo("EditFlags");
        assertThat(v.dword()).hasValue(1376590L);
        assertThat(v.lines()).contains("EDITF_ATTRIBUTESUBJECTALTNAME2 -- 40000 (262144)");
    }

    @Test
    void theCapturedSecurityEntriesAreReadWithTheirRightsAndPrincipals() {
        GetregValue v = GetregValue.read(Captures.text("getreg-ca-security-fries.txt")).orElseThrow();
        CaAccessEntry.Parsed p = CaAccessEntry.parse(v);
        assertThat(p.unread()).isEmpty();
        assertThat(p.entries()).hasSize(10);
        assertThat(p.entries().get(4)).isEqualTo(new CaAccessEntry(true,
                java.util.Set.of(CaAccessEntry.Right.CA_ADMINISTRATOR, CaAccessEntry.Right.ENROLL), "FRIES\\gMSA_CA_prod$"));
        assertThat(p.entries().get(0).allow()).isFalse();
    }

    @Test
    void anEnterpriseSubordinateCaPasses() {
        assertThat(typeCheck(caType(1, "ENUM_ENTERPRISE_SUBCA")).status()).isEqualTo(Status.PASS);
        assertThat(typeCheck(caType(0, "ENUM_ENTERPRISE_ROOTCA")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void aStandaloneCaFails() {
        CheckOutcome o = typeCheck(caType(4, "ENUM_STANDALONE_SUBCA"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("CA_STANDALONE");
        assertThat(f.evidence()).containsEntry("caType", 4);
    }

    @Test
    void aCaTypeOutsideTheEnumIsAnErrorQuotingIt() {
        CheckOutcome o = typeCheck(caType(7, "?"));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("raw", "REG_DWORD = 7");
    }

    @Test
    void aFailedGetregIsSkippedWithItsOutputNotJudged() {
        String text = "CertUtil: -getreg command FAILED: 0x80070005 (WIN32: 5 ERROR_ACCESS_DENIED)\r\nCertUtil: Access is denied.\r\n";
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).utf16("commands/certutil-getreg-ca-catype.txt", text)
                .text("commands/index.json", "[{\"name\":\"certutil-getreg-ca-catype\",\"command\":\"certutil -getreg CA\\\\CAType\","
                        + "\"exitCode\":-2147024891}]").dir(), new CaEnterpriseTypeCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).evidence().get("output").toString()).contains("0x80070005");
    }

    @Test
    void authenticatedUsersMayRequestSoTheNdesAccountMayOnTheCapturedCa() {
        CheckOutcome o = securityCheck(Captures.text("getreg-ca-security-fries.txt"), "FRIES\\svc_ndes");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).evidence()).containsEntry("entry", "NT AUTHORITY\\Authenticated Users");
    }

    @Test
    void aDenyForTheAccountFailsEvenThoughAuthenticatedUsersMayRequest() {
        String text = Captures.text("getreg-ca-security-fries.txt").replace("  Security REG_BINARY =\n",
                "  Security REG_BINARY =\n    Deny Enroll        FRIES\\svc_ndes\n");
        CheckOutcome o = securityCheck(text, "FRIES\\svc_ndes");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("CA_REQUEST_DENIED");
        assertThat(o.result().findings().get(0).message()).contains("0x80070005").contains("HTTP 500");
    }

    @Test
    void requestGrantedOnlyToDomainGroupsIsUnknownForTheAccount() {
        String text = Captures.text("getreg-ca-security-fries.txt").replace("    Allow Enroll        NT AUTHORITY\\Authenticated Users\n", "");
        CheckOutcome o = securityCheck(text, "FRIES\\svc_ndes");
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).code()).isEqualTo("CA_REQUEST_BY_GROUP");
        assertThat(o.result().findings().get(0).evidence().get("grantedTo").toString()).contains("FRIES\\Domain Users");
    }

    @Test
    void theAccountNamedItselfIsGrantedWithoutAnyGroup() {
        String text = KEY + "Security:\n\n  Security REG_BINARY =\n    Allow Enroll\tFRIES\\svc_ndes\n"
                + "    Allow CA Administrator Certificate Manager\tBUILTIN\\Administrators\n\nCertUtil: -getreg command completed successfully.\n";
        CheckOutcome o = securityCheck(text, "fries\\SVC_NDES");
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void noRequestEntryAtAllFails() {
        String text = KEY + "Security:\n\n  Security REG_BINARY =\n    Allow CA Administrator Certificate Manager\tFRIES\\Domain Admins\n"
                + "\nCertUtil: -getreg command completed successfully.\n";
        CheckOutcome o = securityCheck(text, "FRIES\\svc_ndes");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("CA_REQUEST_NOT_GRANTED");
    }
    private static final String ONLY_ENROLL_FOR = KEY + "Security:\n\n  Security REG_BINARY =\n    Allow Enroll\t%s\n"
            + "    Allow CA Administrator Certificate Manager\tBUILTIN\\Administrators\n\nCertUtil: -getreg command completed successfully.\n";

    @Test
    void aPoolRunningAsApplicationPoolIdentityReachesTheCaAsTheComputerAccount() {
        // a built-in identity authenticates on the network as the computer: the CA must grant NDES01$ (or a group of it)
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir)
                .utf16("commands/certutil-getreg-ca-security.txt", ONLY_ENROLL_FOR.formatted("FRIES\\NDES01$"))
                .text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .text("security/accounts.json", "{\"accounts\":[{\"name\":\"FRIES\\\\NDES01$\",\"sid\":\"S-1-5-21-1-2-3-1001\",\"kind\":\"computer\"}],"
                        + "\"localGroups\":[]}").dir(), new CaRequestPermissionCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).message())
                .isEqualTo("FRIES\\NDES01$ may request certificates from the CA, which includes FRIES\\NDES01$.");
    }

    @Test
    void aGrantToTheServiceAccountDoesNotCoverABuiltInPoolIdentity() {
        // the pool runs as ApplicationPoolIdentity, so NDES reaches the CA as the computer, not as svc_ndes
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir)
                .utf16("commands/certutil-getreg-ca-security.txt", ONLY_ENROLL_FOR.formatted("FRIES\\svc_ndes"))
                .text("iis/applicationHost.config", IisFixtures.applicationPoolIdentity())
                .text("security/accounts.json", "{\"accounts\":[{\"name\":\"FRIES\\\\svc_ndes\",\"sid\":\"S-1-5-21-1-2-3-1105\",\"kind\":\"user\"},"
                        + "{\"name\":\"FRIES\\\\NDES01$\",\"sid\":\"S-1-5-21-1-2-3-1001\",\"kind\":\"computer\"}],\"localGroups\":[]}").dir(),
                new CaRequestPermissionCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CA_REQUEST_BY_GROUP");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("grantedTo", "FRIES\\svc_ndes");
        assertThat(o.result().findings().get(0).message()).contains("whether FRIES\\NDES01$ is in them");
    }

    @Test
    void withoutApplicationHostConfigAGrantToAuthenticatedUsersStillCoversTheUnknownAccount() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).utf16("commands/certutil-getreg-ca-security.txt",
                ONLY_ENROLL_FOR.formatted("NT AUTHORITY\\Authenticated Users")).dir(), new CaRequestPermissionCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).message())
                .isEqualTo("NT AUTHORITY\\Authenticated Users may request certificates from the CA.");
    }

    @Test
    void withoutApplicationHostConfigAGrantToOneAccountCannotBeMatchedAndIsUnknown() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).utf16("commands/certutil-getreg-ca-security.txt",
                ONLY_ENROLL_FOR.formatted("FRIES\\svc_ndes")).dir(), new CaRequestPermissionCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).contains("whether the NDES service account is in them");
    }

    @Test
    void aFailedCaSecurityGetregIsSkippedWithItsExitCode() {
        String text = "CertUtil: -getreg command FAILED: 0x80070005 (WIN32: 5 ERROR_ACCESS_DENIED)\r\nCertUtil: Access is denied.\r\n";
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).utf16("commands/certutil-getreg-ca-security.txt", text)
                .text("iis/applicationHost.config", IisFixtures.runningAs("FRIES\\svc_ndes"))
                .text("commands/index.json", "[{\"name\":\"certutil-getreg-ca-security\",\"exitCode\":5}]").dir(),
                new CaRequestPermissionCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CA_GETREG_UNREADABLE");
        Finding f = o.result().findings().get(0);
        assertThat(f.message()).isEqualTo("certutil -getreg CA\\Security did not print the value (exit code 5), so the CA's "
                + "CA\\Security is unknown.");
        assertThat(f.evidence()).containsEntry("file", "commands/certutil-getreg-ca-security.txt")
                .containsEntry("output", "CertUtil: -getreg command FAILED: 0x80070005 (WIN32: 5 ERROR_ACCESS_DENIED) | CertUtil: "
                        + "Access is denied.");
    }

    @Test
    void aCaTypeCaptureWhoseCommandFailedIsNotReadEvenIfItHoldsAValue() {
        // a non-zero exit code means certutil did not finish: what it printed is not the CA's answer
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).utf16("commands/certutil-getreg-ca-catype.txt",
                        caType(1, "ENUM_ENTERPRISE_SUBCA"))
                .text("commands/index.json", "[{\"name\":\"certutil-getreg-ca-catype\",\"exitCode\":1}]").dir(),
                new CaEnterpriseTypeCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CA_GETREG_UNREADABLE");
        assertThat(o.result().findings().get(0).message()).contains("(exit code 1)");
    }

    @Test
    void aCaTypeCaptureThatSucceededIsReadAndItsExitCodeIsNotMentioned() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).utf16("commands/certutil-getreg-ca-catype.txt",
                        caType(1, "ENUM_ENTERPRISE_SUBCA"))
                .text("commands/index.json", "[{\"name\":\"certutil-getreg-ca-catype\",\"exitCode\":0}]").dir(),
                new CaEnterpriseTypeCheck());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("CA_ENTERPRISE");
    }

    @Test
    void aGetregThatPrintedNoValueWithoutAnExitCodeIsSkippedWithoutOne() {
        CheckOutcome o = typeCheck("CertUtil: -getreg command FAILED: 0x80070002 (WIN32: 2 ERROR_FILE_NOT_FOUND)\r\n");
        assertThat(o.result().findings().get(0).message()).isEqualTo("certutil -getreg CA\\CAType did not print the value, so "
                + "the CA's CA\\CAType is unknown.");
    }
}
