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

    /** The registry keys of the bundle format, with their file names. */
    public static final List<Step.RegExport> REGISTRY = List.of(
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP", "mscep.reg"),
            new Step.RegExport("HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters", "http-parameters.reg"),
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune", "intune.reg"),
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache", "template-cache.reg"),
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "windows-version.reg"),
            new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full", "dotnet.reg"),
            new Step.RegExport("HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL", "schannel.reg"));

    /** The services whose state explains a 503: IIS, the CA if local, and every connector generation. */
    static final List<String> SERVICES = List.of("W3SVC", "WAS", "CertSvc", "NDESConnectorSvc", "PFXCertificateConnectorSvc",
            "PKICertificateConnectorSvc", "PkiCreateConnectorSvc", "PfxCreateLegacyConnectorSvc", "PkiRevokeConnectorSvc");

    /**
     * PowerShell 5.1 that prints system.json: services from Win32_Service (StartMode "Auto" becomes
     * "Automatic" as Get-Service says it), pools from {@code appcmd list apppool /xml}. Read-only.
     */
    static final String SYSTEM_SCRIPT = "[Console]::OutputEncoding=[Text.Encoding]::UTF8; $ErrorActionPreference='Stop'; "
            + "$names=@('" + String.join("','", SERVICES) + "'); "
            + "$svc=@(Get-CimInstance Win32_Service | Where-Object { $names -contains $_.Name } | ForEach-Object { "
            + "[ordered]@{ name=$_.Name; status=[string]$_.State; "
            + "startType=$(if ($_.StartMode -eq 'Auto') { 'Automatic' } else { [string]$_.StartMode }); "
            + "account=[string]$_.StartName } }); "
            + "$pools=@(([xml](& (Join-Path $env:windir 'system32\\inetsrv\\appcmd.exe') list apppool /xml)).appcmd.APPPOOL "
            + "| Where-Object { $_ } | ForEach-Object { [ordered]@{ name=$_.'APPPOOL.NAME'; state=[string]$_.state } }); "
            + "[ordered]@{ services=$svc; appPools=$pools } | ConvertTo-Json -Depth 4";

    /** Where the collected applicationHost.config lands; the IIS follow-up steps read it from there. */
    static final String APPLICATION_HOST = "iis/applicationHost.config";

    static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    /** Most logs are collected at levels 1 to 3 (critical, error, warning), from every provider. */
    static final java.util.function.Function<String, EventChannelInput> ERRORS_AND_WARNINGS = log -> new EventChannelInput(log,
            "*", EnumSet.of(EventLevel.CRITICAL, EventLevel.ERROR, EventLevel.WARNING));

    /** A provider whose success events decide a verdict, at every level. */
    static EventChannelInput everyLevel(String log, String provider) {
        return new EventChannelInput(log, provider, EnumSet.allOf(EventLevel.class));
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
        for (String store : List.of("My", "Root", "CA")) {
            steps.add(new Step.CertificateStore(store));
        }
        steps.add(new Step.CopyFile("%windir%\\System32\\inetsrv\\config\\applicationHost.config",
                APPLICATION_HOST, 64L << 20, Optional.of(Inputs.iisConfiguration())));
        steps.add(new Step.IisFollowUps(COMMAND_LIMIT));
        steps.add(new Step.ExportCommand("secedit", List.of("secedit", "/export", "/areas", "USER_RIGHTS", "/cfg", "{temp}"),
                "user-rights.inf", "security/user-rights.inf", COMMAND_LIMIT, List.of(Inputs.userRights())));
        steps.add(new Step.CaCommands(caConfig, COMMAND_LIMIT));
        steps.add(new Step.Command("netsh-http-sslcert", List.of("netsh", "http", "show", "sslcert"), COMMAND_LIMIT));
        steps.add(new Step.Command("netsh-winhttp-proxy", List.of("netsh", "winhttp", "show", "proxy"), COMMAND_LIMIT));
        steps.add(new Step.SystemState(powershell(SYSTEM_SCRIPT), COMMAND_LIMIT));
        steps.add(new Step.Accounts(COMMAND_LIMIT));
        steps.add(new Step.Events("Application", List.of(ERRORS_AND_WARNINGS.apply("Application")), 2000));
        steps.add(new Step.Events("System", List.of(ERRORS_AND_WARNINGS.apply("System")), 2000));
        steps.add(new Step.Events("Microsoft-Intune-CertificateConnectors/Admin",
                List.of(everyLevel("Microsoft-Intune-CertificateConnectors/Admin", "*")), 500));
        steps.add(new Step.CopyFile("%SystemRoot%\\System32\\LogFiles\\HTTPERR\\httperr1.log", "logs/httperr/httperr1.log",
                16L << 20, Optional.of(Inputs.logs(LogFamily.HTTPERR))));
        steps.add(new Step.CopyFile("%ProgramFiles%\\Microsoft Intune\\NDESPolicyModule\\Logs\\NDESPlugin.log",
                "logs/NDESPlugin.log", 16L << 20,
                Optional.of(Inputs.logs(LogFamily.NDES_PLUGIN))));
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
    static final List<String> LOCAL_GROUPS = List.of("S-1-5-32-568", "S-1-5-32-544");

    /**
     * PowerShell 5.1 that prints security/accounts.json: each name translated to its SID (names that
     * do not resolve are left out, which the checks report), and the members of each local group as
     * SIDs through ADSI. Read-only.
     *
     * @param accounts account name and kind pairs
     * @return the script
     */
    static String accountsScript(List<Collector.Identity> accounts) {
        StringBuilder names = new StringBuilder();
        for (Collector.Identity a : accounts) {
            names.append(names.length() == 0 ? "" : ",").append("@(").append(quote(a.name())).append(",")
                    .append(quote(a.kind().wireName())).append(")");
        }
        return "[Console]::OutputEncoding=[Text.Encoding]::UTF8; "
                + "$names=@(" + names + "); "
                + "$accounts=@(foreach($n in $names){ try { $sid=(New-Object System.Security.Principal.NTAccount($n[0]))"
                + ".Translate([System.Security.Principal.SecurityIdentifier]).Value; "
                + "[ordered]@{ name=$n[0]; sid=$sid; kind=$n[1] } } catch { } }); "
                + "$groups=@(foreach($gs in @(" + String.join(",", LOCAL_GROUPS.stream().map(CollectionPlan::quote).toList())
                + ")){ try { $g=(New-Object System.Security.Principal.SecurityIdentifier($gs))"
                + ".Translate([System.Security.Principal.NTAccount]).Value.Split('\\')[-1]; "
                + "$m=@(([ADSI](\"WinNT://./\" + $g + \",group\")).psbase.Invoke('Members') | ForEach-Object { "
                + "(New-Object System.Security.Principal.SecurityIdentifier([byte[]]$_.GetType().InvokeMember('objectSid',"
                + "'GetProperty',$null,$_,$null),0)).Value }); [ordered]@{ sid=$gs; name=$g; members=$m } } catch { } }); "
                + "[ordered]@{ accounts=$accounts; localGroups=$groups } | ConvertTo-Json -Depth 4";
    }

    /**
     * Reads a REG_SZ value from {@code reg query /v} output: {@code "    Name    REG_SZ    value"}.
     *
     * @param output the command's output
     * @param name the value's name
     * @return the value, or empty when it is not there
     */
    static Optional<String> regQueryString(String output, String name) {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("^\\s+" + java.util.regex.Pattern.quote(name)
                + "\\s+REG_(?:EXPAND_)?SZ\\s+(.+?)\\s*$", java.util.regex.Pattern.CASE_INSENSITIVE);
        return output.lines().map(line::matcher).filter(java.util.regex.Matcher::matches).map(m -> m.group(1)).findFirst();
    }

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
        return List.of(new Step.FetchCertificateUrls(options), new Step.ProbeEndpoint(endpoint, options));
    }
}
