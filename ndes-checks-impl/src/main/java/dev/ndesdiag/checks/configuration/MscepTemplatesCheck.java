package dev.ndesdiag.checks.configuration;

import dev.ndesdiag.mscep.MscepRegistry;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies the three template values of the MSCEP key, which map an Intune SCEP profile's key usage
 * to a certificate template: {@code SignatureTemplate} (digital signature), {@code EncryptionTemplate}
 * (key encipherment) and {@code GeneralPurposeTemplate} (both). Each must be set, not the install
 * default {@code IPSECIntermediateOffline}, a template name rather than its display name, and
 * published on the CA; otherwise the CA refuses the request with 0x80094800 and NDES logs event 31.
 */
public final class MscepTemplatesCheck extends AbstractCheck {

    static final String DEFAULT = "IPSECIntermediateOffline";
    static final String CATEMPLATES = "certutil-catemplates";
    private static final Pattern CATEMPLATE_LINE = Pattern.compile("^\\s*([^:\\s][^:]*?):\\s*(.*?)(\\s+--\\s+.*)?$");
    private static final String REFERENCE =
            "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/devices-receive-scep-certificates-error-0x80094800";

    private static final Map<String, String> SLOTS = slots();

    private static Map<String, String> slots() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("SignatureTemplate", "Digital signature");
        m.put("EncryptionTemplate", "Key encipherment");
        m.put("GeneralPurposeTemplate", "Digital signature and key encipherment");
        return m;
    }

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public MscepTemplatesCheck() {
        super(CheckDescriptor.of("mscep-templates",
                        "The MSCEP template values name published templates by their template name", Category.CONFIGURATION)
                .withSymptoms("enrollment fails with 0x80094800", "NDES event 31")
                .requires(NdesInputs.MSCEP).uses(NdesInputs.CERTUTIL_CATEMPLATES)
                .withReferences(REFERENCE));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Registry registry = context.get(NdesInputs.MSCEP);
        Map<String, String> displayNames = displayNames(registry);
        Optional<CommandCapture> capture = context.find(NdesInputs.CERTUTIL_CATEMPLATES);
        Optional<Map<String, String>> listed = capture.map(c -> parseCaTemplates(c.output()));
        // a failed certutil -CATemplates (RPC 0x800706ba, access denied) lists nothing: publication is then
        // unknown, never "not published"; the verdict comes from the exit code, not from English text
        boolean failed = capture.isPresent() && (capture.get().exitCode().isPresent()
                ? capture.get().exitCode().getAsInt() != 0 : listed.get().isEmpty());
        Optional<Map<String, String>> published = failed ? Optional.empty() : listed;
        published.ifPresent(p -> p.forEach((name, display) -> displayNames.putIfAbsent(name.toLowerCase(Locale.ROOT), display)));
        List<Finding> findings = new ArrayList<>();
        if (failed) {
            String said = capture.get().output().lines().map(String::strip).filter(l -> !l.isEmpty())
                    .reduce((a, b) -> b).orElse("(no output)");
            findings.add(Finding.skipped("TEMPLATE_PUBLICATION_NOT_CHECKED", "certutil -CATemplates failed on the server"
                            + (capture.get().exitCode().isPresent() ? " (exit code " + capture.get().exitCode().getAsInt() + ")" : "")
                            + ", so whether the CA publishes the templates was not checked: \"" + said + "\".")
                    .withEvidence("exitCode", capture.get().exitCode().isPresent()
                            ? String.valueOf(capture.get().exitCode().getAsInt()) : "unknown")
                    .withEvidence("output", said)
                    .withRemediation("Run certutil -config \"<CA>\" -CATemplates on the NDES server as the NDES service "
                            + "account's administrator; an RPC error (0x800706ba) means the CA cannot be reached (see ca-ping)."));
        }
        int defaults = 0;
        for (Map.Entry<String, String> slot : SLOTS.entrySet()) {
            Optional<String> value = MscepRegistry.string(registry, slot.getKey()).map(String::strip).filter(v -> !v.isEmpty());
            String usage = slot.getValue();
            Optional<InputProblem> broken = value.isEmpty()
                    ? MscepRegistry.unreadable(registry, slot.getKey(), context.problems(NdesInputs.MSCEP)) : Optional.empty();
            if (broken.isPresent()) {
                findings.add(broken.get().toFinding());
                continue;
            }
            if (value.isEmpty()) {
                findings.add(Finding.fail("TEMPLATE_NOT_SET", slot.getKey() + " is not set: SCEP profiles with key usage \""
                                + usage + "\" cannot be served (NDES does not fall back to another template).")
                        .withEvidence("value", slot.getKey())
                        .withRemediation(regAdd(slot.getKey(), "<template name>")));
                continue;
            }
            String v = value.get();
            if (v.equalsIgnoreCase(DEFAULT)) {
                defaults++;
                findings.add(Finding.warn("TEMPLATE_IS_INSTALL_DEFAULT", slot.getKey() + " is still the install default "
                                + DEFAULT + ": SCEP profiles with key usage \"" + usage + "\" get a certificate from the wrong "
                                + "template, or 0x80094800 if it is not published.")
                        .withEvidence("value", slot.getKey()).withEvidence("template", v)
                        .withRemediation(regAdd(slot.getKey(), "<your SCEP template's name>")));
                continue;
            }
            Optional<String> nameForDisplay = displayNames.entrySet().stream()
                    .filter(e -> e.getValue().equalsIgnoreCase(v) && !e.getKey().equalsIgnoreCase(v)).map(Map.Entry::getKey).findFirst();
            if (nameForDisplay.isPresent()) {
                String name = published.flatMap(p -> p.keySet().stream().filter(k -> k.equalsIgnoreCase(nameForDisplay.get())).findFirst())
                        .orElse(nameForDisplay.get());
                findings.add(Finding.fail("TEMPLATE_DISPLAY_NAME", slot.getKey() + " holds the display name \"" + v
                                + "\" instead of the template name \"" + name + "\": the CA refuses the request with "
                                + "0x80094800 (CERTSRV_E_UNSUPPORTED_CERT_TYPE) and NDES logs event 31.")
                        .withEvidence("value", slot.getKey()).withEvidence("configured", v).withEvidence("templateName", name)
                        .withRemediation(regAdd(slot.getKey(), name)).withReference(REFERENCE));
                continue;
            }
            if (published.isPresent() && published.get().keySet().stream().noneMatch(k -> k.equalsIgnoreCase(v))) {
                findings.add(Finding.fail("TEMPLATE_NOT_PUBLISHED", slot.getKey() + " names the template \"" + v + "\", which "
                                + "the CA does not publish (certutil -CATemplates): the CA refuses the request with 0x80094800 "
                                + "and NDES logs event 31.")
                        .withEvidence("value", slot.getKey()).withEvidence("template", v)
                        .withEvidence("published", List.copyOf(published.get().keySet()))
                        .withRemediation("On the CA: certutil -SetCATemplates +" + v + " (or Certification Authority > "
                                + "Certificate Templates > New > Certificate Template to Issue), then iisreset on NDES.")
                        .withReference(REFERENCE));
                continue;
            }
            findings.add(Finding.pass("TEMPLATE_OK", slot.getKey() + " = " + v + (published.isPresent()
                    ? ", published on the CA." : failed ? " (publication not checked: certutil -CATemplates failed)."
                            : " (publication not checked: certutil -CATemplates not collected)."))
                    .withEvidence("value", slot.getKey()).withEvidence("template", v));
        }
        if (defaults == SLOTS.size()) {
            findings.add(0, Finding.fail("TEMPLATES_NOT_CONFIGURED", "All three MSCEP template values are the install default "
                            + DEFAULT + ": NDES was never configured for your SCEP template.")
                    .withEvidence("template", DEFAULT)
                    .withRemediation("Set SignatureTemplate, EncryptionTemplate and GeneralPurposeTemplate to your SCEP "
                            + "template's name (" + regAdd("SignatureTemplate", "<name>") + " and likewise), then iisreset."));
        }
        return CheckResult.of(findings);
    }

    /** Template display names by lower-case template name, from the CertificateTemplateCache key. */
    private static Map<String, String> displayNames(Registry registry) {
        Map<String, String> names = new LinkedHashMap<>();
        for (RegistryKey k : registry.subkeys("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache")) {
            String name = k.path().substring(k.path().lastIndexOf('\\') + 1);
            k.value("DisplayName").flatMap(v -> v.string()).ifPresent(d -> names.put(name.toLowerCase(Locale.ROOT), d));
        }
        return names;
    }

    /** Template name to display name, from {@code certutil -CATemplates} ("Name: Display Name -- Auto-Enroll: ..."). */
    static Map<String, String> parseCaTemplates(String output) {
        Map<String, String> templates = new LinkedHashMap<>();
        for (String line : output.split("\r\n|\r|\n")) {
            if (line.isBlank() || line.startsWith("CertUtil:") || line.startsWith("  ")) {
                continue;
            }
            Matcher m = CATEMPLATE_LINE.matcher(line);
            if (m.matches()) {
                templates.put(m.group(1).strip(), m.group(2).strip());
            }
        }
        return templates;
    }

    private static String regAdd(String value, String template) {
        return "reg add \"" + MscepRegistry.KEY + "\" /v " + value + " /t REG_SZ /d \"" + template + "\" /f, then iisreset "
                + "(and restart the Intune connector services).";
    }
}
