package dev.ndesdiag.api;

/**
 * SnapshotPart names one part of a snapshot bundle, where it lives in a bundle and the Windows
 * command that collects it by hand.
 *
 * <p>A check declares the parts it reads in its {@link CheckDescriptor}; when a part is missing,
 * the runner reports the check as {@link Status#SKIPPED} and names the part and this command.
 *
 * @since 0.1.0
 */
public enum SnapshotPart {
    /** {@code registry/*.reg}: registry exports. */
    REGISTRY("registry/*.reg", "registry exports",
            "reg export \"HKLM\\<key>\" registry\\<name>.reg /y  (for each key the check names)"),
    /** {@code certs/<Store>/<THUMBPRINT>.cer}: LocalMachine certificate stores, with key sidecars. */
    CERTIFICATES("certs/<Store>/<THUMBPRINT>.cer", "LocalMachine certificate stores",
            "Get-ChildItem Cert:\\LocalMachine\\<Store> | ForEach-Object { Export-Certificate -Cert $_ "
                    + "-FilePath \"certs\\<Store>\\$($_.Thumbprint).cer\" -Type CERT }"),
    /** {@code iis/applicationHost.config} and {@code iis/web.config/...}: IIS configuration. */
    IIS_CONFIG("iis/applicationHost.config", "IIS configuration",
            "copy %windir%\\System32\\inetsrv\\config\\applicationHost.config iis\\"),
    /** {@code security/user-rights.inf}: the secedit export of user rights. */
    USER_RIGHTS("security/user-rights.inf", "user rights assignment",
            "secedit /export /areas USER_RIGHTS /cfg security\\user-rights.inf"),
    /** {@code security/accounts.json}: identities and local groups resolved to SIDs. */
    ACCOUNTS("security/accounts.json", "accounts and local groups", "ndes-diag collect (security/accounts.json)"),
    /** {@code commands/}: console output of certutil, netsh, setspn. */
    COMMANDS("commands/index.json", "command outputs", "ndes-diag collect (commands/), or the command named by the check"),
    /** {@code network/fetches.json}: what the server saw when it fetched CDP and AIA URLs. */
    NETWORK_FETCHES("network/fetches.json", "network fetches from the server",
            "certutil -verify -urlfetch <certificate> on the NDES server, or ndes-diag collect (network/)"),
    /** {@code endpoint/probe.json}: what the local SCEP endpoint answered. */
    ENDPOINT_PROBE("endpoint/probe.json", "SCEP endpoint probe",
            "Invoke-WebRequest https://<fqdn>/certsrv/mscep/mscep.dll (and ?operation=GetCACaps, GetCACert)"),
    /** {@code events/*.xml}: wevtutil event exports. */
    EVENTS("events/*.xml", "event logs",
            "wevtutil qe Application /q:\"*[System[(Level=1 or Level=2 or Level=3)]]\" /f:xml /rd:true /c:2000 > events\\Application.xml"),
    /** {@code logs/}: NDESPlugin, connector, IIS and HTTPERR logs. */
    LOGS("logs/", "log files",
            "copy %SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC1\\u_ex*.log logs\\iis\\W3SVC1\\ (and the other logs)"),
    /** {@code system.json}: services, application pools and features. */
    SYSTEM("system.json", "services and application pools", "ndes-diag collect (system.json)");

    private final String bundlePath;
    private final String description;
    private final String collectCommand;

    SnapshotPart(String bundlePath, String description, String collectCommand) {
        this.bundlePath = bundlePath;
        this.description = description;
        this.collectCommand = collectCommand;
    }

    /**
     * Returns where the part lives inside a bundle, such as {@code security/user-rights.inf}.
     *
     * @return the bundle path pattern; never null
     */
    public String bundlePath() {
        return bundlePath;
    }

    /**
     * Returns a short description for people, such as {@code user rights assignment}.
     *
     * @return the description; never null
     */
    public String description() {
        return description;
    }

    /**
     * Returns the Windows command that collects this part by hand on the NDES server.
     *
     * @return the command; never null
     */
    public String collectCommand() {
        return collectCommand;
    }
}
