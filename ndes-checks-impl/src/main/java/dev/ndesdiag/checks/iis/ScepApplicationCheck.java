package dev.ndesdiag.checks.iis;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.XmlElement;
import dev.ndesdiag.iis.EffectiveConfiguration;
import dev.ndesdiag.iis.EffectiveSection;
import dev.ndesdiag.iis.IisSites;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IIS application NDES answers from: {@code CertSrv/mscep} exists in the site that NDES uses,
 * its physical folder holds {@code mscep.dll}, the ISAPI and CGI restriction list allows that DLL
 * ({@code system.webServer/security/isapiCgiRestriction}; a DLL not allowed gets HTTP 404.2), and an
 * enabled handler runs it: an {@code IsapiModule} handler for {@code *.dll} in the effective
 * {@code system.webServer/handlers} of the application, whose {@code accessPolicy} grants the
 * {@code Execute} access the handler requires. {@code CertSrv/mscep_admin} is reported for
 * information: present, or deliberately removed on an Intune-only server.
 */
public final class ScepApplicationCheck extends AbstractCheck {

    static final Input<CommandCapture> DIR = Inputs.commandOutput("dir-mscep-dll", "dir /b /a-d <CertSrv/mscep folder>\\mscep.dll");
    static final String HANDLERS = "system.webServer/handlers";
    static final String ISAPI_DOC = "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/isapicgirestriction/";
    static final String HANDLERS_DOC = "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/handlers/";
    static final String NDES_DOC = "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module";
    private static final Pattern HANDLER_KEY = Pattern.compile("^add\\[(.*)]/@modules$");

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ScepApplicationCheck() {
        super(CheckDescriptor.of("scep-application",
                        "CertSrv/mscep exists, holds mscep.dll, and IIS may and does run it (ISAPI restriction, handler, Execute)",
                        Category.IIS)
                .withSymptoms("HTTP 404 on /certsrv/mscep/mscep.dll", "HTTP 404.2", "HTTP 404.3", "HTTP 403 on mscep.dll",
                        "mscep.dll offered as a download")
                .requires(NdesInputs.IIS)
                .uses(DIR)
                .withReferences(ISAPI_DOC, HANDLERS_DOC, NDES_DOC));
    }

    @Override
    public CheckResult run(CheckContext context) {
        IisConfiguration iis = context.get(NdesInputs.IIS);
        Optional<IisSites.Site> site = IisSites.scepSite(iis);
        if (site.isEmpty()) {
            return CheckResult.of(Finding.fail("SCEP_APPLICATION_MISSING", "No site has the CertSrv/mscep application: "
                            + "/certsrv/mscep/mscep.dll answers HTTP 404 and devices cannot enroll.")
                    .withEvidence("sites", String.join(", ", IisSites.of(iis).stream().map(IisSites.Site::name).toList()))
                    .withRemediation("Reconfigure NDES (Server Manager > AD CS configuration, or remove and reinstall the "
                            + "Network Device Enrollment Service role service).")
                    .withReference(NDES_DOC));
        }
        String path = site.get().name() + IisSites.SCEP_APPLICATION;
        List<Finding> findings = new ArrayList<>();
        Optional<String> folder = site.get().directories().stream()
                .filter(d -> d.path().equalsIgnoreCase(IisSites.SCEP_APPLICATION)).map(IisSites.VirtualDirectory::physicalPath)
                .findFirst();
        findings.add(Finding.pass("SCEP_APPLICATION_PRESENT", path + " exists" + folder.map(f -> " at " + f).orElse("") + ".")
                .withEvidence("path", path));
        findings.add(binary(context.find(DIR), folder.orElse("?")));
        findings.add(restriction(iis, folder.orElse("")));
        findings.addAll(handler(new EffectiveConfiguration(iis).section(HANDLERS, path), path));
        boolean admin = site.get().applications().stream().anyMatch(a -> a.equalsIgnoreCase("/CertSrv/mscep_admin"));
        findings.add(Finding.pass(admin ? "MSCEP_ADMIN_PRESENT" : "MSCEP_ADMIN_REMOVED", admin
                ? "CertSrv/mscep_admin is present (the challenge-password page; Intune does not use it)."
                : "CertSrv/mscep_admin is not configured: removed on purpose on an Intune-only server, which is fine."));
        return CheckResult.of(findings);
    }

    private static Finding binary(Optional<CommandCapture> dir, String folder) {
        if (dir.isEmpty()) {
            return Finding.skipped("MSCEP_DLL_NOT_LISTED", "Whether " + folder + "\\mscep.dll exists was not collected.")
                    .withRemediation("cmd /c dir /b /a-d \"" + folder + "\\mscep.dll\" > commands\\dir-mscep-dll.txt");
        }
        boolean listed = dir.get().output().lines().map(String::strip).anyMatch(l -> l.equalsIgnoreCase("mscep.dll"));
        boolean failed = dir.get().exitCode().isPresent() && dir.get().exitCode().getAsInt() != 0;
        if (listed && !failed) {
            return Finding.pass("MSCEP_DLL_PRESENT", "mscep.dll is in " + folder + ".");
        }
        return Finding.fail("MSCEP_DLL_MISSING", "mscep.dll is not in " + folder + ", the physical folder of CertSrv/mscep: "
                        + "IIS has nothing to run and answers HTTP 404.")
                .withEvidence("folder", folder).withEvidence("dir", dir.get().output().strip())
                .withRemediation("Point CertSrv/mscep at %windir%\\system32\\certsrv\\mscep, or reinstall the NDES role "
                        + "service if the file is gone.")
                .withReference(NDES_DOC);
    }

    private static Finding restriction(IisConfiguration iis, String folder) {
        Optional<XmlElement> section = iis.applicationHost().flatMap(r -> r.find("system.webServer/security/isapiCgiRestriction"));
        boolean notListedAllowed = section.flatMap(s -> s.attribute("notListedIsapisAllowed"))
                .filter(v -> v.equalsIgnoreCase("true")).isPresent();
        Optional<XmlElement> entry = section.stream().flatMap(s -> s.children("add").stream())
                .filter(a -> a.attribute("path").filter(ScepApplicationCheck::isMscep).isPresent()).findFirst();
        String fix = "%windir%\\system32\\inetsrv\\appcmd.exe set config -section:system.webServer/security/isapiCgiRestriction "
                + "/[path='%windir%\\system32\\certsrv\\mscep\\mscep.dll'].allowed:true /commit:apphost (IIS Manager > server > "
                + "ISAPI and CGI Restrictions), then iisreset.";
        if (entry.isPresent()) {
            boolean allowed = entry.get().attribute("allowed").filter(v -> v.equalsIgnoreCase("true")).isPresent();
            if (allowed) {
                return Finding.pass("ISAPI_RESTRICTION_ALLOWS_MSCEP", "The ISAPI and CGI restriction list allows "
                        + entry.get().attribute("path").orElse("mscep.dll") + ".");
            }
            return Finding.fail("ISAPI_RESTRICTION_DENIES_MSCEP", "The ISAPI and CGI restriction list has "
                            + entry.get().attribute("path").orElse("mscep.dll") + " as not allowed: IIS refuses to load it "
                            + "and answers HTTP 404.2.")
                    .withEvidence("path", entry.get().attribute("path").orElse("")).withEvidence("line", entry.get().line())
                    .withRemediation(fix).withReference(ISAPI_DOC);
        }
        if (notListedAllowed) {
            return Finding.pass("ISAPI_RESTRICTION_ALLOWS_ALL", "mscep.dll is not listed, and unlisted ISAPI DLLs are allowed "
                    + "(notListedIsapisAllowed=true).");
        }
        return Finding.fail("ISAPI_RESTRICTION_MISSING_MSCEP", "mscep.dll is not in the ISAPI and CGI restriction list and "
                        + "unlisted DLLs are not allowed: IIS refuses to load " + (folder.isEmpty() ? "mscep.dll" : folder
                        + "\\mscep.dll") + " and answers HTTP 404.2.")
                .withEvidence("notListedIsapisAllowed", false)
                .withRemediation("Add it allowed: %windir%\\system32\\inetsrv\\appcmd.exe set config -section:system.webServer/"
                        + "security/isapiCgiRestriction /+\"[path='%windir%\\system32\\certsrv\\mscep\\mscep.dll',allowed='True',"
                        + "description='NDES']\" /commit:apphost, then iisreset.")
                .withReference(ISAPI_DOC);
    }

    private static boolean isMscep(String path) {
        return path.replace('/', '\\').toLowerCase(Locale.ROOT).endsWith("\\mscep\\mscep.dll");
    }

    private static List<Finding> handler(EffectiveSection handlers, String path) {
        Optional<String> name = Optional.empty();
        for (Map.Entry<String, String> e : handlers.values().entrySet()) {
            Matcher m = HANDLER_KEY.matcher(e.getKey());
            if (m.matches() && e.getValue().toLowerCase(Locale.ROOT).contains("isapimodule")) {
                String handler = m.group(1);
                String target = handlers.value("add[" + handler + "]/@path").orElse("").toLowerCase(Locale.ROOT);
                if (target.equals("*.dll") || target.endsWith("mscep.dll")) {
                    name = Optional.of(handler);
                    break;
                }
            }
        }
        if (name.isEmpty()) {
            return List.of(Finding.fail("ISAPI_HANDLER_MISSING", "No IsapiModule handler for *.dll is in effect for " + path
                            + ": IIS does not run mscep.dll (HTTP 404.3, or the DLL is offered as a download).")
                    .withEvidence("path", path)
                    .withRemediation("Restore the ISAPI-dll handler mapping (IIS Manager > CertSrv/mscep > Handler Mappings > "
                            + "Revert to Parent, or Add Module Mapping *.dll, IsapiModule) and enable it.")
                    .withReference(HANDLERS_DOC));
        }
        String access = handlers.value("@accessPolicy").orElse("Read");
        String requires = handlers.value("add[" + name.get() + "]/@requireAccess").orElse("Script");
        boolean granted = List.of(access.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains(requires.toLowerCase(Locale.ROOT))
                || requires.equalsIgnoreCase("None");
        if (!granted) {
            return List.of(Finding.fail("HANDLER_ACCESS_DENIED", "The handler " + name.get() + " needs " + requires
                            + " access, but the handler mappings of " + path + " grant only \"" + access + "\" (set in "
                            + handlers.source("@accessPolicy") + "): IIS does not execute mscep.dll (HTTP 403 or 404).")
                    .withEvidence("path", path).withEvidence("accessPolicy", access).withEvidence("requireAccess", requires)
                    .withRemediation("%windir%\\system32\\inetsrv\\appcmd.exe set config \"" + path + "\" -section:"
                            + HANDLERS + " /accessPolicy:\"Read, Script, Execute\" /commit:apphost (IIS Manager > Handler "
                            + "Mappings > Edit Feature Permissions > Execute).")
                    .withReference(HANDLERS_DOC));
        }
        return List.of(Finding.pass("ISAPI_HANDLER_ENABLED", "The " + name.get() + " handler runs mscep.dll with " + requires
                + " access granted (" + access + ")."));
    }
}
