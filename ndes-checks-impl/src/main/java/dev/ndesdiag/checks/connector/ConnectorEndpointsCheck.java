package dev.ndesdiag.checks.connector;

import dev.ndesdiag.certificates.Signatures;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.connector.EndpointReport;
import dev.ndesdiag.inputs.AuthorityInputs;
import dev.ndesdiag.inputs.NdesInputs;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * From the NDES server, through the connector's proxy: DNS, TCP and TLS to the Intune endpoints and
 * the Azure update service must succeed, and the chain presented must be Microsoft's. A chain that
 * ends at another root means a TLS-inspecting proxy, which Intune does not support for
 * {@code *.manage.microsoft.com} (Microsoft Learn, Network endpoints for Microsoft Intune).
 */
public final class ConnectorEndpointsCheck extends AbstractCheck {

    static final String ENDPOINTS = "https://learn.microsoft.com/en-us/intune/intune-service/fundamentals/intune-endpoints";
    static final String AZURE_CAS = "https://learn.microsoft.com/en-us/azure/security/fundamentals/azure-certificate-authority-details";
    /**
     * The roots Microsoft's public TLS chains end at, by subject CN and SHA-1 thumbprint (Azure
     * Certificate Authority details; the thumbprints public diagnostics check, existing-tools.md 6.3 LOC06).
     */
    static final Map<String, String> MICROSOFT_ROOTS = Map.of(
            "DigiCert Global Root G2", "DF3C24F9BFD666761B268073FE06D1CC8D4F82A4",
            "DigiCert Global Root CA", "A8985D3A65E5E5C4B2D7D66D40C6DD2FB19C5436",
            "Microsoft RSA Root Certificate Authority 2017", "73A5E64A3BFF8316FF0EDCCC618A906E4EAE4D74",
            "Microsoft ECC Root Certificate Authority 2017", "999A64C37FF47D9FAB95F14769891460EEC4C3C5",
            "Baltimore CyberTrust Root", "D4DE20D05E66FC53FE1A50882C78DB2852CAE474");

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ConnectorEndpointsCheck() {
        super(CheckDescriptor.of("connector-endpoints",
                        "From the server, through the connector's proxy, DNS, TCP and TLS to the Intune endpoints succeed with "
                                + "Microsoft's chain", Category.NETWORK)
                .withSymptoms("connector cannot reach Intune", "connector does not update", "devices get no SCEP certificate")
                .requires(AuthorityInputs.CONNECTOR_ENDPOINTS)
                .uses(NdesInputs.ROOT)
                .withReferences(ENDPOINTS, AZURE_CAS));
    }

    @Override
    public CheckResult run(CheckContext context) {
        String text = context.get(AuthorityInputs.CONNECTOR_ENDPOINTS).output();
        EndpointReport report;
        try {
            report = EndpointReport.parse(text);
        } catch (IllegalArgumentException e) {
            return CheckResult.of(Finding.error("ENDPOINT_REPORT_UNREADABLE", "commands/connector-endpoints.txt cannot be read: "
                    + e.getMessage()).withEvidence("file", "commands/connector-endpoints.txt")
                    .withEvidence("raw", text.length() > 200 ? text.substring(0, 200) + "..." : text));
        }
        Optional<List<StoredCertificate>> root = context.find(NdesInputs.ROOT);
        List<Finding> findings = new ArrayList<>();
        List<EndpointReport.Entry> microsoft = new ArrayList<>();
        for (EndpointReport.Entry e : report.endpoints()) {
            Finding f = judge(e, report.proxy(), root);
            findings.add(f);
            if (f.code().equals("ENDPOINT_REACHABLE")) {
                microsoft.add(e);
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.skipped("ENDPOINT_REPORT_EMPTY", "The endpoint report lists no endpoint."));
        }
        report.crls().ifPresent(crls -> findings.addAll(revocation(microsoft, crls)));
        return CheckResult.of(findings);
    }

    /**
     * The CRLs of Microsoft's presented chains, as the server fetched them: one WARN per CRL it could
     * not fetch. Microsoft lists these CRL hosts among those a firewall may need to allow (Azure
     * Certificate Authority details, "Certificate downloads and revocation lists").
     */
    private static List<Finding> revocation(List<EndpointReport.Entry> microsoft, List<EndpointReport.CrlFetch> crls) {
        Map<String, EndpointReport.CrlFetch> byUrl = new java.util.LinkedHashMap<>();
        crls.forEach(c -> byUrl.putIfAbsent(c.url(), c));
        Map<String, List<String>> failing = new java.util.LinkedHashMap<>();
        Map<String, String> namedBy = new java.util.LinkedHashMap<>();
        int fetched = 0;
        for (EndpointReport.Entry e : microsoft) {
            for (X509Certificate c : e.chain()) {
                if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                    continue;
                }
                for (dev.ndesdiag.network.FetchRequest q : dev.ndesdiag.connector.EndpointProbe.crlRequests(List.of(c))) {
                    EndpointReport.CrlFetch f = byUrl.get(q.url());
                    if (f == null) {
                        continue;
                    }
                    if (f.ok()) {
                        fetched++;
                    } else {
                        failing.computeIfAbsent(q.url(), k -> new ArrayList<>()).add(e.host() + ":" + e.port());
                        namedBy.putIfAbsent(q.url(), cn(c.getSubjectX500Principal().getName()));
                    }
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<String>> bad : failing.entrySet()) {
            EndpointReport.CrlFetch f = byUrl.get(bad.getKey());
            String hosts = String.join(", ", new java.util.LinkedHashSet<>(bad.getValue()));
            findings.add(Finding.warn("ENDPOINT_CRL_UNREACHABLE", "The server cannot fetch " + bad.getKey() + ", the CRL that \""
                            + namedBy.get(bad.getKey()) + "\" names in the chain " + hosts + " presents (" + f.outcome()
                            + f.httpStatus().map(st -> " " + st).orElse("") + f.error().map(x -> ": " + x).orElse("") + "). "
                            + "Microsoft lists its TLS chains' CRL hosts among those a firewall may need to allow; where the "
                            + "connector's connections check revocation, that check fails or waits for its timeout.")
                    .withEvidence("url", bad.getKey()).withEvidence("outcome", f.outcome())
                    .withEvidence("error", f.error().orElse("")).withEvidence("endpoints", hosts)
                    .withRemediation("Allow the NDES server HTTP (port 80) to " + java.net.URI.create(bad.getKey()).getHost()
                            + " (with the proxy the server uses for CRLs: netsh winhttp show proxy), as Microsoft's list of CRL "
                            + "and OCSP hosts asks.")
                    .withReference(AZURE_CAS));
        }
        if (findings.isEmpty() && fetched > 0) {
            findings.add(Finding.pass("ENDPOINT_CRLS_REACHABLE", "The server fetched the " + fetched + " CRL(s) that Microsoft's "
                    + "presented chains name.").withEvidence("fetched", fetched));
        }
        return findings;
    }

    private static Finding judge(EndpointReport.Entry e, Optional<String> proxy, Optional<List<StoredCertificate>> root) {
        String target = e.host() + ":" + e.port();
        String path = proxy.map(p -> " through the proxy " + p).orElse(" directly");
        if (!e.dns().ok()) {
            return unreachable("ENDPOINT_DNS", e, "The server cannot resolve " + (proxy.isPresent() ? "its proxy " + proxy.get()
                    : e.host()) + " (" + e.dns().outcome() + ")", e.dns(), proxy);
        }
        if (!e.tcp().ok()) {
            return unreachable("ENDPOINT_TCP", e, "The server cannot open TCP to " + (proxy.isPresent() ? "its proxy " + proxy.get()
                    : target) + " (" + e.tcp().outcome() + ")", e.tcp(), proxy);
        }
        if (e.tls().outcome().equals("proxy")) {
            return unreachable("ENDPOINT_PROXY_REFUSED", e, "The proxy " + proxy.orElse("") + " refused the tunnel to " + target
                    + " (" + e.tls().error().orElse("") + ")", e.tls(), proxy);
        }
        if (!e.tls().ok()) {
            return unreachable("ENDPOINT_TLS", e, "The TLS handshake with " + target + path + " failed (" + e.tls().outcome() + ")",
                    e.tls(), proxy);
        }
        if (e.chain().isEmpty()) {
            return Finding.skipped("ENDPOINT_NO_CHAIN", target + " completed TLS but the report holds no chain.").withEvidence("endpoint", target);
        }
        X509Certificate top = e.chain().get(e.chain().size() - 1);
        String anchor = cn(top.getSubjectX500Principal().equals(top.getIssuerX500Principal())
                ? top.getSubjectX500Principal().getName() : top.getIssuerX500Principal().getName());
        String presented = String.join(" <- ", e.chain().stream().map(c -> cn(c.getSubjectX500Principal().getName())).toList());
        Optional<String> known = Optional.ofNullable(MICROSOFT_ROOTS.get(anchor));
        Optional<String> lookalike = known.flatMap(tp -> root.flatMap(r -> r.stream()
                .filter(s -> s.certificate().getSubjectX500Principal().equals(top.getIssuerX500Principal()))
                .filter(s -> Signatures.signedBy(top, s.certificate()))
                .map(StoredCertificate::thumbprint).filter(t -> !t.equalsIgnoreCase(tp)).findFirst()));
        if (known.isEmpty() || lookalike.isPresent()) {
            return Finding.fail("ENDPOINT_TLS_INSPECTED", target + path + " presented a chain that ends at \"" + anchor + "\""
                            + (lookalike.isPresent() ? " (a root in LocalMachine\\Root with Microsoft's root name but thumbprint "
                            + lookalike.get() + ")" : "") + ", not at Microsoft's roots: a proxy inspects TLS. Intune does not support "
                            + "TLS inspection of its endpoints; the connector's calls fail or its certificate authentication breaks.")
                    .withEvidence("endpoint", target).withEvidence("chain", presented).withEvidence("anchor", anchor)
                    .withRemediation("Exempt " + e.host() + " (and *.manage.microsoft.com, login.microsoftonline.com, "
                            + "autoupdate.msappproxy.net) from TLS inspection on the proxy or firewall.")
                    .withReference(ENDPOINTS);
        }
        return Finding.pass("ENDPOINT_REACHABLE", target + " answered TLS" + path + " with Microsoft's chain (" + anchor + ").")
                .withEvidence("endpoint", target).withEvidence("anchor", anchor);
    }

    private static Finding unreachable(String code, EndpointReport.Entry e, String what, EndpointReport.Step step, Optional<String> proxy) {
        boolean update = e.host().toLowerCase(Locale.ROOT).equals("autoupdate.msappproxy.net");
        return Finding.fail(code, what + ". " + (update ? "The connector cannot update itself and falls out of its six-month "
                        + "support window." : "The connector cannot talk to Intune: SCEP challenges are not validated and devices "
                        + "get no certificate."))
                .withEvidence("endpoint", e.host() + ":" + e.port()).withEvidence("via", e.via())
                .withEvidence("outcome", step.outcome()).withEvidence("error", step.error().orElse(""))
                .withRemediation("Allow the NDES server" + proxy.map(p -> " through " + p).orElse("") + " to " + e.host() + ":" + e.port()
                        + " (DNS, firewall, proxy allow-list), then test again with ndes-diag collect.")
                .withReference(ENDPOINTS);
    }


    static String cn(String dn) {
        try {
            for (Rdn r : new LdapName(dn).getRdns()) {
                if (r.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(r.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return dn;
        }
        return dn;
    }
}
