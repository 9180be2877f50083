package dev.ndesdiag.api.snapshot;

import java.util.Locale;

/**
 * LogFamily is one kind of log file a bundle carries under {@code logs/}, with where it lives in
 * the bundle and on the server.
 *
 * @since 0.2.0
 */
public enum LogFamily {
    /** IIS W3C logs of the SCEP site: {@code logs/iis/W3SVC<id>/u_ex*.log}. */
    IIS_W3C("logs/iis/", "the SCEP site's IIS W3C logs", "%SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC<site id>\\u_ex*.log"),
    /** HTTP.sys error logs: {@code logs/httperr/httperr*.log}. */
    HTTPERR("logs/httperr/", "the HTTP.sys error logs (HTTPERR)", "%SystemRoot%\\System32\\LogFiles\\HTTPERR\\httperr*.log"),
    /** The Intune NDES policy module's log: {@code logs/NDESPlugin.log}. */
    NDES_PLUGIN("logs/ndesplugin", "the Intune policy module's NDESPlugin.log",
            "%ProgramFiles%\\Microsoft Intune\\NDESPolicyModule\\Logs\\NDESPlugin.log"),
    /** The certificate connector's WCF traces: {@code logs/connector/*.svclog}. */
    CONNECTOR_SVCLOG("logs/connector/", "the certificate connector's .svclog traces",
            "%ProgramFiles%\\Microsoft Intune\\PFXCertificateConnector\\Logs\\*.svclog"),
    /** The AD CS role setup log: {@code logs/certocm.log}. */
    CERTOCM("logs/certocm", "the AD CS setup log certocm.log", "%windir%\\certocm.log");

    private final String bundlePrefix;
    private final String description;
    private final String serverPath;

    LogFamily(String bundlePrefix, String description, String serverPath) {
        this.bundlePrefix = bundlePrefix;
        this.description = description;
        this.serverPath = serverPath;
    }

    /**
     * Returns where the family's files start in a bundle, in lower case, such as {@code logs/iis/}.
     *
     * @return the prefix; never null
     */
    public String bundlePrefix() {
        return bundlePrefix;
    }

    /**
     * Returns a description for people.
     *
     * @return the description; never null
     */
    public String description() {
        return description;
    }

    /**
     * Returns where the logs are on the NDES server.
     *
     * @return the path, with environment variables; never null
     */
    public String serverPath() {
        return serverPath;
    }

    /**
     * Tells whether a bundle path belongs to this family.
     *
     * @param bundlePath such as {@code logs/iis/W3SVC1/u_ex261120.log}; never null
     * @return true when it does
     */
    public boolean holds(String bundlePath) {
        return bundlePath.toLowerCase(Locale.ROOT).startsWith(bundlePrefix);
    }
}
