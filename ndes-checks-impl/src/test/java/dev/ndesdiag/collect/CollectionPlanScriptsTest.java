package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.RegExport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command text of the plan as Windows will receive it. The PowerShell scripts cannot run here
 * (no PowerShell on the build machines); these tests pin the constructs whose behaviour PowerShell's
 * documentation and issues establish, for one account and for several.
 */
class CollectionPlanScriptsTest {

    @Test
    void oneAccountIsAddedWithTheUnaryCommaSoItStaysOnePair() {
        String script = CollectionPlan.accountsScript(List.of(id("NT AUTHORITY\\SYSTEM", "builtin")));
        assertThat(script).contains("$names=@(); $names+=,@('NT AUTHORITY\\SYSTEM','builtin'); ")
                .doesNotContain("@(@(");
    }

    @Test
    void severalAccountsAreEachAddedAsAPair() {
        String script = CollectionPlan.accountsScript(List.of(id("IIS APPPOOL\\SCEP", "virtual"),
                id("CONTOSO\\svc-ndes", "user")));
        assertThat(script).contains("$names+=,@('IIS APPPOOL\\SCEP','virtual'); $names+=,@('CONTOSO\\svc-ndes','user'); ");
    }

    @Test
    void aDirectoryAccountsTransitiveGroupsComeFromItsTokenGroupsAndAreLeftOutWhenUnreadable() {
        // tokenGroups is a constructed attribute: it must be asked for with RefreshCache before it is read
        // (https://learn.microsoft.com/windows/win32/adschema/a-tokengroups)
        String script = CollectionPlan.accountsScript(List.of(id("CONTOSO\\gmsa-ndes$", "gmsa")));
        assertThat(script).contains("$de=[ADSI]('LDAP://<SID=' + $a.sid + '>'); ")
                .contains("$de.RefreshCache(@('tokenGroups',")
                .contains("$a.groups=@(")
                .contains("try { " + CollectionPlan.DIRECTORY_FACTS + " } catch { } }; $a }");
        assertThat(script).contains("@('user','gmsa','msa','computer') -contains $a.kind");
    }

    @Test
    void aLocalDotBackslashAccountIsTranslatedAsComputerNameBackslash() {
        String script = CollectionPlan.accountsScript(List.of(id(".\\ndes-svc", "user")));
        assertThat(script).contains("if ($name.StartsWith('.\\')) { $name=$env:COMPUTERNAME + $name.Substring(1) }");
    }

    @Test
    void oneUnresolvableGroupMemberDoesNotLoseTheGroup() {
        String script = CollectionPlan.accountsScript(List.of(id("NT AUTHORITY\\SYSTEM", "builtin")));
        assertThat(script).contains("ForEach-Object { try { (New-Object System.Security.Principal.SecurityIdentifier(");
    }

    @Test
    void theCaSecurityIsReadThroughGetConfigEntryAndPrintedAsSddlWithTheCaNameQuoted() {
        String script = CollectionPlan.caSecuritySddlScript("ca01.corp.contoso.com\\O'Brien Issuing CA");
        assertThat(script).contains("New-Object -ComObject CertificateAuthority.Admin")
                .contains("GetConfigEntry('ca01.corp.contoso.com\\O''Brien Issuing CA','','Security')")
                .contains("[System.Security.AccessControl.RawSecurityDescriptor]::new([byte[]]$v,0).GetSddlForm('All')")
                .doesNotContain("SetConfigEntry");
    }

    @Test
    void scriptsNeverChangeTheConsoleCodePageAndReportErrorsAsPlainText() {
        for (String script : List.of(CollectionPlan.SYSTEM_SCRIPT,
                CollectionPlan.accountsScript(List.of(id("a", "user"))))) {
            assertThat(script).doesNotContain("OutputEncoding")
                    .contains("[Console]::OpenStandardOutput()")
                    .endsWith("catch { [Console]::Error.WriteLine($_.ToString()); exit 1 }")
                    .startsWith("$ErrorActionPreference='Stop'; $ProgressPreference='SilentlyContinue'; try { ");
        }
    }

    @Test
    void seceditWritesItsLogIntoOurTemporaryFolder() {
        Step.ExportCommand secedit = CollectionPlan.standard(java.util.Optional.empty()).stream()
                .filter(s -> s instanceof Step.ExportCommand).map(s -> (Step.ExportCommand) s).findFirst().orElseThrow();
        List<String> args = secedit.commandWithTemp();
        assertThat(args.get(args.indexOf("/log") + 1)).startsWith("{temp}");
        assertThat(args).contains("/quiet").endsWith("/cfg", "{temp}");
    }

    @Test
    void theWindowsNtCurrentVersionTreeIsNotExported() {
        assertThat(CollectionPlan.REGISTRY).extracting(Step.RegExport::key)
                .noneMatch(k -> k.toLowerCase(java.util.Locale.ROOT).contains("windows nt\\currentversion"));
    }

    @Test
    void certutilAndWevtutilAskForUnicodeOutput() {
        assertThat(CollectionPlan.certutil("ca01\\Contoso CA", "-ping"))
                .containsExactly("certutil", "-Unicode", "-config", "ca01\\Contoso CA", "-ping");
        assertThat(CollectionPlan.wevtutil(new Step.Events("System", List.of(CollectionPlan.ERRORS_AND_WARNINGS.apply("System")), 10))).contains("/uni:true", "/f:xml", "/c:10");
    }

    @Test
    void theCaConfigIsReadFromTheCollectedExportWithItsUmlaut() {
        byte[] reg = new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo")
                .string("Configuration", "ca01.corp.contoso.com\\Contoso Süd CA").bytes();
        assertThat(CaConfigFromRegistry.configuredCa(reg)).hasValue("ca01.corp.contoso.com\\Contoso Süd CA");
    }

    @Test
    void noExportOrNoValueMeansNoConfiguredCa() {
        assertThat(CaConfigFromRegistry.configuredCa(null)).isEmpty();
        assertThat(CaConfigFromRegistry.configuredCa(new RegExport()
                .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo").string("Configuration", " ").bytes()))
                .isEmpty();
        assertThat(CaConfigFromRegistry.configuredCa("not a registry export".getBytes())).isEmpty();
    }

    private static Collector.Identity id(String name, String kind) {
        return new Collector.Identity(name, dev.ndesdiag.api.snapshot.AccountKind.of(kind).orElseThrow());
    }
}
