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
}
