package dev.ndesdiag.checks.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.Captures;
import dev.ndesdiag.fixtures.Captures.Template;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NDES opens its RA keys through CryptoAPI: RA templates must name a CryptoAPI CSP. The defaults
 * ([MS-CRTD] appendix, footnote 41) are schema version 1 with "Microsoft RSA SChannel Cryptographic
 * Provider" for CEPEncryption.
 */
class RaTemplateProviderCheckTest {

    @TempDir
    Path dir;

    private CheckOutcome check(Template... templates) {
        return Analysis.outcome(BundleBuilder.in(dir).utf16("commands/certutil-dstemplate.txt", Captures.dstemplate(templates)).dir(),
                new RaTemplateProviderCheck());
    }

    @Test
    void theDefaultVersionOneTemplatesPass() {
        CheckOutcome o = check(new Template("EnrollmentAgentOffline").schema("1").csps("1,Microsoft Enhanced Cryptographic Provider v1.0"),
                new Template("CEPEncryption").schema("1"));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("RA_TEMPLATE_CAPI", "RA_TEMPLATE_CAPI");
    }

    @Test
    void failsForAnRaTemplateThatNamesAKeyStorageProvider() {
        CheckOutcome o = check(new Template("EnrollmentAgentOffline").schema("1"),
                new Template("CEPEncryption").schema("3").csps("1,Microsoft Software Key Storage Provider"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().stream().filter(x -> x.code().equals("RA_TEMPLATE_CNG")).findFirst().orElseThrow();
        assertThat(f.message()).contains("0x80090014").contains("CEPEncryption");
        assertThat(f.evidence()).containsEntry("schemaVersion", 3);
    }

    @Test
    void aVersionThreeTemplateWithNoProviderListedMeansAnyKeyStorageProvider() {
        CheckOutcome o = check(new Template("CEPEncryption").schema("3").csps());
        assertThat(o.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aVersionThreeTemplateThatKeepsTheLegacyProviderIsNotFlagged() {
        CheckOutcome o = check(new Template("CEPEncryption").schema("3").csps().privateKeyFlag("256"));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void skipsWhenNoRaTemplateIsInTheDump() {
        CheckOutcome o = check(new Template("WebServer"));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
    }
    @Test
    void aVersionTwoTemplateWithoutAProviderListUsesTheCryptoApiCspsOfItsSchema() {
        CheckOutcome o = check(new Template("CEPEncryption").schema("2").csps());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("RA_TEMPLATE_CAPI");
            assertThat(f.message()).isEqualTo("The RA template \"CEPEncryption\" (schema version 2) uses the CryptoAPI CSPs of "
                    + "its schema.");
        });
    }

    @Test
    void theLegacyProviderFlagCountsAmongOtherPrivateKeyFlags() {
        // 0x1000100: CT_FLAG_USE_LEGACY_PROVIDER (0x100) beside another flag bit
        CheckOutcome o = check(new Template("CEPEncryption").schema("3").csps().privateKeyFlag("16777472"));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void otherPrivateKeyFlagsWithoutTheLegacyProviderBitLeaveAVersionThreeTemplateOnAnyKsp() {
        // 0x1010000: flags set, but not 0x100
        CheckOutcome o = check(new Template("CEPEncryption").schema("3").csps().privateKeyFlag("16842752"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("puts the key in a CNG key storage provider (no CryptoAPI CSP is named)"));
    }

    @Test
    void aTemplateWithoutAPrivateKeyFlagIsJudgedByItsSchemaAndProviders() {
        String text = Captures.dstemplate(new Template("CEPEncryption").schema("3").csps())
                .replaceAll("(?m)^    msPKI-Private-Key-Flag = .*\r\n", "");
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).utf16("commands/certutil-dstemplate.txt", text).dir(),
                new RaTemplateProviderCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("RA_TEMPLATE_CNG");
    }

    @Test
    void theDuplicateTemplateTheCurrentRaCertificateWasIssuedFromIsJudgedToo() {
        // a custom v2 template, named through the template cache, from which the signing RA certificate was issued
        java.time.Instant now = BundleBuilder.COLLECTED_AT;
        dev.ndesdiag.fixtures.TestPki.Issued ca = dev.ndesdiag.fixtures.TestPki.root("CN=Contoso CA", now.minusSeconds(86400 * 900L),
                now.plusSeconds(86400 * 900L));
        dev.ndesdiag.fixtures.TestPki.Issued ra = dev.ndesdiag.fixtures.TestPki.ra("CN=NDES01-MSCEP-RA", ca,
                now.minusSeconds(86400 * 10L), now.plusSeconds(86400 * 700L),
                dev.ndesdiag.fixtures.TestPki.RaSpec.custom(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature,
                        "1.3.6.1.4.1.311.21.8.1.2.3"));
        BundleBuilder b = BundleBuilder.in(dir).myCertificateWithKey(ra.certificate())
                .registry("templates.reg", new dev.ndesdiag.fixtures.RegExport()
                        .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache\\ContosoNDESSigning")
                        .string("msPKI-Cert-Template-OID", "1.3.6.1.4.1.311.21.8.1.2.3"))
                .utf16("commands/certutil-dstemplate.txt", Captures.dstemplate(new Template("EnrollmentAgentOffline").schema("1"),
                        new Template("ContosoNDESSigning").schema("4").csps("1,Microsoft Software Key Storage Provider")));
        CheckOutcome o = Analysis.outcome(b.dir(), new RaTemplateProviderCheck());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("RA_TEMPLATE_CAPI", "RA_TEMPLATE_CNG");
        assertThat(o.result().findings().get(1).evidence()).containsEntry("template", "ContosoNDESSigning")
                .containsEntry("schemaVersion", 4);
    }
}
