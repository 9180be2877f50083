package dev.ndesdiag.checks.connector;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.connector.ConnectorRegistry;
import dev.ndesdiag.connector.WinHttpProxySetting;
import dev.ndesdiag.inputs.AuthorityInputs;
import dev.ndesdiag.inputs.NdesInputs;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The connector's proxy ({@code PFXCertificateConnector\Proxy}: {@code ProxyServer}, {@code Port},
 * {@code Username}) must be an absolute http(s) URI with a host and no credentials in it, and agree
 * with the machine's WinHTTP proxy or the difference be explained. Intune needs unauthenticated proxy
 * access to its endpoints (Microsoft Learn, Network endpoints for Microsoft Intune).
 */
public final class ConnectorProxyCheck extends AbstractCheck {

    static final String ENDPOINTS = "https://learn.microsoft.com/en-us/intune/intune-service/fundamentals/intune-endpoints";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ConnectorProxyCheck() {
        super(CheckDescriptor.of("connector-proxy",
                        "The connector's proxy is a well-formed URI without credentials and agrees with WinHTTP",
                        Category.CONNECTOR)
                .withSymptoms("connector cannot reach Intune", "devices get no SCEP certificate")
                .requires(NdesInputs.INTUNE)
                .uses(AuthorityInputs.NETSH_WINHTTP_PROXY)
                .withReferences(ENDPOINTS));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Registry intune = context.get(NdesInputs.INTUNE);
        Optional<CheckResult> notConfigured = ConnectorRegistry.skippedWhenAbsent(intune);
        if (notConfigured.isPresent()) {
            return notConfigured.get();
        }
        Optional<InputProblem> broken = ConnectorRegistry.unreadable(intune, "Proxy", "ProxyServer", context.problems(NdesInputs.INTUNE));
        if (broken.isPresent()) {
            return CheckResult.of(broken.get().toFinding());
        }
        Optional<String> server = ConnectorRegistry.text(intune, "Proxy", "ProxyServer").map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> port = ConnectorRegistry.text(intune, "Proxy", "Port").map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> user = ConnectorRegistry.text(intune, "Proxy", "Username").map(String::strip).filter(s -> !s.isEmpty());
        Optional<WinHttpProxySetting> winhttp = context.find(AuthorityInputs.NETSH_WINHTTP_PROXY).map(CommandCapture::output)
                .flatMap(WinHttpProxySetting::parse);
        List<Finding> findings = new ArrayList<>();
        if (server.isEmpty()) {
            if (winhttp.isPresent() && winhttp.get().proxy().isPresent()) {
                findings.add(Finding.warn("CONNECTOR_PROXY_DIFFERS", "The connector has no proxy of its own, but WinHTTP goes "
                                + "through " + winhttp.get().proxy().get() + ". The connector then connects directly; if the firewall "
                                + "only lets the proxy out, it cannot reach Intune.")
                        .withEvidence("winhttpProxy", winhttp.get().proxy().get())
                        .withRemediation("Set the proxy in the connector's configuration (Proxy page), or confirm that the server "
                                + "may reach the Intune endpoints directly.").withReference(ENDPOINTS));
            } else {
                findings.add(Finding.pass("CONNECTOR_PROXY_NONE", "The connector connects directly"
                        + (winhttp.isPresent() ? ", as WinHTTP does." : ".")));
            }
            return CheckResult.of(findings);
        }
        String configured = server.get() + port.map(p -> " (port " + p + ")").orElse("");
        URI uri = null;
        try {
            uri = new URI(server.get());
        } catch (URISyntaxException e) {
            // reported below as malformed
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            findings.add(Finding.fail("CONNECTOR_PROXY_MALFORMED", "The connector's proxy \"" + server.get() + "\" is not an "
                            + "absolute http:// or https:// URI with a host; the connector does not use such a proxy and tries to "
                            + "connect directly.")
                    .withEvidence("ProxyServer", server.get())
                    .withRemediation("Set the proxy as http://<host> with the port in its own field, in the connector's "
                            + "configuration (Proxy page).").withReference(ENDPOINTS));
        } else if (uri.getUserInfo() != null) {
            findings.add(Finding.fail("CONNECTOR_PROXY_CREDENTIALS", "The connector's proxy URI carries credentials in clear text ("
                            + uri.getScheme() + "://" + "<user>:<redacted>@" + uri.getHost() + ")."
                            + " Intune needs unauthenticated proxy access to its endpoints, and the password sits in the registry.")
                    .withEvidence("proxyHost", uri.getHost())
                    .withRemediation("Remove the user and password from the URI, change the password, and allow the server through "
                            + "the proxy without authentication to the Intune endpoints.").withReference(ENDPOINTS));
        }
        if (port.isPresent() && !port.get().matches("\\d{1,5}") || port.isPresent() && Integer.parseInt(port.get()) > 65535
                || port.isPresent() && Integer.parseInt(port.get()) == 0) {
            findings.add(Finding.fail("CONNECTOR_PROXY_PORT", "The connector's proxy port \"" + port.get() + "\" is not a port "
                    + "(1 to 65535).").withEvidence("Port", port.get())
                    .withRemediation("Set the proxy port in the connector's configuration."));
        }
        if (user.isPresent()) {
            findings.add(Finding.warn("CONNECTOR_PROXY_AUTHENTICATED", "The connector authenticates to its proxy as " + user.get()
                            + ". Intune requires unauthenticated proxy access to manage.microsoft.com and its other endpoints; "
                            + "an authenticating proxy breaks the connector when the password changes or the proxy asks again.")
                    .withEvidence("Username", user.get())
                    .withRemediation("Allow the NDES server through the proxy without authentication to the Intune endpoints.")
                    .withReference(ENDPOINTS));
        }
        if (winhttp.isPresent() && uri != null && uri.getHost() != null) {
            Optional<String> wh = winhttp.get().proxy();
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (wh.isEmpty() || !wh.get().toLowerCase(Locale.ROOT).contains(host)) {
                findings.add(Finding.warn("CONNECTOR_PROXY_DIFFERS", "The connector goes through " + configured + ", but WinHTTP "
                                + (wh.isEmpty() ? "connects directly" : "goes through " + wh.get()) + ". Components that use "
                                + "WinHTTP (certificate chain and CRL retrieval, the updater) then take another path than the connector.")
                        .withEvidence("connectorProxy", configured).withEvidence("winhttpProxy", wh.orElse("direct"))
                        .withRemediation("Make them agree (netsh winhttp set proxy <host>:<port> \"<bypass>\"), or confirm the "
                                + "direct path is intended.").withReference(ENDPOINTS));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.pass("CONNECTOR_PROXY_OK", "The connector goes through " + configured + " without credentials"
                    + (winhttp.isPresent() ? ", as WinHTTP does." : ".")));
        }
        return CheckResult.of(findings);
    }
}
