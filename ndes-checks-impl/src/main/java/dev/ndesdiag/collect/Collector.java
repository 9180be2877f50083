package dev.ndesdiag.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.snapshot.AccountKind;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.bundle.XmlDocuments;
import dev.ndesdiag.iis.ScepPoolIdentity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a collection plan against a {@link WindowsSource} and returns the bundle's files. A step
 * that fails is recorded (in {@code commands/index.json} for commands, in {@code collection-log.json}
 * for every step) and the collection goes on. Secrets are redacted and the redactions listed in the
 * manifest. Nothing on the server is changed: the only writes are the commands' own temporary files.
 */
public final class Collector {

    private final WindowsSource source;
    private final Clock clock;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    /** One line of collection-log.json. */
    private record LogEntry(String step, String result, String detail) {
    }

    /** One entry of commands/index.json. */
    private record IndexEntry(String name, String command, java.util.OptionalInt exitCode, long durationMs) {
    }

    /** One value removed from a file, listed in the manifest. */
    private record Redaction(String file, String name) {
    }

    /** An identity to resolve to a SID, with its kind. */
    record Identity(String name, AccountKind kind) {
    }

    private final List<LogEntry> log = new ArrayList<>();
    private final List<IndexEntry> index = new ArrayList<>();
    private final List<Redaction> redactions = new ArrayList<>();
    private final Map<String, List<X509Certificate>> stores = new LinkedHashMap<>();
    private IisConfiguration applicationHost;

    /**
     * Creates a collector.
     *
     * @param source the server; never null
     * @param clock the clock of {@code collectedAt}; never null
     */
    public Collector(WindowsSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /**
     * Collects.
     *
     * @param plan the steps; never null
     * @return the bundle's files by path, manifest first; never null
     */
    public Map<String, byte[]> collect(List<Step> plan) {
        String collectedAt = clock.instant().toString();
        for (Step step : plan) {
            try {
                String detail = step.execute(this);
                log.add(new LogEntry(step.name(), "ok", detail));
            } catch (RuntimeException e) {
                log.add(new LogEntry(step.name(), "failed", e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        Map<String, byte[]> bundle = new LinkedHashMap<>();
        bundle.put("manifest.json", manifest(collectedAt));
        bundle.putAll(files);
        bundle.put("commands/index.json", indexJson());
        bundle.put("collection-log.json", logJson());
        return bundle;
    }

    String regExport(Step.RegExport r) {
        String temp = source.tempFile(r.file());
        CommandResult res = source.run(List.of("reg", "export", r.key(), temp, "/y"), CollectionPlan.COMMAND_LIMIT);
        Optional<Blob> exported = res.succeeded() ? source.readFile(temp, 64L << 20) : Optional.empty();
        if (exported.isEmpty()) {
            throw new IllegalStateException("reg export " + r.key() + " failed: " + describe(res));
        }
        put("registry/" + r.file(), exported.get().toByteArray());
        return exported.get().size() + " bytes";
    }

    String command(Step.Command c) {
        CommandResult res = source.run(c.command(), c.limit());
        put("commands/" + c.name() + ".txt", res.console());
        index.add(new IndexEntry(c.name(), String.join(" ", c.command()), res.exitCode(), res.duration().toMillis()));
        if (!res.succeeded()) {
            throw new IllegalStateException(describe(res));
        }
        return "exit 0";
    }

    String exportCommand(Step.ExportCommand e) {
        String temp = source.tempFile(e.tempName());
        List<String> command = e.commandWithTemp().stream().map(a -> a.replace("{temp}", temp)).toList();
        CommandResult res = source.run(command, e.limit());
        Optional<Blob> written = source.readFile(temp, 16L << 20);
        if (written.isEmpty()) {
            throw new IllegalStateException(e.name() + " wrote nothing: " + describe(res));
        }
        put(e.bundlePath(), written.get().toByteArray());
        return written.get().size() + " bytes";
    }

    String events(Step.Events ev) {
        CommandResult res = source.run(CollectionPlan.wevtutil(ev), CollectionPlan.COMMAND_LIMIT);
        if (!res.succeeded()) {
            throw new IllegalStateException(describe(res));
        }
        put("events/" + ev.log().replace('/', '_') + ".xml", res.stdout().toByteArray());
        return res.stdout().size() + " bytes";
    }

    String copyFile(Step.CopyFile f) {
        Blob content = source.readFile(f.path(), f.maxBytes())
                .orElseThrow(() -> new IllegalStateException("cannot read " + f.path()));
        put(f.bundlePath(), content.toByteArray());
        return content.size() + " bytes";
    }

    String copyNewest(Step.CopyNewest c) {
        List<String> names = newestFirst(c.folder(), c.pattern(), CollectionPlan.COMMAND_LIMIT);
        if (names.isEmpty()) {
            throw new IllegalStateException("no " + c.pattern() + " in " + c.folder());
        }
        long total = 0;
        int copied = 0;
        for (String name : names) {
            if (copied == c.maxFiles() || total >= c.maxBytesTotal()) {
                break;
            }
            Optional<Blob> content = source.readFile(c.folder() + "\\" + name, Math.min(c.maxBytesEach(), c.maxBytesTotal() - total));
            if (content.isPresent()) {
                put(c.bundleFolder() + name, content.get().toByteArray());
                total += content.get().size();
                copied++;
            }
        }
        return copied + " of " + names.size() + " files, " + total + " bytes";
    }

    /** The names in a folder that match a pattern, newest first, from {@code dir /b /o-d}. */
    private List<String> newestFirst(String folder, String pattern, Duration limit) {
        CommandResult listing = source.run(List.of("cmd.exe", "/d", "/c", "dir", "/b", "/o-d", folder + "\\" + pattern), limit);
        if (!listing.succeeded()) {
            return List.of();
        }
        java.util.regex.Pattern glob = java.util.regex.Pattern.compile("(?i)" + java.util.regex.Pattern.quote(pattern)
                .replace("*", "\\E[^\\\\/]*\\Q"));
        return new String(listing.stdout().toByteArray(), StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(n -> glob.matcher(n).matches()).toList();
    }

    String iisFollowUps(Step.IisFollowUps follow) {
        return followApplicationHost(follow.limit());
    }

    String caCommands(Step.CaCommands ca) {
        String config = caToAsk(ca.given());
        return againstCa(config, List.of(
                new Step.Command("certutil-ping", CollectionPlan.certutil(config, "-ping"), ca.limit()),
                new Step.Command("certutil-catemplates", CollectionPlan.certutil(config, "-CATemplates"), ca.limit())));
    }

    /** The CA config string: the one given on the command line, else MSCEP\CAInfo's. */
    private String caToAsk(Optional<String> given) {
        return given.or(this::configuredCa).orElseThrow(() -> new IllegalStateException(
                "no CA to ask: MSCEP\\CAInfo has no Configuration value and none was given (--ca)"));
    }

    /** Runs certutil commands against one CA, each on its own; the failures are reported together. */
    private String againstCa(String config, List<Step.Command> commands) {
        List<String> failures = new ArrayList<>();
        for (Step.Command c : commands) {
            try {
                command(c);
            } catch (IllegalStateException e) {
                failures.add(c.name() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("CA " + config + ": " + String.join("; ", failures));
        }
        return "CA " + config;
    }

    String caRegistry(Step.CaRegistry ca) {
        String config = caToAsk(ca.given());
        return againstCa(config, List.of(
                new Step.Command("certutil-getreg-ca-security", CollectionPlan.certutil(config, "-getreg", "CA\\Security"), ca.limit()),
                new Step.Command("certutil-getreg-ca-catype", CollectionPlan.certutil(config, "-getreg", "CA\\CAType"), ca.limit()),
                new Step.Command("ca-security-sddl", CollectionPlan.powershell(CollectionPlan.caSecuritySddlScript(config)),
                        ca.limit())));
    }

    String accounts(Step.Accounts a) {
        List<Identity> accounts = identitiesThatMatter();
        if (accounts.isEmpty()) {
            throw new IllegalStateException("no account to resolve: neither the SCEP pool nor a service was collected");
        }
        putJsonOutput("security/accounts.json",
                source.run(CollectionPlan.powershell(CollectionPlan.accountsScript(accounts)), a.limit()));
        return accounts.size() + " accounts";
    }

    String spnQueries(Step.SpnQueries q) {
        Manifest.Host h = source.host();
        List<String> done = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        h.fqdn().ifPresent(f -> spnQuery("setspn-q-fqdn", "HTTP/" + f, q.limit(), done, failures));
        h.computerName().ifPresent(n -> spnQuery("setspn-q-host", "HTTP/" + n, q.limit(), done, failures));
        if (done.isEmpty() && failures.isEmpty()) {
            throw new IllegalStateException("the server's name is unknown, so there is no SPN to look up");
        }
        return String.join(", ", done) + (failures.isEmpty() ? "" : "; " + String.join("; ", failures));
    }

    /** setspn exits 0 whether or not the SPN exists ("No such SPN found."); a failure is a real one. */
    private void spnQuery(String name, String spn, Duration limit, List<String> done, List<String> failures) {
        try {
            command(new Step.Command(name, List.of("setspn", "-Q", spn), limit));
            done.add(spn);
        } catch (IllegalStateException e) {
            failures.add(spn + ": " + e.getMessage());
        }
    }

    String scepBinary(Step.ScepBinary b) {
        IisConfiguration iis = applicationHost()
                .orElseThrow(() -> new IllegalStateException("applicationHost.config was not collected or is not XML"));
        String folder = IisFollowUps.scepFolder(iis)
                .orElseThrow(() -> new IllegalStateException("no site has the CertSrv/mscep application"));
        Step.Command dir = new Step.Command("dir-mscep-dll", List.of("cmd.exe", "/d", "/c", "dir", "/b", "/a-d",
                folder + "\\mscep.dll"), b.limit());
        try {
            command(dir);
        } catch (IllegalStateException e) {
            // dir exits 1 when the file is not there: the capture and its exit code are the answer
            return folder + ": " + e.getMessage();
        }
        return folder + "\\mscep.dll listed";
    }

    String systemState(Step.SystemState st) {
        return putJsonOutput("system.json", source.run(st.command(), st.limit()));
    }

    String fetchCertificateUrls(Step.FetchCertificateUrls f) {
        NetworkCollection.Collected c = NetworkCollection.fetchCertificateUrls(stores, f.options());
        files.putAll(c.files());
        return c.detail();
    }

    String connectorEndpoints(Step.ConnectorEndpoints c) {
        Optional<java.net.URI> proxy = connectorProxy();
        long started = System.nanoTime();
        List<dev.ndesdiag.connector.EndpointProbe.Endpoint> endpoints = connectorEndpointList();
        byte[] report = dev.ndesdiag.connector.EndpointProbe.probe(endpoints, proxy, c.deadline(), c.crlFetch());
        put("commands/connector-endpoints.txt", report);
        index.add(new IndexEntry("connector-endpoints", "ndes-diag collect: DNS, TCP and TLS to "
                + String.join(", ", endpoints.stream().map(e -> e.host() + ":" + e.port()).toList())
                + proxy.map(p -> " through " + p).orElse(" directly"), java.util.OptionalInt.of(0),
                (System.nanoTime() - started) / 1_000_000));
        return proxy.map(p -> "through " + p).orElse("direct");
    }

    /**
     * The endpoints to probe: the connector's Intune endpoints, and the host of the service address the
     * connector's own registry names ({@code PFXCertificateConnector\\BaseServiceAddress}) when it is another.
     */
    List<dev.ndesdiag.connector.EndpointProbe.Endpoint> connectorEndpointList() {
        List<dev.ndesdiag.connector.EndpointProbe.Endpoint> all = new ArrayList<>(dev.ndesdiag.connector.EndpointProbe.INTUNE);
        byte[] intune = files.get("registry/intune.reg");
        if (intune == null) {
            return all;
        }
        dev.ndesdiag.bundle.RegistryExports.parse("intune.reg", intune)
                .flatMap(r -> dev.ndesdiag.connector.ConnectorRegistry.text(r, "", "BaseServiceAddress"))
                .flatMap(dev.ndesdiag.connector.EndpointProbe::endpointOf)
                .filter(e -> all.stream().noneMatch(x -> x.host().equalsIgnoreCase(e.host()) && x.port() == e.port()))
                .ifPresent(all::add);
        return all;
    }

    /** The connector's own proxy, from the collected MicrosoftIntune export ({@code PFXCertificateConnector\\Proxy}). */
    Optional<java.net.URI> connectorProxy() {
        byte[] intune = files.get("registry/intune.reg");
        if (intune == null) {
            return Optional.empty();
        }
        return dev.ndesdiag.bundle.RegistryExports.parse("intune.reg", intune).flatMap(r -> {
            Optional<String> server = dev.ndesdiag.connector.ConnectorRegistry.text(r, "Proxy", "ProxyServer").map(String::strip)
                    .filter(x -> !x.isEmpty());
            Optional<String> port = dev.ndesdiag.connector.ConnectorRegistry.text(r, "Proxy", "Port").map(String::strip)
                    .filter(x -> x.matches("\\d{1,5}"));
            return server.flatMap(sv -> {
                try {
                    java.net.URI u = new java.net.URI(sv.contains("://") ? sv : "http://" + sv);
                    return u.getHost() == null ? Optional.<java.net.URI>empty() : Optional.of(port.isPresent() && u.getPort() < 0
                            ? new java.net.URI(u.getScheme(), null, u.getHost(), Integer.parseInt(port.get()), null, null, null) : u);
                } catch (java.net.URISyntaxException e) {
                    return Optional.empty();
                }
            });
        });
    }

    String probeEndpoint(Step.ProbeEndpoint p) {
        NetworkCollection.Collected c = NetworkCollection.probe(p.url(), p.options());
        files.putAll(c.files());
        return c.detail();
    }

    String certificateStore(Step.CertificateStore s) {
        int n = 0;
        for (WindowsSource.StoredEntry entry : source.certificates(s.store())) {
            X509Certificate cert = parse(entry.der().toByteArray());
            stores.computeIfAbsent(s.store(), k -> new ArrayList<>()).add(cert);
            String tp = StoredCertificate.thumbprintOf(cert);
            put("certs/" + s.store() + "/" + tp + ".cer", entry.der().toByteArray());
            if (entry.key().isPresent()) {
                put("certs/" + s.store() + "/" + tp + ".json", sidecar(entry.key().get()));
            }
            n++;
        }
        if (n == 0) {
            files.put("certs/" + s.store() + "/", new byte[0]);
        }
        return n + " certificates";
    }

    /** Stores a command's JSON output as a bundle file, or fails the step when it failed or printed no JSON object. */
    private String putJsonOutput(String path, CommandResult res) {
        if (!res.succeeded()) {
            throw new IllegalStateException(describe(res));
        }
        byte[] json = res.stdout().toByteArray();
        JsonBytes.requireObject(json);
        put(path, json);
        return json.length + " bytes";
    }

    /** Stores a file, redacting text kinds that may hold secrets. */
    private void put(String path, byte[] content) {
        Redactor.RedactedFile r = Redactor.redactFile(path, content);
        r.removed().forEach(name -> redactions.add(new Redaction(path, name)));
        files.put(path, r.content());
    }

    private static String describe(CommandResult r) {
        if (r.failure().isPresent()) {
            return r.failure().get();
        }
        if (r.timedOut()) {
            return "stopped after " + r.duration().toSeconds() + " s (time limit)";
        }
        String out = ClixmlErrors.readable(dev.ndesdiag.bundle.WindowsText.decode(r.console())).strip();
        return "exit code " + r.exitCode().orElse(-1) + (out.isEmpty() ? "" : ": " + out.lines().findFirst().orElse(""));
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("a certificate of the store is unreadable: " + e.getMessage(), e);
        }
    }

    /** The collected applicationHost.config, parsed on first use by the steps that follow it. */
    private Optional<IisConfiguration> applicationHost() {
        if (applicationHost == null) {
            byte[] bytes = files.get(CollectionPlan.APPLICATION_HOST);
            if (bytes == null) {
                return Optional.empty();
            }
            applicationHost = XmlDocuments.parse(bytes).map(root -> new IisConfiguration(Optional.of(root), Map.of()))
                    .orElse(null);
        }
        return Optional.ofNullable(applicationHost);
    }

    private String followApplicationHost(Duration limit) {
        if (!files.containsKey(CollectionPlan.APPLICATION_HOST)) {
            throw new IllegalStateException("applicationHost.config was not collected, so its web.config files are unknown");
        }
        IisConfiguration iis = applicationHost()
                .orElseThrow(() -> new IllegalStateException("applicationHost.config is not readable XML"));
        int copied = 0;
        List<String> absent = new ArrayList<>();
        for (IisFollowUps.WebConfig w : IisFollowUps.webConfigs(iis)) {
            Optional<Blob> content = source.readFile(w.file(), 4L << 20);
            if (content.isPresent()) {
                put("iis/web.config/" + w.iisPath() + "/web.config", content.get().toByteArray());
                copied++;
            } else {
                absent.add(w.file());
            }
        }
        String detail = copied + " web.config files" + (absent.isEmpty() ? "" : "; none at " + String.join(", ", absent));
        detail += "; " + copyNewestW3cLog(iis, limit);
        Optional<String> account = scepPoolAccount().filter(Collector::isDirectoryAccount);
        if (account.isPresent()) {
            try {
                command(new Step.Command("setspn", List.of("setspn", "-L", account.get()), limit));
                detail += "; setspn -L " + account.get();
            } catch (IllegalStateException e) {
                detail += "; setspn -L " + account.get() + " failed: " + e.getMessage();
            }
        }
        return detail;
    }

    /**
     * Copies the SCEP site's W3C logs of the {@value CollectionPlan#W3C_DAYS} days before collection
     * (by the date in their names, {@code u_exYYMMDD[HH].log}, which IIS writes in UTC), newest first,
     * each tail-first up to 16 MiB and {@value CollectionPlan#W3C_TOTAL_MIB} MiB in all; when none is
     * that recent, the newest one, so that the check can say how old the log is.
     */
    private String copyNewestW3cLog(IisConfiguration iis, Duration limit) {
        Optional<IisFollowUps.LogFolder> folder = IisFollowUps.w3cLogFolder(iis);
        if (folder.isEmpty()) {
            return "no site with an id, so no IIS log";
        }
        List<String> names = newestFirst(folder.get().path(), "u_ex*.log", limit).stream()
                .filter(n -> n.matches("(?i)u_ex[0-9]+\\.log")).toList();
        if (names.isEmpty()) {
            return "no IIS log in " + folder.get().path();
        }
        java.time.LocalDate oldest = clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(CollectionPlan.W3C_DAYS);
        List<String> recent = names.stream().filter(n -> logDate(n).map(d -> !d.isBefore(oldest)).orElse(false)).toList();
        List<String> chosen = recent.isEmpty() ? names.subList(0, 1) : recent;
        long total = 0;
        List<String> copied = new ArrayList<>();
        for (String name : chosen) {
            long room = (CollectionPlan.W3C_TOTAL_MIB << 20) - total;
            if (room <= 0) {
                break;
            }
            Optional<Blob> log = source.readFile(folder.get().path() + "\\" + name, Math.min(16L << 20, room));
            if (log.isPresent()) {
                put("logs/iis/" + folder.get().w3svc() + "/" + name, log.get().toByteArray());
                total += log.get().size();
                copied.add(name);
            }
        }
        return copied.isEmpty() ? "cannot read " + folder.get().path() + "\\" + chosen.get(0) : "IIS logs " + String.join(", ", copied);
    }

    /** The UTC date in a W3C log's name, {@code u_ex261120.log} or {@code u_ex26112010.log}. */
    static Optional<java.time.LocalDate> logDate(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)u_ex(\\d{2})(\\d{2})(\\d{2})(\\d{2})?\\.log").matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.LocalDate.of(2000 + Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The CA NDES submits to: {@code MSCEP\CAInfo\Configuration} in the collected mscep.reg. */
    private Optional<String> configuredCa() {
        return CaConfigFromRegistry.configuredCa(files.get("registry/mscep.reg"));
    }

    /** The SCEP pool's account and the services' accounts, each with its kind, without duplicates. */
    private List<Identity> identitiesThatMatter() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        scepPoolAccount().ifPresent(names::add);
        byte[] system = files.get("system.json");
        if (system != null) {
            try (JsonParser p = JsonBytes.FACTORY.createParser(system)) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.FIELD_NAME && p.currentName().equals("account")
                            && p.nextToken() == JsonToken.VALUE_STRING && !p.getText().isBlank()) {
                        names.add(p.getText().equalsIgnoreCase("LocalSystem") ? "NT AUTHORITY\\SYSTEM" : p.getText());
                    }
                }
            } catch (IOException e) {
                // system.json was checked when collected; an unreadable one adds no names
            }
        }
        List<Identity> result = new ArrayList<>();
        for (String n : names) {
            result.add(new Identity(n, AccountKind.fromName(n)));
        }
        return result;
    }


    private Optional<String> scepPoolAccount() {
        return applicationHost().flatMap(ScepPoolIdentity::account);
    }

    /** An account setspn can list: a named domain user or gMSA, not a virtual or built-in identity. */
    private static boolean isDirectoryAccount(String account) {
        AccountKind kind = AccountKind.fromName(account);
        return (kind == AccountKind.USER || kind == AccountKind.GMSA) && (account.contains("\\") || account.contains("@"))
                && !account.startsWith(".\\");
    }

    private byte[] manifest(String collectedAt) {
        return JsonBytes.write(g -> {
            g.writeStartObject();
            g.writeStringField("format", "ndes-snapshot");
            g.writeNumberField("formatVersion", 1);
            g.writeStringField("collectedAt", collectedAt);
            Manifest.Host h = source.host();
            g.writeObjectFieldStart("host");
            JsonBytes.writeOpt(g, "computerName", h.computerName());
            JsonBytes.writeOpt(g, "fqdn", h.fqdn());
            JsonBytes.writeOpt(g, "domain", h.domain());
            JsonBytes.writeOpt(g, "os", h.os());
            JsonBytes.writeOpt(g, "osVersion", h.osVersion());
            JsonBytes.writeOpt(g, "lastBootAt", h.lastBootAt().map(Object::toString));
            g.writeEndObject();
            g.writeObjectFieldStart("collector");
            g.writeStringField("name", "ndes-diag collect");
            g.writeStringField("version", NdesDiag.version());
            g.writeBooleanField("elevated", source.elevated());
            g.writeEndObject();
            g.writeArrayFieldStart("redactions");
            for (Redaction r : redactions) {
                g.writeStartObject();
                g.writeStringField("file", r.file());
                g.writeStringField("name", r.name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private byte[] indexJson() {
        return JsonBytes.write(g -> {
            g.writeStartArray();
            for (IndexEntry c : index) {
                g.writeStartObject();
                g.writeStringField("name", c.name());
                g.writeStringField("command", c.command());
                if (c.exitCode().isPresent()) {
                    g.writeNumberField("exitCode", c.exitCode().getAsInt());
                }
                g.writeNumberField("durationMs", c.durationMs());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private byte[] logJson() {
        return JsonBytes.write(g -> {
            g.writeStartArray();
            for (LogEntry l : log) {
                g.writeStartObject();
                g.writeStringField("step", l.step());
                g.writeStringField("result", l.result());
                g.writeStringField("detail", l.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static byte[] sidecar(PrivateKeyInfo k) {
        return KeySidecar.json(k);
    }

}
