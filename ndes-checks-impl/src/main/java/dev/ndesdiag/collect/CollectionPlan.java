package dev.ndesdiag.collect;

import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.input.DeclaredInput;
import dev.ndesdiag.api.input.EventChannelInput;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.EventLevel;
import dev.ndesdiag.api.snapshot.LogFamily;
import dev.ndesdiag.network.FetchOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps that collect a snapshot bundle of an NDES server, as the bundle format lists them.
 * Every external command has a time limit; event exports are bounded in count; logs are copied
 * tail-first up to a size.
 */
public final class CollectionPlan {

    /** Internet Explorer Enhanced Security Configuration for administrators (Active Setup component A7). */
    public static final String IE_ESC_ADMINS =
            "HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A7-37EF-4b3f-8CFC-4F3A74704073}";
    /** Internet Explorer Enhanced Security Configuration for users (Active Setup component A8). */
    public static final String IE_ESC_USERS =
            "HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{A509B1A8-37EF-4b3f-8CFC-4F3A74704073}";

    /**
     * The registry keys of the bundle format, with their file names. {@code reg export} is recursive
     * (MicrosoftDocs reg-export.md), so a key is listed only when everything under it is needed:
     * {@code Windows NT\CurrentVersion} is not exported (its tree holds the product key in
     * {@code DigitalProductId} and {@code SoftwareProtectionPlatform}, every profile in
     * {@code ProfileList}, and {@code Winlogon}; no check reads it); the manifest's OS facts come
     * from its few values instead ({@link WindowsSource#host()}).
     */
    public static final List<Step.RegExport> REGISTRY = List.of(
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP", "mscep.reg"),
            new Step.RegExport("HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters", "http-parameters.reg"),
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune", "intune.reg"),
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache", "template-cache.reg"),
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full", "dotnet.reg"),
            new Step.RegExport("HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL", "schannel.reg"),
            // installed programs: the Certificate Connector's product entry and DisplayVersion
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall", "uninstall.reg"),
            // issue 15: small keys whose whole tree is what the host checks read
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\ADCS", "adcs.reg"),
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319", "dotnet-crypto.reg"),
            new Step.RegExport("HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319", "dotnet-crypto-wow64.reg"),
            new Step.RegExport(IE_ESC_ADMINS, "ie-esc-admins.reg"),
            new Step.RegExport(IE_ESC_USERS, "ie-esc-users.reg"));

    /** The keys Windows reads only at start whose last-write time the host-state script records. */
    static final List<String> START_TIME_KEYS = List.of("SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters");

    /**
     * PowerShell 5.1 that prints {@code commands/host-state.txt} ({@link dev.ndesdiag.host.HostState}):
     * exactly the registry values that decide the platform (InstallationType, CurrentBuildNumber,
     * ProductType), Win32_ComputerSystem's domain membership, Win32_OperatingSystem's last boot, whether
     * the reboot-pending keys exist and whether PendingFileRenameOperations holds anything (never the
     * file names), and the last-write time of {@link #START_TIME_KEYS} through RegQueryInfoKey
     * (https://learn.microsoft.com/windows/win32/api/winreg/nf-winreg-regqueryinfokeyw, lpftLastWriteTime),
     * which no cmdlet and no {@code .reg} export shows. Read-only; Add-Type compiles the P/Invoke in
     * the user's temporary folder, and a failure there leaves only {@code keysWrittenAt} empty.
     */
    static final String HOST_STATE_SCRIPT = script("$cv=Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'; "
            + "$po=Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\ProductOptions'; "
            + "$cs=Get-CimInstance Win32_ComputerSystem; $os=Get-CimInstance Win32_OperatingSystem; "
            + "$sm=Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager'; "
            + "$pfro=@($sm.PendingFileRenameOperations | Where-Object { $_ }).Count -gt 0; "
            + "$times=[ordered]@{}; try { Add-Type -Namespace NdesDiag -Name Reg -MemberDefinition "
            + "'[DllImport(\"advapi32.dll\", CharSet = CharSet.Unicode)] public static extern int RegQueryInfoKey("
            + "Microsoft.Win32.SafeHandles.SafeRegistryHandle hKey, IntPtr lpClass, IntPtr lpcchClass, IntPtr lpReserved, "
            + "IntPtr lpcSubKeys, IntPtr lpcbMaxSubKeyLen, IntPtr lpcbMaxClassLen, IntPtr lpcValues, IntPtr lpcbMaxValueNameLen, "
            + "IntPtr lpcbMaxValueLen, IntPtr lpcbSecurityDescriptor, out long lpftLastWriteTime);'; "
            + "foreach ($p in @(" + String.join(",", START_TIME_KEYS.stream().map(CollectionPlan::quote).toList()) + ")) { "
            + "$k=[Microsoft.Win32.Registry]::LocalMachine.OpenSubKey($p); if ($k) { $ft=[long]0; $z=[IntPtr]::Zero; "
            + "if ([NdesDiag.Reg]::RegQueryInfoKey($k.Handle,$z,$z,$z,$z,$z,$z,$z,$z,$z,$z,[ref]$ft) -eq 0) { "
            + "$times['HKLM\\' + $p]=[DateTime]::FromFileTimeUtc($ft).ToString('o') }; $k.Close() } } } catch { }; "
            + "$json=[ordered]@{ installationType=[string]$cv.InstallationType; currentBuild=[string]$cv.CurrentBuildNumber; "
            + "productType=[string]$po.ProductType; partOfDomain=[bool]$cs.PartOfDomain; domain=[string]$cs.Domain; "
            + "domainRole=[int]$cs.DomainRole; lastBootAt=$os.LastBootUpTime.ToUniversalTime().ToString('o'); "
            + "rebootPending=[ordered]@{ "
            + "componentBasedServicing=(Test-Path -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending'); "
            + "windowsUpdate=(Test-Path -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired'); "
            + "pendingFileRenameOperations=$pfro }; keysWrittenAt=$times } | ConvertTo-Json -Depth 4");

    /** PowerShell that prints the SDDL of {@code %windir%\\Temp}, which the CRP pool must be able to write to. */
    static final String WINDOWS_TEMP_ACL_SCRIPT = script("$json=(Get-Acl -LiteralPath (Join-Path $env:windir 'Temp')).Sddl");

    /**
     * PowerShell that prints the CA's own security descriptor in SDDL, so that its entries carry SIDs
     * (certutil -getreg CA\Security prints names only). {@code ICertAdmin2::GetConfigEntry} reads the
     * CA's configuration ({@code CertSvc\Configuration\<CA>\Security}, read-only;
     * https://learn.microsoft.com/windows/win32/api/certadm/nf-certadm-icertadmin2-getconfigentry), and a
     * REG_BINARY arrives as a byte array ([MS-CSRA] 3.1.4.2.14: VT_ARRAY|VT_UI1), which
     * RawSecurityDescriptor turns into SDDL. The CA's rights are the mask bits of [MS-CSRA] 3.1.1.7
     * (Enroll 0x200, Read 0x100), printed in hexadecimal where SDDL has no letters for them.
     *
     * @param config the CA config string
     * @return the script
     */
    static String caSecuritySddlScript(String config) {
        return script("$ca=New-Object -ComObject CertificateAuthority.Admin; "
                + "$v=$ca.GetConfigEntry(" + quote(config) + ",'','Security'); "
                + "$json=[System.Security.AccessControl.RawSecurityDescriptor]::new([byte[]]$v,0).GetSddlForm('All')");
    }

    /** The services whose state explains a 503: IIS, the CA if local, and every connector generation. */
    static final List<String> SERVICES = List.of("W3SVC", "WAS", "CertSvc", "NDESConnectorSvc", "PFXCertificateConnectorSvc",
            "PKICertificateConnectorSvc", "PkiCreateConnectorSvc", "PfxCreateLegacyConnectorSvc", "PkiRevokeConnectorSvc",
            // the connector's updater (auto-update), as Microsoft's Validate-NDESConfiguration lists it
            "AzureADConnectAgentUpdater");

    /**
     * PowerShell 5.1 that prints system.json: services from Win32_Service (StartMode "Auto" becomes
     * "Automatic" as Get-Service says it), pools from {@code appcmd list apppool /xml}. Read-only.
     * The pools stay in the same try as the services: the format cannot say "pools unknown", and an
     * empty list would read as "no SCEP pool" (review-windows.md C9 is left open for that reason).
     */
    static final String SYSTEM_SCRIPT = script("$names=@('" + String.join("','", SERVICES) + "'); "
            + "$svc=@(Get-CimInstance Win32_Service | Where-Object { $names -contains $_.Name } | ForEach-Object { "
            + "[ordered]@{ name=$_.Name; status=[string]$_.State; "
            + "startType=$(if ($_.StartMode -eq 'Auto') { 'Automatic' } else { [string]$_.StartMode }); "
            + "account=[string]$_.StartName } }); "
            + "$pools=@(([xml](& (Join-Path $env:windir 'system32\\inetsrv\\appcmd.exe') list apppool /xml)).appcmd.APPPOOL "
            + "| Where-Object { $_ } | ForEach-Object { [ordered]@{ name=$_.'APPPOOL.NAME'; state=[string]$_.state } }); "
            // issue 15: installed feature names (ADCS-Device-Enrollment); Get-WindowsFeature exists on Server only,
            // and a failure leaves the list out rather than empty
            + "$json=[ordered]@{ services=$svc; appPools=$pools }; "
            + "try { $json.features=@(Get-WindowsFeature | Where-Object { $_.Installed } | ForEach-Object { [string]$_.Name }) } catch { }; "
            + "$json=$json | ConvertTo-Json -Depth 4");

    /**
     * Wraps a script that leaves its JSON in {@code $json}: errors are written as one plain line to
     * standard error (writing to {@code [Console]::Error} bypasses the CLIXML serialisation of the
     * error stream, PowerShell issue 5912) with exit code 1, and the JSON is written as UTF-8 bytes
     * to standard output without touching the console's code page, which the admin's window
     * shares ({@code [Console]::OutputEncoding=} would call SetConsoleOutputCP and leave it at 65001).
     */
    static String script(String body) {
        return "$ErrorActionPreference='Stop'; $ProgressPreference='SilentlyContinue'; try { " + body + "; "
                + "$bytes=[Text.Encoding]::UTF8.GetBytes([string]$json); $out=[Console]::OpenStandardOutput(); "
                + "$out.Write($bytes,0,$bytes.Length); $out.Flush() } "
                + "catch { [Console]::Error.WriteLine($_.ToString()); exit 1 }";
    }

    /** Where the collected applicationHost.config lands; the IIS follow-up steps read it from there. */
    static final String APPLICATION_HOST = "iis/applicationHost.config";

    static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    /** How many days of the SCEP site's W3C logs are collected. */
    static final int W3C_DAYS = 7;
    /** The most of them collected, in MiB. */
    static final long W3C_TOTAL_MIB = 64;
    /** Most logs are collected at levels 1 to 3 (critical, error, warning), from every provider. */
    static final java.util.function.Function<String, EventChannelInput> ERRORS_AND_WARNINGS = log -> new EventChannelInput(log,
            "*", EnumSet.of(EventLevel.CRITICAL, EventLevel.ERROR, EventLevel.WARNING));

    /** A provider whose success events decide a verdict, at every level. */
    static EventChannelInput everyLevel(String log, String provider) {
        return new EventChannelInput(log, provider, EnumSet.allOf(EventLevel.class));
    }

    /**
     * {@code secedit /export} with its log in our temporary folder: without {@code /log} it writes
     * the default log under {@code %windir%\security\logs} ("If the path for the log file is not
     * provided, the default log file ... is used", MicrosoftDocs secedit-export.md). {@code /quiet}
     * suppresses prompts. {@code /cfg} stays last, where the recorded-output tests find the file.
     */
    static final List<String> SECEDIT = List.of("secedit", "/export", "/areas", "USER_RIGHTS", "/log", "{temp}.log",
            "/quiet", "/cfg", "{temp}");

    /**
     * {@code certutil -config CA -ping} or {@code -CATemplates}, with {@code -Unicode} ("Write
     * redirected output in Unicode", certutil's option list) so that a localized server's messages
     * arrive in UTF-16LE, which the bundle reader detects, instead of the OEM code page.
     *
     * @param config the CA config string
     * @param verb {@code -ping} or {@code -CATemplates}
     * @return the command
     */
    static List<String> certutil(String config, String verb) {
        return List.of("certutil", "-Unicode", "-config", config, verb);
    }

    /**
     * {@code certutil -Unicode -config <CA> <verb> <argument>}, such as {@code -getreg CA\Security}.
     *
     * @param config the CA config string
     * @param verb the verb
     * @param argument its argument
     * @return the command
     */
    static List<String> certutil(String config, String verb, String argument) {
        return List.of("certutil", "-Unicode", "-config", config, verb, argument);
    }

    /**
     * {@code wevtutil qe} as the bundle format gives it, with {@code /uni:true} ("Displays the
     * output in Unicode", MicrosoftDocs wevtutil.md) so that localized message text survives.
     *
     * @param ev the events step
     * @return the command
     */
    static List<String> wevtutil(Step.Events ev) {
        return List.of("wevtutil", "qe", ev.log(), "/q:" + ev.query(), "/f:xml", "/rd:true", "/c:" + ev.count(), "/uni:true");
    }

    private CollectionPlan() {
    }

    /**
     * The standard plan.
     *
     * @param caConfig the CA NDES submits to, when given; else it is read from {@code MSCEP\CAInfo}
     * @return the steps in order; never null
     */
    public static List<Step> standard(Optional<String> caConfig) {
        List<Step> steps = new ArrayList<>(REGISTRY);
        // WebHosting: IIS's store for TLS certificates; an HTTPS binding may name it (netsh: Certificate Store Name)
        for (String store : List.of("My", "Root", "CA", "WebHosting")) {
            steps.add(new Step.CertificateStore(store));
        }
        steps.add(new Step.CopyFile("%windir%\\System32\\inetsrv\\config\\applicationHost.config",
                APPLICATION_HOST, 64L << 20, Optional.of(Inputs.iisConfiguration())));
        steps.add(new Step.IisFollowUps(COMMAND_LIMIT));
        steps.add(new Step.ExportCommand("secedit", SECEDIT, "user-rights.inf", "security/user-rights.inf", COMMAND_LIMIT,
                List.of(Inputs.userRights())));
        steps.add(new Step.CaCommands(caConfig, COMMAND_LIMIT));
        steps.add(new Step.CaRegistry(caConfig, COMMAND_LIMIT));
        // every template of the forest, read from AD (read-only): the MSCEP slots' and the RA templates
        steps.add(new Step.Command("certutil-dstemplate", List.of("certutil", "-Unicode", "-v", "-dstemplate"), COMMAND_LIMIT));
        steps.add(new Step.Command("netsh-http-sslcert", List.of("netsh", "http", "show", "sslcert"), COMMAND_LIMIT));
        steps.add(new Step.Command("netsh-winhttp-proxy", List.of("netsh", "winhttp", "show", "proxy"), COMMAND_LIMIT));
        steps.add(new Step.SystemState(powershell(SYSTEM_SCRIPT), COMMAND_LIMIT));
        steps.add(new Step.Accounts(COMMAND_LIMIT));
        steps.add(new Step.Command("host-state", powershell(HOST_STATE_SCRIPT), COMMAND_LIMIT));
        steps.add(new Step.Command("windows-temp-acl", powershell(WINDOWS_TEMP_ACL_SCRIPT), COMMAND_LIMIT));
        steps.add(new Step.SpnQueries(COMMAND_LIMIT));
        steps.add(new Step.ScepBinary(COMMAND_LIMIT));
        // the providers whose success events decide a verdict, at every level (snapshot format, events/)
        steps.add(new Step.Events("Application", List.of(ERRORS_AND_WARNINGS.apply("Application"),
                everyLevel("Application", "Microsoft-Windows-NetworkDeviceEnrollmentService")), 2000));
        steps.add(new Step.Events("System", List.of(ERRORS_AND_WARNINGS.apply("System"),
                everyLevel("System", "Microsoft-Windows-WAS")), 2000));
        steps.add(new Step.Events("Microsoft-Intune-CertificateConnectors/Admin",
                List.of(everyLevel("Microsoft-Intune-CertificateConnectors/Admin", "*")), 500));
        steps.add(new Step.Events("Microsoft-Intune-CertificateConnectors/Operational",
                List.of(everyLevel("Microsoft-Intune-CertificateConnectors/Operational", "*")), 500));
        // the connector's updater: its Admin channel, every level (Microsoft's Validate-NDESConfiguration reads it)
        steps.add(new Step.Events("Microsoft-AzureADConnect-AgentUpdater/Admin",
                List.of(everyLevel("Microsoft-AzureADConnect-AgentUpdater/Admin", "*")), 200));
        // CAPI2 Operational is disabled by default; when an admin enabled it, its chain and revocation errors are kept
        steps.add(new Step.Events("Microsoft-Windows-CAPI2/Operational",
                List.of(ERRORS_AND_WARNINGS.apply("Microsoft-Windows-CAPI2/Operational")), 500));
        // the newest HTTPERR logs: httperrN.log numbers grow as each file fills, so httperr1.log is the oldest
        steps.add(new Step.CopyNewest("%SystemRoot%\\System32\\LogFiles\\HTTPERR", "httperr*.log", "logs/httperr/", 3,
                16L << 20, 32L << 20, List.of(Inputs.logs(LogFamily.HTTPERR))));
        steps.add(new Step.CopyFile("%ProgramFiles%\\Microsoft Intune\\NDESPolicyModule\\Logs\\NDESPlugin.log",
                "logs/NDESPlugin.log", 16L << 20,
                Optional.of(Inputs.logs(LogFamily.NDES_PLUGIN))));
        // the legacy Microsoft Intune Connector's WCF traces (NDESConnector_*, CertificateRegistrationPoint_*); the current
        // connector logs to its event channels (certificate-connector-overview, "Logging")
        steps.add(new Step.CopyNewest("%ProgramFiles%\\Microsoft Intune\\NDESConnectorSvc\\Logs\\Logs", "*.svclog",
                "logs/connector/", 6, 8L << 20, 32L << 20, List.of(Inputs.logs(LogFamily.CONNECTOR_SVCLOG))));
        steps.add(new Step.CopyFile("%windir%\\certocm.log", "logs/certocm.log", 4L << 20,
                Optional.of(Inputs.logs(LogFamily.CERTOCM))));
        return steps;
    }

    /**
     * Returns every input that checks declare and that no step of the plan collects, as
     * {@code check-id: what}, so that a check never ships SKIPPED on every real bundle.
     *
     * @param plan the steps; never null
     * @param checks the descriptors of the checks; never null
     * @return what is not collected; empty when the plan covers every declaration
     */
    public static List<String> uncollected(List<Step> plan, List<CheckDescriptor> checks) {
        List<Input<?>> provided = plan.stream().flatMap(s -> s.provides().stream()).toList();
        List<String> missing = new ArrayList<>();
        for (CheckDescriptor d : checks) {
            for (DeclaredInput declared : d.inputs()) {
                if (provided.stream().noneMatch(p -> p.covers(declared.input()))) {
                    missing.add(d.id() + ": " + declared.input().what() + " (" + declared.need().name().toLowerCase(java.util.Locale.ROOT)
                            + "; collect it with: " + declared.input().collectCommand() + ")");
                }
            }
        }
        return missing;
    }

    /** The local groups whose membership NDES depends on, by SID (names are localized). */
    static final List<String> LOCAL_GROUPS = List.of("S-1-5-32-568", "S-1-5-32-544", "S-1-5-32-545");

    /**
     * PowerShell 5.1 that prints security/accounts.json: each name translated to its SID (names that
     * do not resolve are left out, which the checks report), a directory account's transitive groups
     * from its AD {@code tokenGroups} attribute (left out when the directory cannot be read, so that
     * membership stays unknown rather than empty), and the members of each local group as SIDs
     * through ADSI. Read-only.
     *
     * @param accounts account name and kind pairs
     * @return the script
     */
    static String accountsScript(List<Collector.Identity> accounts) {
        // each pair is added with the unary comma: @(@('a','kind')) would flatten one pair into two
        // strings (@() is [array]$(...), which unrolls), and $n[0] would be a single character
        StringBuilder names = new StringBuilder("$names=@(); ");
        for (Collector.Identity a : accounts) {
            names.append("$names+=,@(").append(quote(a.name())).append(",").append(quote(a.kind().wireName())).append("); ");
        }
        return script(names
                + "$accounts=@(foreach($n in $names){ try { $name=[string]$n[0]; "
                + "if ($name.StartsWith('.\\')) { $name=$env:COMPUTERNAME + $name.Substring(1) }; "
                + "$sid=(New-Object System.Security.Principal.NTAccount($name))"
                + ".Translate([System.Security.Principal.SecurityIdentifier]).Value; "
                + "$a=[ordered]@{ name=[string]$n[0]; sid=$sid; kind=[string]$n[1] }; "
                + "if (@('user','gmsa','msa','computer') -contains $a.kind -and -not $name.StartsWith($env:COMPUTERNAME + '\\')) { "
                + "try { " + DIRECTORY_FACTS + " } catch { } }; $a } catch { } }); "
                // the computer account itself, for "may this server retrieve the gMSA's password"
                + "try { $c=([ADSISearcher]('(&(objectCategory=computer)(sAMAccountName=' + $env:COMPUTERNAME + '$))')).FindOne(); "
                + "if ($c) { $sid=(New-Object System.Security.Principal.SecurityIdentifier([byte[]]$c.Properties['objectsid'][0],0)).Value; "
                + "$a=[ordered]@{ name=$env:COMPUTERNAME + '$'; sid=$sid; kind='computer' }; " + DIRECTORY_FACTS + "; "
                + "$accounts+=,$a } } catch { }; "
                + "$groups=@(foreach($gs in @(" + String.join(",", LOCAL_GROUPS.stream().map(CollectionPlan::quote).toList())
                + ")){ try { $g=(New-Object System.Security.Principal.SecurityIdentifier($gs))"
                + ".Translate([System.Security.Principal.NTAccount]).Value.Split('\\')[-1]; "
                + "$m=@(([ADSI](\"WinNT://./\" + $g + \",group\")).psbase.Invoke('Members') | ForEach-Object { "
                + "try { (New-Object System.Security.Principal.SecurityIdentifier([byte[]]$_.GetType().InvokeMember('objectSid',"
                + "'GetProperty',$null,$_,$null),0)).Value } catch { } }); [ordered]@{ sid=$gs; name=$g; members=$m } } catch { } }); "
                + "$json=[ordered]@{ accounts=$accounts; localGroups=$groups } | ConvertTo-Json -Depth 4");
    }

    /**
     * PowerShell that adds to the ordered map {@code $a} (with {@code sid}) what AD says of the account,
     * read through ADSI (no ActiveDirectory module): the kind from objectClass, enabled
     * (userAccountControl ACCOUNTDISABLE 0x2), passwordNeverExpires (DONT_EXPIRE_PASSWORD 0x10000),
     * lockedOut and passwordExpired (msDS-User-Account-Control-Computed UF_LOCKOUT 0x10 and
     * UF_PASSWORD_EXPIRED 0x800000), passwordLastSet (pwdLastSet), passwordExpiresAt
     * (msDS-UserPasswordExpiryTimeComputed; the largest value means never), groups (tokenGroups,
     * transitive) and, for a gMSA, passwordRetrievers: the allow entries of msDS-GroupMSAMembership
     * (PrincipalsAllowedToRetrieveManagedPassword). Never the password itself (msDS-ManagedPassword is
     * not read).
     */
    static final String DIRECTORY_FACTS = "$de=[ADSI]('LDAP://<SID=' + $a.sid + '>'); "
            + "$de.RefreshCache(@('tokenGroups','msDS-User-Account-Control-Computed','msDS-UserPasswordExpiryTimeComputed')); "
            + "$cls=[string]@($de.Properties['objectClass'].Value)[-1]; "
            + "$a.kind=$(switch ($cls) { 'msDS-GroupManagedServiceAccount' {'gmsa'} 'msDS-ManagedServiceAccount' {'msa'} "
            + "'computer' {'computer'} default {'user'} }); "
            + "$uac=[int]$de.Properties['userAccountControl'].Value; "
            + "$ucc=[int]$de.Properties['msDS-User-Account-Control-Computed'].Value; "
            + "$a.enabled=-not [bool]($uac -band 0x2); $a.lockedOut=[bool]($ucc -band 0x10); "
            + "$a.passwordExpired=[bool]($ucc -band 0x800000); $a.passwordNeverExpires=[bool]($uac -band 0x10000); "
            + "$pls=$de.ConvertLargeIntegerToInt64($de.Properties['pwdLastSet'].Value); "
            + "if ($pls -gt 0) { $a.passwordLastSet=[DateTime]::FromFileTimeUtc($pls).ToString('o') }; "
            + "$exp=$de.ConvertLargeIntegerToInt64($de.Properties['msDS-UserPasswordExpiryTimeComputed'].Value); "
            + "if ($exp -gt 0 -and $exp -lt [long]::MaxValue) { $a.passwordExpiresAt=[DateTime]::FromFileTimeUtc($exp).ToString('o') }; "
            + "$a.groups=@($de.Properties['tokenGroups'] | ForEach-Object { "
            + "(New-Object System.Security.Principal.SecurityIdentifier([byte[]]$_,0)).Value }); "
            + "if ($a.kind -eq 'gmsa' -and $de.Properties['msDS-GroupMSAMembership'].Count -gt 0) { "
            + "$sd=New-Object System.DirectoryServices.ActiveDirectorySecurity; "
            + "$sd.SetSecurityDescriptorBinaryForm([byte[]]$de.Properties['msDS-GroupMSAMembership'].Value); "
            + "$a.passwordRetrievers=@($sd.GetAccessRules($true,$false,[System.Security.Principal.SecurityIdentifier]) "
            + "| Where-Object { $_.AccessControlType -eq 'Allow' } | ForEach-Object { $_.IdentityReference.Value }) }";

    /** A PowerShell single-quoted string: a quote inside is doubled. */
    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A PowerShell command line that passes the script as -EncodedCommand, so no quoting can break it. */
    static List<String> powershell(String script) {
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        return List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded);
    }

    /**
     * The network steps, run from the server itself: CDP and AIA URLs of the certificates that
     * matter, then the local SCEP endpoint.
     *
     * @param endpoint the local mscep.dll URL; never null
     * @param options one deadline for each step; never null
     * @return the steps; never null
     */
    public static List<Step> network(URI endpoint, FetchOptions options) {
        return List.of(new Step.FetchCertificateUrls(options), new Step.ProbeEndpoint(endpoint, options),
                new Step.ConnectorEndpoints(options.deadline(), Optional.of(options)));
    }
}
