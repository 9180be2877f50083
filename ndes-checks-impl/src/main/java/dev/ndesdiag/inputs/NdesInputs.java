package dev.ndesdiag.inputs;

import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.api.snapshot.EventLevel;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.LogFamily;
import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.api.snapshot.SystemInfo;
import dev.ndesdiag.api.snapshot.UserRights;
import java.util.List;

/**
 * The inputs that several checks read, named once: the registry keys with the file names the
 * collector writes, the certificate stores, the IIS configuration, the commands and the parts that
 * are one fact each. A check declares them in its descriptor; the collection plan collects them.
 */
public final class NdesInputs {

    private NdesInputs() {
    }

    /** {@code HKLM\SOFTWARE\Microsoft\Cryptography\MSCEP} and below: templates, CAInfo, the policy module. */
    public static final Input<Registry> MSCEP = Inputs.registryTree("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP", "mscep.reg");
    /** HTTP.sys parameters and its TLS bindings. */
    public static final Input<Registry> HTTP_PARAMETERS =
            Inputs.registryTree("HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters", "http-parameters.reg");
    /** The Intune certificate connectors' keys. */
    public static final Input<Registry> INTUNE = Inputs.registryTree("HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune", "intune.reg");
    /** Template names and OIDs the server knows. */
    public static final Input<Registry> TEMPLATE_CACHE =
            Inputs.registryTree("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\CertificateTemplateCache", "template-cache.reg");

    /** LocalMachine\My, where the RA, TLS and connector certificates live. */
    public static final Input<List<StoredCertificate>> MY = Inputs.certificateStore("My");
    /** LocalMachine\Root. */
    public static final Input<List<StoredCertificate>> ROOT = Inputs.certificateStore("Root");
    /** Every collected certificate store, for look-ups by thumbprint and issuer. */
    public static final Input<CertificateStores> CERTIFICATES = Inputs.certificateStores();

    /** applicationHost.config and the web.config files along the SCEP paths. */
    public static final Input<IisConfiguration> IIS = Inputs.iisConfiguration();

    /** {@code certutil -ping} against the CA NDES submits to. */
    public static final Input<CommandCapture> CERTUTIL_PING = Inputs.commandOutput("certutil-ping", "certutil -config <CA> -ping");
    /** {@code certutil -CATemplates} against that CA. */
    public static final Input<CommandCapture> CERTUTIL_CATEMPLATES =
            Inputs.commandOutput("certutil-catemplates", "certutil -config <CA> -CATemplates");
    /** {@code netsh http show sslcert}. */
    public static final Input<CommandCapture> NETSH_SSLCERT = Inputs.commandOutput("netsh-http-sslcert", "netsh http show sslcert");

    /** The user rights assignment. */
    public static final Input<UserRights> USER_RIGHTS = Inputs.userRights();
    /** Identities and local groups by SID. */
    public static final Input<Accounts> ACCOUNTS = Inputs.accounts();
    /** Services and application pools. */
    public static final Input<SystemInfo> SYSTEM = Inputs.system();
    /**
     * The collector's narrow host query ({@code commands/host-state.txt}, read by
     * {@link dev.ndesdiag.host.HostState}): installation and product type, domain membership, last
     * boot, the reboot flags and the last-write times of keys read only at start.
     */
    public static final Input<CommandCapture> HOST_STATE = Inputs.scriptOutput("host-state",
            "the host-state query (installation and product type, domain, last boot, reboot flags, key write times)");
    /** {@code ADCS\NDES} and the other AD CS role keys: {@code ConfigurationStatus} per role. */
    public static final Input<Registry> ADCS = Inputs.registryTree("HKLM\\SOFTWARE\\Microsoft\\ADCS", "adcs.reg");

    /** What the server fetched. */
    public static final Input<List<NetworkFetch>> FETCHES = Inputs.networkFetches();

    /** The NDES provider's events in the Application log, at every level (event 1 "started" is Information). */
    public static final Input<List<EventRecord>> NDES_EVENTS = Inputs.events("Application",
            "Microsoft-Windows-NetworkDeviceEnrollmentService", EventLevel.CRITICAL, EventLevel.ERROR, EventLevel.WARNING,
            EventLevel.INFORMATION, EventLevel.VERBOSE);
    /** WAS's events in the System log, at every level. */
    public static final Input<List<EventRecord>> WAS_EVENTS = Inputs.events("System", "Microsoft-Windows-WAS",
            EventLevel.CRITICAL, EventLevel.ERROR, EventLevel.WARNING, EventLevel.INFORMATION, EventLevel.VERBOSE);
    /** Application Error (event 1000, a process crashed) in the Application log. */
    public static final Input<List<EventRecord>> APPLICATION_ERRORS = Inputs.events("Application", "Application Error",
            EventLevel.CRITICAL, EventLevel.ERROR);
    /** The certificate connector's Admin channel, at every level (4000 is Information). */
    public static final Input<List<EventRecord>> CONNECTOR_ADMIN = Inputs.events("Microsoft-Intune-CertificateConnectors/Admin",
            "Microsoft-Intune-CertificateConnectors", EventLevel.CRITICAL, EventLevel.ERROR, EventLevel.WARNING,
            EventLevel.INFORMATION, EventLevel.VERBOSE);
    /** The SCEP site's IIS W3C logs. */
    public static final Input<List<LogFile>> IIS_LOGS = Inputs.logs(LogFamily.IIS_W3C);
    /** The HTTP.sys error logs. */
    public static final Input<List<LogFile>> HTTPERR_LOGS = Inputs.logs(LogFamily.HTTPERR);
    /** The Intune policy module's NDESPlugin.log. */
    public static final Input<List<LogFile>> PLUGIN_LOG = Inputs.logs(LogFamily.NDES_PLUGIN);
}
