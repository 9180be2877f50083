package dev.ndesdiag.checks.templates;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.inputs.AuthorityInputs;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.mscep.MscepRegistry;
import dev.ndesdiag.templates.DirectoryAccess;
import dev.ndesdiag.templates.DsTemplateReader;
import dev.ndesdiag.templates.TemplateObject;
import dev.ndesdiag.windows.SecurityDescriptor;
import dev.ndesdiag.windows.ServiceIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Judges the content of each template the MSCEP slots name, as AD holds it: that it exists, that the
 * request supplies the subject (Intune's SCEP profile builds the subject; a template that builds it
 * from AD makes the CA deny the request and NDES answer HTTP 500), that its key usage fits the slot,
 * that it issues Client Authentication, and that the NDES service account may Read and Enroll.
 *
 * <p>The ACL comes from the same dump: {@code certutil -v -dstemplate} prints each template's
 * {@code nTSecurityDescriptor} in SDDL and then the entries it decodes ({@code Allow Enroll
 * CONTOSO\svc_ndes}); SpecterOps' "Certified Pre-Owned" (2021), figure 23, shows it on a real forest
 * ({@value #CERTIFIED_PRE_OWNED}). Microsoft's own example in [MS-CRTD] section 3 omits the attribute,
 * so a dump without it leaves the ACL unknown (SKIPPED), never judged.
 */
public final class MscepTemplateContentCheck extends AbstractCheck {

    static final String SCEP_CONFIGURE = "https://learn.microsoft.com/en-us/intune/intune-service/protect/certificates-scep-configure";
    static final String MS_CRTD = "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-crtd/1192823c-d839-4bc3-9b6b-fa8c53507ae1";
    static final String DEFAULT_TEMPLATE = "IPSECIntermediateOffline";
    /** SpecterOps, Certified Pre-Owned, figure 23: certutil -v -dstemplate prints nTSecurityDescriptor. */
    static final String CERTIFIED_PRE_OWNED = "https://specterops.io/wp-content/uploads/sites/3/2022/06/Certified_Pre-Owned.pdf";

    /** The MSCEP slots and the key usage each needs: signature, encryption, both. */
    enum Slot {
        SIGNATURE("SignatureTemplate", TemplateObject.DIGITAL_SIGNATURE, "Digital signature (Signature purpose)"),
        ENCRYPTION("EncryptionTemplate", TemplateObject.KEY_ENCIPHERMENT, "Key encipherment (Encryption purpose)"),
        GENERAL_PURPOSE("GeneralPurposeTemplate", TemplateObject.DIGITAL_SIGNATURE | TemplateObject.KEY_ENCIPHERMENT,
                "Digital signature and key encipherment (Signature and encryption purpose)");

        final String value;
        final int keyUsage;
        final String words;

        Slot(String value, int keyUsage, String words) {
            this.value = value;
            this.keyUsage = keyUsage;
            this.words = words;
        }
    }

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public MscepTemplateContentCheck() {
        super(CheckDescriptor.of("template-mscep-content",
                        "Each template the MSCEP slots name exists in AD, takes the subject from the request, fits its slot "
                                + "and lets the NDES service account Read and Enroll", Category.CONFIGURATION)
                .withSymptoms("HTTP 500", "CA denies the request (template)", "NDES event 28")
                .requires(AuthorityInputs.CERTUTIL_DSTEMPLATE, NdesInputs.MSCEP)
                .uses(NdesInputs.IIS, NdesInputs.ACCOUNTS)
                .withReferences(SCEP_CONFIGURE, MS_CRTD));
    }

    @Override
    public CheckResult run(CheckContext context) {
        CommandCapture capture = context.get(AuthorityInputs.CERTUTIL_DSTEMPLATE);
        DsTemplateReader.Dump dump = DsTemplateReader.read(context.snapshot(), capture.output());
        List<Finding> findings = new ArrayList<>();
        for (DsTemplateReader.Problem p : dump.problems()) {
            findings.add(Finding.error("TEMPLATE_DUMP_UNREADABLE", "Line " + p.line() + " of commands/certutil-dstemplate.txt cannot be "
                            + "read: " + p.message() + ".")
                    .withEvidence("file", "commands/certutil-dstemplate.txt").withEvidence("line", p.line())
                    .withEvidence("raw", p.raw()));
        }
        if (dump.templates().isEmpty()) {
            if (findings.isEmpty()) {
                findings.add(Finding.skipped("TEMPLATE_DUMP_EMPTY", "certutil -v -dstemplate printed no template, so the "
                                + "templates could not be judged (the collecting account could not read AD, or the command failed).")
                        .withEvidence("output", firstLines(capture.output()))
                        .withRemediation("Run certutil -v -dstemplate > commands\\certutil-dstemplate.txt as a domain user on the NDES server."));
            }
            return CheckResult.of(findings);
        }
        Registry mscep = context.get(NdesInputs.MSCEP);
        Map<String, List<Slot>> byTemplate = new LinkedHashMap<>();
        for (Slot slot : Slot.values()) {
            MscepRegistry.string(mscep, slot.value).map(String::strip).filter(s -> !s.isEmpty())
                    .ifPresent(t -> byTemplate.computeIfAbsent(t.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(slot));
        }
        if (byTemplate.isEmpty()) {
            findings.add(Finding.skipped("MSCEP_SLOTS_EMPTY", "MSCEP names no template in SignatureTemplate, EncryptionTemplate or "
                    + "GeneralPurposeTemplate; the mscep-templates check judges that."));
            return CheckResult.of(findings);
        }
        Optional<ServiceIdentity> identity = context.find(NdesInputs.IIS).flatMap(ScepPoolIdentity::account)
                .map(a -> DirectoryAccess.networkIdentity(a, context.find(NdesInputs.ACCOUNTS)));
        for (Map.Entry<String, List<Slot>> e : byTemplate.entrySet()) {
            String name = MscepRegistry.string(mscep, e.getValue().get(0).value).orElseThrow().strip();
            Optional<TemplateObject> template = dump.find(name);
            String slots = String.join(", ", e.getValue().stream().map(s -> s.value).toList());
            if (template.isEmpty()) {
                findings.add(Finding.fail("TEMPLATE_NOT_IN_AD", "MSCEP\\" + slots + " names the template \"" + name + "\", which "
                                + "is not in Active Directory. NDES submits every request of that kind with it, the CA denies it, "
                                + "and mscep.dll answers HTTP 500.")
                        .withEvidence("slot", slots).withEvidence("template", name)
                        .withEvidence("templatesInAd", dump.templates().size())
                        .withRemediation("Set MSCEP\\" + slots + " to the template's name (the cn, not its display name; "
                                + "certutil -dstemplate lists them), then iisreset.")
                        .withReference(SCEP_CONFIGURE));
                continue;
            }
            judge(template.get(), e.getValue(), slots, identity, findings);
        }
        return CheckResult.of(findings);
    }

    private static void judge(TemplateObject t, List<Slot> slots, String slotNames, Optional<ServiceIdentity> identity,
            List<Finding> findings) {
        String name = t.name();
        if (t.nameFlag().isEmpty()) {
            findings.add(Finding.skipped("TEMPLATE_NAME_FLAG_UNKNOWN", "certutil printed no msPKI-Certificate-Name-Flag for \""
                    + name + "\", so whether the request supplies the subject is unknown.").withEvidence("template", name));
        } else if (!t.enrolleeSuppliesSubject()) {
            findings.add(Finding.fail("TEMPLATE_SUBJECT_FROM_AD", "The template \"" + name + "\" (MSCEP\\" + slotNames + ") builds the "
                            + "subject from Active Directory instead of taking it from the request. Intune's SCEP profile supplies "
                            + "the subject; the CA cannot build one for a device and denies the request, and NDES answers HTTP 500.")
                    .withEvidence("template", name).withEvidence("msPKI-Certificate-Name-Flag",
                            String.format("0x%08x", t.nameFlag().getAsLong()))
                    .withRemediation("On the template's Subject Name tab select \"Supply in the request\" "
                            + "(CT_FLAG_ENROLLEE_SUPPLIES_SUBJECT), wait for AD replication, then iisreset on the NDES server.")
                    .withReference(SCEP_CONFIGURE));
        } else {
            findings.add(Finding.pass("TEMPLATE_SUBJECT_SUPPLIED", "\"" + name + "\" takes the subject from the request.")
                    .withEvidence("template", name));
        }
        OptionalInt ku = t.keyUsage();
        for (Slot slot : slots) {
            if (ku.isPresent() && (ku.getAsInt() & slot.keyUsage) != slot.keyUsage) {
                findings.add(Finding.warn("TEMPLATE_PURPOSE_MISMATCH", "\"" + name + "\" is in MSCEP\\" + slot.value + ", which NDES "
                                + "uses for requests that need " + slot.words + ", but its key usage lacks it. Devices whose "
                                + "profile asks for that key usage get certificates without it, or the request is denied.")
                        .withEvidence("template", name).withEvidence("slot", slot.value)
                        .withEvidence("pKIKeyUsage", t.value("pKIKeyUsage").orElse(""))
                        .withRemediation("Put the template in the slot of its purpose (Request Handling tab: Signature -> "
                                + "SignatureTemplate, Encryption -> EncryptionTemplate, Signature and encryption -> "
                                + "GeneralPurposeTemplate), or fix its key usage on the Extensions tab; then iisreset.")
                        .withReference(SCEP_CONFIGURE));
            }
        }
        List<String> ekus = t.extendedKeyUsages();
        if (!ekus.isEmpty() && !ekus.contains(TemplateObject.CLIENT_AUTHENTICATION) && !ekus.contains("2.5.29.37.0")) {
            findings.add(Finding.warn("TEMPLATE_NO_CLIENT_AUTH", "\"" + name + "\" does not issue Client Authentication "
                            + "(1.3.6.1.5.5.7.3.2), which Intune's SCEP certificates are used for (Wi-Fi, VPN, app sign-in).")
                    .withEvidence("template", name).withEvidence("ekus", String.join(", ", ekus))
                    .withRemediation("Add Client Authentication to the template's Application Policies (Extensions tab).")
                    .withReference(SCEP_CONFIGURE));
        }
        if (name.equalsIgnoreCase(DEFAULT_TEMPLATE)) {
            return; // NDES's default: mscep-templates reports it; its ACL is not the point
        }
        access(t, slotNames, identity, findings);
    }

    private static void access(TemplateObject t, String slotNames, Optional<ServiceIdentity> identity, List<Finding> findings) {
        String name = t.name();
        Optional<SecurityDescriptor> sd;
        try {
            sd = t.securityDescriptor();
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error("TEMPLATE_SDDL_UNREADABLE", "The security descriptor of \"" + name + "\" in "
                            + "commands/certutil-dstemplate.txt is not SDDL this reader understands: " + e.getMessage())
                    .withEvidence("file", "commands/certutil-dstemplate.txt").withEvidence("raw", t.sddl().orElse("")));
            return;
        }
        if (sd.isEmpty()) {
            findings.add(Finding.skipped("TEMPLATE_ACL_NOT_SHOWN", "certutil printed no nTSecurityDescriptor for \"" + name
                            + "\", so whether the NDES service account may Read and Enroll is unknown.")
                    .withEvidence("template", name)
                    .withRemediation("Run certutil -v -dstemplate " + name + " as a domain user on the NDES server (it prints "
                            + "nTSecurityDescriptor when the account may read the template's permissions), or check the "
                            + "template's Security tab: the NDES service account needs Read and Enroll."));
            return;
        }
        if (identity.isEmpty() || identity.get().sid().isEmpty()) {
            findings.add(Finding.skipped("TEMPLATE_ACL_ACCOUNT_UNKNOWN", "The NDES service account (the SCEP pool's identity) is not "
                            + "resolved to a SID in the bundle, so the ACL of \"" + name + "\" cannot be judged for it.")
                    .withEvidence("template", name)
                    .withEvidence("account", identity.map(ServiceIdentity::account).orElse("unknown (no applicationHost.config)"))
                    .withRemediation("Collect with ndes-diag collect, which resolves the pool's account (security/accounts.json)."));
            return;
        }
        ServiceIdentity id = identity.get();
        DirectoryAccess.Answer read = DirectoryAccess.read(sd.get(), id);
        DirectoryAccess.Answer enroll = DirectoryAccess.enroll(sd.get(), id);
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, DirectoryAccess.Answer> a : Map.of("Read", read, "Enroll", enroll).entrySet()) {
            switch (a.getValue().verdict()) {
                case DENIED, NOT_GRANTED -> missing.add(a.getKey());
                case UNKNOWN -> unknown.add(a.getKey());
                default -> {
                }
            }
        }
        java.util.Collections.sort(missing);
        java.util.Collections.sort(unknown);
        if (!missing.isEmpty()) {
            Finding f = Finding.fail("TEMPLATE_NDES_CANNOT_ENROLL", "The NDES service account " + id.account() + " lacks "
                            + String.join(" and ", missing) + " on \"" + name + "\" (MSCEP\\" + slotNames + "). The CA denies "
                            + "NDES's requests for it (\"denied by policy module\", 0x80094012) and mscep.dll answers HTTP 500.")
                    .withEvidence("template", name).withEvidence("account", id.account()).withEvidence("sid", id.sid().orElseThrow())
                    .withEvidence("sddl", t.sddl().orElseThrow())
                    .withRemediation("On the template's Security tab grant " + id.account() + " Read and Enroll, then iisreset.")
                    .withReference(SCEP_CONFIGURE);
            Optional<dev.ndesdiag.windows.Ace> deny = List.of(read, enroll).stream().flatMap(x -> x.deciding().stream())
                    .filter(x -> x.type() == dev.ndesdiag.windows.Ace.Type.DENY || x.type() == dev.ndesdiag.windows.Ace.Type.OBJECT_DENY)
                    .findFirst();
            if (deny.isPresent()) {
                f = f.withEvidence("denyEntry", deny.get().trustee());
            }
            findings.add(f);
        } else if (!unknown.isEmpty()) {
            List<String> groups = new ArrayList<>(read.groups());
            enroll.groups().stream().filter(g -> !groups.contains(g)).forEach(groups::add);
            findings.add(Finding.skipped("TEMPLATE_ENROLL_BY_GROUP", "Only groups grant " + String.join(" and ", unknown) + " on \""
                            + name + "\", and the bundle cannot show whether " + id.account() + " is in them.")
                    .withEvidence("template", name).withEvidence("account", id.account())
                    .withEvidence("groups", String.join(", ", groups))
                    .withRemediation("Check that " + id.account() + " is a member of one of these groups "
                            + "(Get-ADPrincipalGroupMembership), or grant the account Read and Enroll itself."));
        } else {
            findings.add(Finding.pass("TEMPLATE_NDES_CAN_ENROLL", id.account() + " may Read and Enroll on \"" + name + "\".")
                    .withEvidence("template", name).withEvidence("account", id.account()));
        }
    }

    private static String firstLines(String output) {
        String[] lines = output.strip().split("\r\n|\r|\n");
        return String.join(" | ", java.util.Arrays.copyOf(lines, Math.min(lines.length, 3)));
    }
}
