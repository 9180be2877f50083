package dev.ndesdiag.inputs;

import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.EventLevel;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.Registry;
import java.util.List;

/**
 * The inputs of the checks on the other end of the chain (issue 16): the certificate templates in
 * AD, the CA's own configuration, and the Intune Certificate Connector's installation.
 */
public final class AuthorityInputs {

    private AuthorityInputs() {
    }

    /** Every certificate template of the forest, {@code certutil -v -dstemplate} (read from AD, read-only). */
    public static final Input<CommandCapture> CERTUTIL_DSTEMPLATE =
            Inputs.commandOutput("certutil-dstemplate", "certutil -v -dstemplate");
    /** The CA's security descriptor, {@code certutil -config <CA> -getreg CA\Security}. */
    public static final Input<CommandCapture> CA_SECURITY =
            Inputs.commandOutput("certutil-getreg-ca-security", "certutil -config <CA> -getreg CA\\Security");
    /**
     * The CA's security descriptor in SDDL, with SIDs: PowerShell's
     * {@code (New-Object -ComObject CertificateAuthority.Admin).GetConfigEntry('<CA>', '', 'Security')}
     * turned into SDDL by RawSecurityDescriptor.
     */
    public static final Input<CommandCapture> CA_SECURITY_SDDL = Inputs.commandOutput("ca-security-sddl",
            "powershell: [System.Security.AccessControl.RawSecurityDescriptor]::new([byte[]](New-Object -ComObject "
                    + "CertificateAuthority.Admin).GetConfigEntry('<CA>','','Security'),0).GetSddlForm('All')");
        /** The CA's type, {@code certutil -config <CA> -getreg CA\CAType}. */
    public static final Input<CommandCapture> CA_TYPE =
            Inputs.commandOutput("certutil-getreg-ca-catype", "certutil -config <CA> -getreg CA\\CAType");
    /** Installed programs (the connector's product entry and version). */
    public static final Input<Registry> UNINSTALL =
            Inputs.registryTree("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall", "uninstall.reg");
    /** {@code netsh winhttp show proxy}, the machine's WinHTTP proxy. */
    public static final Input<CommandCapture> NETSH_WINHTTP_PROXY =
            Inputs.commandOutput("netsh-winhttp-proxy", "netsh winhttp show proxy");
    /** DNS, TCP and TLS to the connector's Intune endpoints as the collector recorded them from the server. */
    public static final Input<CommandCapture> CONNECTOR_ENDPOINTS =
            Inputs.scriptOutput("connector-endpoints", "the connector endpoint probe (DNS, TCP and TLS to the connector's endpoints)");
    /**
     * The errors and warnings of the connector's updater, the Microsoft Entra (Azure AD) Connect Agent
     * Updater that installs new connector releases from autoupdate.msappproxy.net: the events of its
     * provider {@code Microsoft-AzureADConnect-AgentUpdater} in its Admin channel.
     */
    public static final Input<List<EventRecord>> UPDATER_EVENTS = Inputs.events("Microsoft-AzureADConnect-AgentUpdater/Admin",
            "Microsoft-AzureADConnect-AgentUpdater", EventLevel.CRITICAL, EventLevel.ERROR, EventLevel.WARNING);
}
