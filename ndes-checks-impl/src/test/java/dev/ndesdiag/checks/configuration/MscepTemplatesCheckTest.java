package dev.ndesdiag.checks.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MSCEP template values must name published templates by name, or the CA answers 0x80094800. */
class MscepTemplatesCheckTest {

    private static final String MSCEP = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP";
    private static final String CA_TEMPLATES = "IntuneSCEP: Intune SCEP -- Auto-Enroll: Access is denied.\r\n"
            + "WebServer: Web Server -- Auto-Enroll: Access is denied.\r\n"
            + "CEPEncryption: CEP Encryption -- Auto-Enroll: Access is denied.\r\n"
            + "EnrollmentAgentOffline: Exchange Enrollment Agent (Offline request) -- Auto-Enroll: Access is denied.\r\n"
            + "CertUtil: -CATemplates command completed successfully.\r\n";

    @TempDir
    Path dir;

    private CheckOutcome check(String signature, String encryption, String general, String caTemplates) {
        RegExport reg = new RegExport().key(MSCEP);
        if (signature != null) {
            reg.string("SignatureTemplate", signature);
        }
        if (encryption != null) {
            reg.string("EncryptionTemplate", encryption);
        }
        if (general != null) {
            reg.string("GeneralPurposeTemplate", general);
        }
        BundleBuilder b = BundleBuilder.in(dir).registry("mscep.reg", reg);
        if (caTemplates != null) {
            b.utf16("commands/certutil-catemplates.txt", caTemplates);
        }
        return Analysis.outcome(b.dir(), new MscepTemplatesCheck());
    }

    private static List<String> codes(CheckOutcome o) {
        return o.result().findings().stream().map(Finding::code).toList();
    }

    @Test
    void passesWhenEverySlotNamesAPublishedTemplate() {
        CheckOutcome o = check("IntuneSCEP", "IntuneSCEP", "IntuneSCEP", CA_TEMPLATES);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("TEMPLATE_OK", "TEMPLATE_OK", "TEMPLATE_OK");
    }

    @Test
    void aTemplateLineTheReaderCannotDecodeIsAnErrorNamingFileValueAndTextNotCalledUnset() {
        // broken bytes (no closing quote) say nothing about which template NDES reads: ERROR, never "is not set"
        RegExport reg = new RegExport().key(MSCEP).string("SignatureTemplate", "IntuneSCEP")
                .string("EncryptionTemplate", "IntuneSCEP").raw("\"GeneralPurposeTemplate\"=\"IntuneSC");
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).registry("mscep.reg", reg)
                .utf16("commands/certutil-catemplates.txt", CA_TEMPLATES).dir(), new MscepTemplatesCheck());
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(codes(o)).containsExactly("TEMPLATE_OK", "TEMPLATE_OK", "INPUT_UNREADABLE");
        assertThat(o.result().findings().get(2).evidence()).containsEntry("file", "registry/mscep.reg")
                .containsEntry("name", "GeneralPurposeTemplate").containsEntry("raw", "\"IntuneSC");
    }

    @Test
    void failsWhenAllSlotsAreStillTheInstallDefault() {
        CheckOutcome o = check("IPSECIntermediateOffline", "IPSECIntermediateOffline", "IPSECIntermediateOffline", CA_TEMPLATES);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).startsWith("TEMPLATES_NOT_CONFIGURED");
    }

    @Test
    void warnsWhenOneSlotIsTheInstallDefault() {
        CheckOutcome o = check("IntuneSCEP", "IPSECIntermediateOffline", "IntuneSCEP", CA_TEMPLATES);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings().get(1).message()).contains("Key encipherment");
    }

    @Test
    void failsWith0x80094800WhenASlotHoldsTheDisplayName() {
        CheckOutcome o = check("Intune SCEP", "IntuneSCEP", "IntuneSCEP", CA_TEMPLATES);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("TEMPLATE_DISPLAY_NAME");
        assertThat(f.message()).contains("0x80094800").contains("event 31");
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("/v SignatureTemplate /t REG_SZ /d \"IntuneSCEP\""));
    }

    @Test
    void findsADisplayNameThroughTheTemplateCacheToo() {
        BundleBuilder b = BundleBuilder.in(dir).registry("mscep.reg", new RegExport().key(MSCEP)
                        .string("SignatureTemplate", "Contoso Devices").string("EncryptionTemplate", "ContosoDevices")
                        .string("GeneralPurposeTemplate", "ContosoDevices"))
                .registry("cache.reg", new RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache\\ContosoDevices")
                        .string("DisplayName", "Contoso Devices"));
        assertThat(codes(Analysis.outcome(b.dir(), new MscepTemplatesCheck()))).containsExactly("TEMPLATE_DISPLAY_NAME", "TEMPLATE_OK", "TEMPLATE_OK");
    }

    @Test
    void failsWhenTheTemplateIsNotPublishedOnTheCa() {
        CheckOutcome o = check("ContosoDevices", "IntuneSCEP", "IntuneSCEP", CA_TEMPLATES);
        assertThat(codes(o)).startsWith("TEMPLATE_NOT_PUBLISHED");
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r).contains("certutil -SetCATemplates +ContosoDevices"));
    }

    @Test
    void failsWhenASlotIsEmpty() {
        assertThat(codes(check("IntuneSCEP", null, "IntuneSCEP", CA_TEMPLATES))).contains("TEMPLATE_NOT_SET");
    }

    @Test
    void passesWithoutClaimingPublicationWhenCaTemplatesWereNotCollected() {
        CheckOutcome o = check("IntuneSCEP", "IntuneSCEP", "IntuneSCEP", null);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings().get(0).message()).contains("publication not checked");
    }

    @Test
    void aFailedCaTemplatesCommandMeansPublicationNotCheckedNeverNotPublished() {
        // seed 004: certutil's failure output when the CA's RPC endpoint is unreachable; exit code from commands/index.json
        String failed = "CertUtil: -CATemplates command FAILED: 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\r\n"
                + "CertUtil: The RPC server is unavailable.\r\n";
        RegExport reg = new RegExport().key(MSCEP).string("SignatureTemplate", "IntuneSCEP")
                .string("EncryptionTemplate", "IntuneSCEP").string("GeneralPurposeTemplate", "IntuneSCEP");
        BundleBuilder b = BundleBuilder.in(dir).registry("mscep.reg", reg)
                .utf16("commands/certutil-catemplates.txt", failed)
                .text("commands/index.json", "[{\"name\":\"certutil-catemplates\",\"command\":\"certutil -config "
                        + "\\\"ca01\\\\CA\\\" -CATemplates\",\"exitCode\":-2147023174}]");
        CheckOutcome o = Analysis.outcome(b.dir(), new MscepTemplatesCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).doesNotContain("TEMPLATE_NOT_PUBLISHED").startsWith("TEMPLATE_PUBLICATION_NOT_CHECKED");
        assertThat(o.result().findings().get(0).message()).contains("RPC server is unavailable");
    }

    @Test
    void aCaTemplatesListThatExitedZeroIsTrustedEvenInAnotherLanguage() {
        RegExport reg = new RegExport().key(MSCEP).string("SignatureTemplate", "Gone")
                .string("EncryptionTemplate", "IntuneSCEP").string("GeneralPurposeTemplate", "IntuneSCEP");
        BundleBuilder b = BundleBuilder.in(dir).registry("mscep.reg", reg)
                .utf16("commands/certutil-catemplates.txt", CA_TEMPLATES)
                .text("commands/index.json", "[{\"name\":\"certutil-catemplates\",\"exitCode\":0}]");
        assertThat(codes(Analysis.outcome(b.dir(), new MscepTemplatesCheck()))).startsWith("TEMPLATE_NOT_PUBLISHED");
    }

    @Test
    void withoutAnExitCodeACaTemplatesOutputListingNothingMeansPublicationUnknown() {
        String failed = "CertUtil: -CATemplates command FAILED: 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\r\n"
                + "CertUtil: The RPC server is unavailable.\r\n\r\n";
        CheckOutcome o = check("IntuneSCEP", "IntuneSCEP", "IntuneSCEP", failed);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(codes(o)).containsExactly("TEMPLATE_PUBLICATION_NOT_CHECKED", "TEMPLATE_OK", "TEMPLATE_OK", "TEMPLATE_OK");
        Finding f = o.result().findings().get(0);
        assertThat(f.message()).isEqualTo("certutil -CATemplates failed on the server, so whether the CA publishes the templates was not "
                + "checked: \"CertUtil: The RPC server is unavailable.\".");
        assertThat(f.evidence()).containsEntry("exitCode", "unknown").containsEntry("output", "CertUtil: The RPC server is unavailable.");
        assertThat(o.result().findings().get(1).message()).isEqualTo("SignatureTemplate = IntuneSCEP (publication not checked: certutil "
                + "-CATemplates failed).");
    }

    @Test
    void aFailedCaTemplatesNamesItsExitCode() {
        RegExport reg = new RegExport().key(MSCEP).string("SignatureTemplate", "IntuneSCEP")
                .string("EncryptionTemplate", "IntuneSCEP").string("GeneralPurposeTemplate", "IntuneSCEP");
        BundleBuilder b = BundleBuilder.in(dir).registry("mscep.reg", reg)
                .utf16("commands/certutil-catemplates.txt", "CertUtil: -CATemplates command FAILED: 0x80070005 (WIN32: 5 ERROR_ACCESS_DENIED)\r\n")
                .text("commands/index.json", "[{\"name\":\"certutil-catemplates\",\"exitCode\":-2147024891}]");
        Finding f = Analysis.outcome(b.dir(), new MscepTemplatesCheck()).result().findings().get(0);
        assertThat(f.message()).startsWith("certutil -CATemplates failed on the server (exit code -2147024891), so");
        assertThat(f.evidence()).containsEntry("exitCode", "-2147024891");
    }

    @Test
    void aPublishedTemplateIsSaidToBe() {
        CheckOutcome o = check("IntuneSCEP", "IntuneSCEP", "IntuneSCEP", CA_TEMPLATES);
        assertThat(o.result().findings().get(0).message()).isEqualTo("SignatureTemplate = IntuneSCEP, published on the CA.");
    }

    @Test
    void aTemplateWhosePublicationWasNotCollectedIsSaidToBeUnchecked() {
        assertThat(check("IntuneSCEP", "IntuneSCEP", "IntuneSCEP", null).result().findings().get(0).message())
                .isEqualTo("SignatureTemplate = IntuneSCEP (publication not checked: certutil -CATemplates not collected).");
    }

    @Test
    void aBlankSlotIsNotSet() {
        CheckOutcome o = check("IntuneSCEP", "   ", "IntuneSCEP", CA_TEMPLATES);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("TEMPLATE_OK", "TEMPLATE_NOT_SET", "TEMPLATE_OK");
    }

    @Test
    void aDisplayNameIsMatchedToItsOwnTemplateNameAsTheCaSpellsIt() {
        Finding f = check("web server", "IntuneSCEP", "IntuneSCEP", CA_TEMPLATES).result().findings().get(0);
        assertThat(f.code()).isEqualTo("TEMPLATE_DISPLAY_NAME");
        assertThat(f.evidence()).containsEntry("templateName", "WebServer").containsEntry("configured", "web server");
    }

    @Test
    void aDisplayNameFromTheTemplateCacheIsRepairedWithTheCachesTemplateName() {
        BundleBuilder b = BundleBuilder.in(dir).registry("mscep.reg", new RegExport().key(MSCEP)
                        .string("SignatureTemplate", "Contoso Devices").string("EncryptionTemplate", "ContosoDevices")
                        .string("GeneralPurposeTemplate", "ContosoDevices"))
                .registry("cache.reg", new RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache\\ContosoDevices")
                        .string("DisplayName", "Contoso Devices"));
        Finding f = Analysis.outcome(b.dir(), new MscepTemplatesCheck()).result().findings().get(0);
        assertThat((String) f.evidence().get("templateName")).isEqualToIgnoringCase("ContosoDevices");
    }

    @Test
    void indentedDetailLinesOfTheCaTemplatesListAreNotTemplates() {
        String withDetails = "IntuneSCEP: Intune SCEP -- Auto-Enroll: Access is denied.\r\n"
                + "  Permissions: Allow Enroll CONTOSO\\svc_ndes\r\n"
                + "CEPEncryption: CEP Encryption -- Auto-Enroll: Access is denied.\r\n"
                + "CertUtil: -CATemplates command completed successfully.\r\n";
        CheckOutcome o = check("Permissions", "IntuneSCEP", "IntuneSCEP", withDetails);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("TEMPLATE_NOT_PUBLISHED");
        assertThat(f.evidence()).containsEntry("published", List.of("IntuneSCEP", "CEPEncryption"));
    }

    @Test
    void aCaThatSucceedsInListingNoTemplatePublishesNone() {
        // exit code 0 and no template line: a CA with no template to issue, not a failed command
        RegExport reg = new RegExport().key(MSCEP).string("SignatureTemplate", "IntuneSCEP")
                .string("EncryptionTemplate", "IntuneSCEP").string("GeneralPurposeTemplate", "IntuneSCEP");
        BundleBuilder b = BundleBuilder.in(dir).registry("mscep.reg", reg)
                .utf16("commands/certutil-catemplates.txt", "CertUtil: -CATemplates command completed successfully.\r\n")
                .text("commands/index.json", "[{\"name\":\"certutil-catemplates\",\"exitCode\":0}]");
        CheckOutcome o = Analysis.outcome(b.dir(), new MscepTemplatesCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(codes(o)).containsExactly("TEMPLATE_NOT_PUBLISHED", "TEMPLATE_NOT_PUBLISHED", "TEMPLATE_NOT_PUBLISHED");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("published", List.of());
    }
}
