package dev.ndesdiag.checks.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.Captures;
import dev.ndesdiag.fixtures.IisFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the CA's security descriptor in SDDL (ICertAdmin2::GetConfigEntry of CA\Security, turned into
 * SDDL by RawSecurityDescriptor), Request Certificates is decided by SID: the Enroll bit 0x200 of
 * [MS-CSRA] 3.1.1.7, for the NDES account's own SID and its AD groups. RawSecurityDescriptor prints
 * a mask in hexadecimal when SDDL has no letters for every bit (0x200 has none), else in letters
 * (0x100 is CR, 0x1|0x2 is CCDC); both are written here. The certutil text is the real capture of
 * captures/README.md, which names only principals.
 */
class CaRequestPermissionBySidTest {

    private static final String DOMAIN = "S-1-5-21-1004336348-1177238915-682003330";
    private static final String SVC = DOMAIN + "-1105";
    private static final String NDES_GROUP = DOMAIN + "-3101";
    private static final String OTHER_DOMAIN_GROUP = "S-1-5-21-2222222222-3333333333-444444444-1201";
    /** The captured CA's text, without the Authenticated Users entry that would let anyone request. */
    private static final String GETREG = Captures.text("getreg-ca-security-fries.txt")
            .replace("    Allow Enroll        NT AUTHORITY\\Authenticated Users\n", "");

    @TempDir
    Path dir;

    private CheckOutcome check(String sddl, String groups) {
        return check(sddl, groups, "");
    }

    private CheckOutcome check(String sddl, String groups, String indexJson) {
        BundleBuilder b = BundleBuilder.in(dir).utf16("commands/certutil-getreg-ca-security.txt", GETREG)
                .text("iis/applicationHost.config", IisFixtures.runningAs("CONTOSO\\svc_ndes"))
                .text("security/accounts.json", "{\"accounts\":[{\"name\":\"CONTOSO\\\\svc_ndes\",\"sid\":\"" + SVC
                        + "\",\"kind\":\"user\"" + groups + "}],\"localGroups\":[]}")
                .text("commands/ca-security-sddl.txt", sddl + "\r\n");
        if (!indexJson.isEmpty()) {
            b = b.text("commands/index.json", indexJson);
        }
        return Analysis.outcome(b.dir(), new CaRequestPermissionCheck());
    }

    private static String groups(String... sids) {
        return ",\"groups\":[" + String.join(",", java.util.Arrays.stream(sids).map(s -> "\"" + s + "\"").toList()) + "]";
    }

    private static Finding only(CheckOutcome o) {
        assertThat(o.result().findings()).hasSize(1);
        return o.result().findings().get(0);
    }

    @Test
    void requestGrantedOnlyToAGroupTheAccountIsInPassesWhereTheNamesLeftItUnknown() {
        String sddl = "O:BAG:SYD:(A;;0x300;;;" + NDES_GROUP + ")(A;;CCDC;;;DA)(A;;0x3;;;BA)";
        CheckOutcome o = check(sddl, groups(DOMAIN + "-513", NDES_GROUP));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(only(o).evidence()).containsEntry("entry", NDES_GROUP).containsEntry("file", "commands/ca-security-sddl.txt");
    }

    @Test
    void aDenyForAGroupTheAccountIsInFailsThoughAuthenticatedUsersMayRequest() {
        String sddl = "O:BAG:SYD:(D;;0x200;;;" + NDES_GROUP + ")(A;;0x200;;;AU)(A;;CCDC;;;BA)";
        CheckOutcome o = check(sddl, groups(NDES_GROUP));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = only(o);
        assertThat(f.code()).isEqualTo("CA_REQUEST_DENIED");
        assertThat(f.evidence()).containsEntry("denyEntry", NDES_GROUP).containsEntry("sid", SVC);
        assertThat(f.message()).contains("0x80070005").contains("HTTP 500");
    }

    @Test
    void aGrantToAuthenticatedUsersIsNamedAsTheSecurityTabShowsIt() {
        CheckOutcome o = check("O:BAG:SYD:(A;;0x200;;;AU)(A;;CCDC;;;BA)", groups(DOMAIN + "-513"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(only(o).message()).startsWith("NT AUTHORITY\\Authenticated Users (AU) may request certificates from the CA");
    }

    @Test
    void readAloneIsNotRequestCertificates() {
        // CR is 0x100, the CA's Read: the account may see the CA but not submit to it
        String sddl = "O:BAG:SYD:(A;;CR;;;" + SVC + ")(A;;CCDC;;;BA)";
        CheckOutcome o = check(sddl, groups(DOMAIN + "-513"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(only(o).code()).isEqualTo("CA_REQUEST_NOT_GRANTED");
    }

    @Test
    void aGrantToAGroupOfTheAccountsDomainItIsNotInFailsWhenItsGroupsAreKnown() {
        String sddl = "O:BAG:SYD:(A;;0x200;;;" + DOMAIN + "-4000)(A;;CCDC;;;BA)";
        CheckOutcome o = check(sddl, groups(DOMAIN + "-513"));
        assertThat(only(o).code()).isEqualTo("CA_REQUEST_NOT_GRANTED");
    }

    @Test
    void aGrantToAnotherDomainsGroupIsUnknownNotFailed() {
        String sddl = "O:BAG:SYD:(A;;0x200;;;" + OTHER_DOMAIN_GROUP + ")(A;;CCDC;;;BA)";
        CheckOutcome o = check(sddl, groups(DOMAIN + "-513"));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(only(o).evidence()).containsEntry("grantedTo", OTHER_DOMAIN_GROUP);
    }

    @Test
    void withoutTheAccountsGroupsAGrantToAGroupOfItsDomainIsUnknown() {
        String sddl = "O:BAG:SYD:(A;;0x200;;;" + NDES_GROUP + ")";
        CheckOutcome o = check(sddl, "");
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(only(o).code()).isEqualTo("CA_REQUEST_BY_GROUP");
    }

    @Test
    void textThatIsNotSddlIsAnErrorNamingTheFileAndText() {
        CheckOutcome o = check("O:BAG:SYD:(A;;ZZ;;;" + SVC + ")", groups());
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(only(o).evidence()).containsEntry("file", "commands/ca-security-sddl.txt");
        assertThat((String) only(o).evidence().get("raw")).contains("ZZ");
    }

    @Test
    void whenTheSddlCommandFailedTheNamesOfCertutilDecide() {
        // the COM call failed (exit code 1): the captured text names only groups, so the answer stays unknown
        String index = "[{\"name\":\"ca-security-sddl\",\"command\":\"powershell\",\"exitCode\":1},"
                + "{\"name\":\"certutil-getreg-ca-security\",\"command\":\"certutil -getreg CA\\\\Security\",\"exitCode\":0}]";
        CheckOutcome o = check("Exception calling \"GetConfigEntry\": access denied", groups(NDES_GROUP), index);
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(only(o).evidence().get("grantedTo").toString()).contains("FRIES\\Domain Users");
    }
}
