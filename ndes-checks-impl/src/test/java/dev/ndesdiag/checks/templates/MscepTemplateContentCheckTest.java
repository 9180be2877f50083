package dev.ndesdiag.checks.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.Captures;
import dev.ndesdiag.fixtures.Captures.Template;
import dev.ndesdiag.fixtures.IisFixtures;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template NDES submits with must exist, take the subject from the request, fit its slot and let
 * the NDES service account Read and Enroll; otherwise the CA denies the request and NDES answers 500.
 * Requirements: Microsoft Learn, certificates-scep-configure ("Create the SCEP certificate template").
 */
class MscepTemplateContentCheckTest {

    private static final String SVC = "S-1-5-21-1004336348-1177238915-682003330-1105";
    private static final String ENROLL = "0e10c968-78fb-11d2-90d4-00c04f79dc55";
    private static final String GRANTED = "D:PAI(OA;;CR;" + ENROLL + ";;" + SVC + ")(A;;LCRPLORC;;;" + SVC + ")"
            + "(A;;CCDCLCSWRPWPDTLOSDRCWDWO;;;DA)";

    @TempDir
    Path dir;

    private CheckOutcome check(String dstemplate, String... slots) {
        return checkWith(dstemplate, "", slots);
    }

    /** @param accountExtra more fields of the account in accounts.json, such as its AD groups */
    private CheckOutcome checkWith(String dstemplate, String accountExtra, String... slots) {
        RegExport mscep = new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP");
        String[] names = {"SignatureTemplate", "EncryptionTemplate", "GeneralPurposeTemplate"};
        for (int i = 0; i < names.length; i++) {
            mscep.string(names[i], i < slots.length ? slots[i] : slots[slots.length - 1]);
        }
        BundleBuilder b = BundleBuilder.in(dir).registry("mscep.reg", mscep)
                .text("iis/applicationHost.config", IisFixtures.runningAs("CONTOSO\\svc_ndes"))
                .text("security/accounts.json", "{\"accounts\":[{\"name\":\"CONTOSO\\\\svc_ndes\",\"sid\":\"" + SVC
                        + "\",\"kind\":\"user\"" + accountExtra + "}],\"localGroups\":[]}")
                .utf16("commands/certutil-dstemplate.txt", dstemplate);
        return Analysis.outcome(b.dir(), new MscepTemplateContentCheck());
    }

    private static List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    private static Finding finding(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void passesForATemplateThatTakesTheSubjectFromTheRequestAndLetsTheAccountEnroll() {
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").sddl(GRANTED)), "NDESIntune");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("TEMPLATE_SUBJECT_SUPPLIED", "TEMPLATE_NDES_CAN_ENROLL");
    }

    @Test
    void enrollGrantedToAuthenticatedUsersCountsForTheAccountAndIsNotFlagged() {
        String sddl = "D:PAI(OA;;CR;" + ENROLL + ";;AU)(A;;LCRPLORC;;;AU)";
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)), "NDESIntune");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).contains("TEMPLATE_NDES_CAN_ENROLL");
    }

    @Test
    void fullControlGrantsEnrollWithoutAnExtendedRightEntry() {
        // Full Control on the Security tab is every right including CR (all extended rights); the
        // Domain Admins entry of the captured export (CCDCLCSWRPWPDTLOSDRCWDWO) lacks CR and is no Enroll
        String sddl = "D:PAI(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;" + SVC + ")";
        assertThat(codes(check(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)), "NDESIntune")))
                .contains("TEMPLATE_NDES_CAN_ENROLL");
    }

    @Test
    void writeWithoutControlAccessIsNoEnroll() {
        String sddl = "D:PAI(A;;CCDCLCSWRPWPDTLOSDRCWDWO;;;" + SVC + ")";
        assertThat(codes(check(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)), "NDESIntune")))
                .contains("TEMPLATE_NDES_CANNOT_ENROLL");
    }

    @Test
    void failsWhenTheSlotNamesATemplateThatIsNotInActiveDirectory() {
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").sddl(GRANTED)), "NDESIntnue");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "TEMPLATE_NOT_IN_AD");
        assertThat(f.message()).contains("HTTP 500").contains("NDESIntnue");
        assertThat(f.evidence()).containsEntry("slot", "SignatureTemplate, EncryptionTemplate, GeneralPurposeTemplate");
    }

    @Test
    void failsWhenTheTemplateBuildsTheSubjectFromActiveDirectory() {
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").nameFlag("-1509949440").sddl(GRANTED)), "NDESIntune");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "TEMPLATE_SUBJECT_FROM_AD").evidence()).containsEntry("msPKI-Certificate-Name-Flag", "0xa6000000");
    }

    @Test
    void failsWhenTheAccountMayReadButNotEnroll() {
        String sddl = "D:PAI(A;;LCRPLORC;;;" + SVC + ")(A;;CCDCLCSWRPWPDTLOSDRCWDWO;;;SY)";
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)), "NDESIntune");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = finding(o, "TEMPLATE_NDES_CANNOT_ENROLL");
        assertThat(f.message()).contains("lacks Enroll").contains("CONTOSO\\svc_ndes");
        assertThat(f.evidence()).containsEntry("sid", SVC);
    }

    @Test
    void aDenyForTheAccountWinsOverAnAllowForAuthenticatedUsers() {
        String sddl = "D:PAI(OD;;CR;" + ENROLL + ";;" + SVC + ")(OA;;CR;" + ENROLL + ";;AU)(A;;LCRPLORC;;;AU)";
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)), "NDESIntune");
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "TEMPLATE_NDES_CANNOT_ENROLL").evidence()).containsEntry("denyEntry", SVC);
    }

    @Test
    void enrollThroughADomainGroupTheBundleCannotShowIsSkippedNotPassedNorFailed() {
        String group = "S-1-5-21-1004336348-1177238915-682003330-3101";
        String sddl = "D:PAI(OA;;CR;" + ENROLL + ";;" + group + ")(A;;LCRPLORC;;;AU)";
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)), "NDESIntune");
        Finding f = finding(o, "TEMPLATE_ENROLL_BY_GROUP");
        assertThat(f.status()).isEqualTo(Status.SKIPPED);
        assertThat(f.evidence()).containsEntry("groups", group);
        assertThat(codes(o)).doesNotContain("TEMPLATE_NDES_CAN_ENROLL", "TEMPLATE_NDES_CANNOT_ENROLL");
    }

    @Test
    void warnsWhenTheEncryptionSlotHoldsASignatureOnlyTemplate() {
        String text = Captures.dstemplate(new Template("NDESSign").keyUsage("80").sddl(GRANTED),
                new Template("NDESBoth").sddl(GRANTED));
        CheckOutcome o = check(text, "NDESSign", "NDESSign", "NDESBoth");
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = finding(o, "TEMPLATE_PURPOSE_MISMATCH");
        assertThat(f.evidence()).containsEntry("slot", "EncryptionTemplate").containsEntry("template", "NDESSign");
        assertThat(o.result().findings().stream().filter(x -> x.code().equals("TEMPLATE_PURPOSE_MISMATCH")).count())
                .as("the signature slot fits it, and the both-purpose template fits its slot").isEqualTo(1);
    }

    @Test
    void warnsWhenTheTemplateDoesNotIssueClientAuthentication() {
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").ekus("1.3.6.1.5.5.7.3.1").sddl(GRANTED)), "NDESIntune");
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(codes(o)).contains("TEMPLATE_NO_CLIENT_AUTH");
    }

    @Test
    void theAclIsUnknownWhenCertutilPrintedNoSecurityDescriptor() {
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune")), "NDESIntune");
        assertThat(finding(o, "TEMPLATE_ACL_NOT_SHOWN").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void theVerboseDumpsDecodedEntriesAfterTheSddlDoNotChangeTheVerdict() {
        // certutil -v prints the entries it decodes after the SDDL (SpecterOps, Certified Pre-Owned, figure 23)
        String sddl = "D:PAI(A;;LCRPLORC;;;" + SVC + ")(A;;CCDCLCSWRPWPDTLOSDRCWDWO;;;DA)";
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)
                .decoded("Allow Read CONTOSO\\svc_ndes", "Allow Full Control CONTOSO\\Domain Admins")), "NDESIntune");
        assertThat(finding(o, "TEMPLATE_NDES_CANNOT_ENROLL").message()).contains("lacks Enroll");
    }

    @Test
    void enrollThroughAGroupTheAccountIsInByItsTokenGroupsPasses() {
        String group = "S-1-5-21-1004336348-1177238915-682003330-3101";
        String sddl = "D:PAI(OA;;CR;" + ENROLL + ";;" + group + ")(A;;LCRPLORC;;;AU)";
        CheckOutcome o = checkWith(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)
                .decoded("Allow Enroll CONTOSO\\NDES Enrollers", "Allow Read NT AUTHORITY\\Authenticated Users")),
                ",\"groups\":[\"" + group + "\"]", "NDESIntune");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).contains("TEMPLATE_NDES_CAN_ENROLL");
    }

    @Test
    void withoutTheTemplateDumpTheCheckIsSkippedNamingTheCommand() {
        RegExport mscep = new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP")
                .string("SignatureTemplate", "NDESIntune");
        BundleBuilder b = BundleBuilder.in(dir).registry("mscep.reg", mscep);
        CheckOutcome o = Analysis.outcome(b.dir(), new MscepTemplateContentCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).message()).contains("certutil -v -dstemplate");
    }

    @Test
    void anUndecodableLineIsAnErrorNamingFileLineAndText() {
        String text = Captures.dstemplate(new Template("NDESIntune").sddl(GRANTED)).replace("NDESIntune display", "NDES\uFFFDdisplay");
        CheckOutcome o = check(text, "NDESIntune");
        assertThat(o.status()).isEqualTo(Status.ERROR);
        Finding f = finding(o, "TEMPLATE_DUMP_UNREADABLE");
        assertThat(f.evidence()).containsEntry("file", "commands/certutil-dstemplate.txt").containsKey("line");
        assertThat((String) f.evidence().get("raw")).contains("NDES\uFFFDdisplay");
    }
    @Test
    void aDumpWithoutAnyTemplateIsSkippedQuotingWhatCertutilPrinted() {
        CheckOutcome o = check("CertUtil: -dsTemplate command FAILED: 0x8007054b (WIN32: 1355 ERROR_NO_SUCH_DOMAIN)\r\n"
                + "CertUtil: The specified domain either does not exist or could not be contacted.\r\n", "NDESIntune");
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(codes(o)).containsExactly("TEMPLATE_DUMP_EMPTY");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("output", "CertUtil: -dsTemplate command FAILED: "
                + "0x8007054b (WIN32: 1355 ERROR_NO_SUCH_DOMAIN) | CertUtil: The specified domain either does not exist or could "
                + "not be contacted.");
    }

    @Test
    void slotsThatAreAllBlankNameNoTemplateToJudge() {
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").sddl(GRANTED)), " ");
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(codes(o)).containsExactly("MSCEP_SLOTS_EMPTY");
    }

    @Test
    void aBlankSlotBesideFilledOnesIsNotATemplateMissingFromAd() {
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").sddl(GRANTED)), "", "NDESIntune");
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("TEMPLATE_SUBJECT_SUPPLIED", "TEMPLATE_NDES_CAN_ENROLL");
    }

    @Test
    void ndesDefaultTemplateIsJudgedForItsContentButNotItsAcl() {
        // mscep-templates reports the default IPSECIntermediateOffline; whether the account may enrol on it is not the point
        String none = "D:PAI(A;;CCDCLCSWRPWPDTLOSDRCWDWO;;;DA)";
        CheckOutcome o = check(Captures.dstemplate(new Template("IPSECIntermediateOffline").sddl(none)), "IPSECIntermediateOffline");
        assertThat(codes(o)).containsExactly("TEMPLATE_SUBJECT_SUPPLIED");
    }

    @Test
    void withoutApplicationHostConfigTheAclCannotBeJudgedForAnUnknownAccount() {
        RegExport mscep = new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP")
                .string("SignatureTemplate", "NDESIntune");
        BundleBuilder b = BundleBuilder.in(dir).registry("mscep.reg", mscep)
                .utf16("commands/certutil-dstemplate.txt", Captures.dstemplate(new Template("NDESIntune").sddl(GRANTED)));
        CheckOutcome o = Analysis.outcome(b.dir(), new MscepTemplateContentCheck());
        assertThat(codes(o)).containsExactly("TEMPLATE_SUBJECT_SUPPLIED", "TEMPLATE_ACL_ACCOUNT_UNKNOWN");
        assertThat(finding(o, "TEMPLATE_ACL_ACCOUNT_UNKNOWN").evidence())
                .containsEntry("account", "unknown (no applicationHost.config)").containsEntry("template", "NDESIntune");
    }

    @Test
    void anAccountWithNoRightAtAllLacksBothNamedInOneOrder() {
        String sddl = "D:PAI(A;;CCDCLCSWRPWPDTLOSDRCWDWO;;;SY)";
        CheckOutcome o = check(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)), "NDESIntune");
        Finding f = finding(o, "TEMPLATE_NDES_CANNOT_ENROLL");
        assertThat(f.message()).contains("lacks Enroll and Read on \"NDESIntune\"");
        assertThat(f.evidence()).doesNotContainKey("denyEntry");
    }

    @Test
    void readGrantedButEnrollMissingHasNoDenyEntryToName() {
        String sddl = "D:PAI(A;;LCRPLORC;;;" + SVC + ")";
        Finding f = finding(check(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)), "NDESIntune"),
                "TEMPLATE_NDES_CANNOT_ENROLL");
        assertThat(f.message()).contains("lacks Enroll on");
        assertThat(f.evidence()).doesNotContainKey("denyEntry");
    }

    @Test
    void readAndEnrollBothOnlyThroughADomainGroupAreNamedInOneOrder() {
        String group = "S-1-5-21-1004336348-1177238915-682003330-3101";
        String sddl = "D:PAI(OA;;CR;" + ENROLL + ";;" + group + ")(A;;LCRPLORC;;;" + group + ")";
        Finding f = finding(check(Captures.dstemplate(new Template("NDESIntune").sddl(sddl)), "NDESIntune"), "TEMPLATE_ENROLL_BY_GROUP");
        assertThat(f.message()).startsWith("Only groups grant Enroll and Read on \"NDESIntune\"");
        assertThat(f.evidence()).containsEntry("groups", group);
    }
}
