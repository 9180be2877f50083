package dev.ndesdiag.checks.templates;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.certificates.CertificateTemplate;
import dev.ndesdiag.certificates.RaCertificate;
import dev.ndesdiag.certificates.RaRole;
import dev.ndesdiag.inputs.AuthorityInputs;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.templates.DsTemplateReader;
import dev.ndesdiag.templates.TemplateObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The templates of NDES's two RA certificates (Exchange Enrollment Agent (Offline request) and CEP
 * Encryption, schema version 1 by default, or the duplicates the current RA certificates were issued
 * from) must put the key in a CryptoAPI CSP: NDES opens its RA keys through CryptoAPI, and a key in a
 * CNG key storage provider (the default of schema version 3 and later templates) makes NDES fail to
 * start or renewal fail with {@code 0x80090014} (NTE_BAD_PROV_TYPE), and mscep.dll answer HTTP 500.
 */
public final class RaTemplateProviderCheck extends AbstractCheck {

    static final String RA_GUIDANCE = "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2012-R2-and-2012/hh831498(v=ws.11)";
    /** CT_FLAG_USE_LEGACY_PROVIDER of msPKI-Private-Key-Flag ([MS-CRTD] 2.27): a v3+ template that keeps a CryptoAPI CSP. */
    static final long USE_LEGACY_PROVIDER = 0x100L;

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public RaTemplateProviderCheck() {
        super(CheckDescriptor.of("template-ra-provider",
                        "The RA certificate templates keep the key in a CryptoAPI CSP, not a CNG key storage provider",
                        Category.CERTIFICATES)
                .withSymptoms("HTTP 500", "RA renewal fails with 0x80090014", "NDES events 2 and 10")
                .requires(AuthorityInputs.CERTUTIL_DSTEMPLATE)
                .uses(NdesInputs.MY, NdesInputs.TEMPLATE_CACHE)
                .withReferences(RA_GUIDANCE, MscepTemplateContentCheck.MS_CRTD));
    }

    @Override
    public CheckResult run(CheckContext context) {
        DsTemplateReader.Dump dump = DsTemplateReader.read(context.snapshot(), context.get(AuthorityInputs.CERTUTIL_DSTEMPLATE).output());
        Set<String> names = new LinkedHashSet<>();
        for (RaRole role : RaRole.values()) {
            names.add(role.templateName());
        }
        List<StoredCertificate> my = context.find(NdesInputs.MY).orElse(List.of());
        for (StoredCertificate c : my) {
            RaCertificate.classify(c, context.find(NdesInputs.TEMPLATE_CACHE))
                    .flatMap(RaCertificate::template).flatMap(CertificateTemplate::name).ifPresent(names::add);
        }
        List<Finding> findings = new ArrayList<>();
        for (DsTemplateReader.Problem p : dump.problems()) {
            findings.add(Finding.error("TEMPLATE_DUMP_UNREADABLE", "Line " + p.line() + " of commands/certutil-dstemplate.txt cannot be "
                    + "read: " + p.message() + ".").withEvidence("file", "commands/certutil-dstemplate.txt")
                    .withEvidence("line", p.line()).withEvidence("raw", p.raw()));
        }
        for (String name : names) {
            Optional<TemplateObject> t = dump.find(name);
            if (t.isEmpty()) {
                continue;
            }
            findings.add(judge(t.get()));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.skipped("RA_TEMPLATES_NOT_IN_DUMP", "Neither EnrollmentAgentOffline nor CEPEncryption, nor the "
                    + "template of an RA certificate in LocalMachine\\My, is in the output of certutil -v -dstemplate.")
                    .withEvidence("templatesInDump", dump.templates().size()));
        }
        return CheckResult.of(findings);
    }

    private static Finding judge(TemplateObject t) {
        List<String> providers = t.providers();
        List<String> cng = providers.stream().filter(TemplateObject::isCng).toList();
        int schema = t.schemaVersion().orElse(1);
        OptionalLong keyFlags = number(t.value("msPKI-Private-Key-Flag"));
        boolean legacy = keyFlags.isPresent() && (keyFlags.getAsLong() & USE_LEGACY_PROVIDER) != 0;
        boolean anyKsp = schema >= 3 && providers.isEmpty() && !legacy;
        if (!cng.isEmpty() || anyKsp) {
            return Finding.fail("RA_TEMPLATE_CNG", "The RA template \"" + t.name() + "\" (schema version " + schema + ") puts the key in "
                            + (cng.isEmpty() ? "a CNG key storage provider (no CryptoAPI CSP is named)" : String.join(", ", cng))
                            + ". NDES uses its RA keys through CryptoAPI: an RA certificate from this template cannot be used, "
                            + "renewal fails with 0x80090014 (NTE_BAD_PROV_TYPE), and mscep.dll answers HTTP 500.")
                    .withEvidence("template", t.name()).withEvidence("schemaVersion", schema)
                    .withEvidence("providers", String.join(", ", providers))
                    .withRemediation("Duplicate the template with Windows Server 2003 compatibility (schema version 2) and a "
                            + "CryptoAPI CSP such as \"Microsoft Enhanced RSA and AES Cryptographic Provider\" or \"Microsoft "
                            + "Strong Cryptographic Provider\" (Cryptography tab: Legacy Cryptographic Service Provider), publish it, "
                            + "and re-enroll the RA certificate from it.")
                    .withReference(RA_GUIDANCE);
        }
        return Finding.pass("RA_TEMPLATE_CAPI", "The RA template \"" + t.name() + "\" (schema version " + schema + ") uses "
                        + (providers.isEmpty() ? "the CryptoAPI CSPs of its schema" : String.join(", ", providers)) + ".")
                .withEvidence("template", t.name()).withEvidence("schemaVersion", schema);
    }

    private static OptionalLong number(Optional<String> v) {
        try {
            return v.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v.get().strip()) & 0xFFFFFFFFL);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
