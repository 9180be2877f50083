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
}
