package dev.ndesdiag.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
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

    private static final JsonFactory JSON = new JsonFactory();

    private final WindowsSource source;
    private final Clock clock;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<String[]> log = new ArrayList<>();
    private final List<String[]> index = new ArrayList<>();
    private final List<String[]> redactions = new ArrayList<>();

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
                String detail = execute(step);
                log.add(new String[] {step.name(), "ok", detail});
            } catch (RuntimeException e) {
                log.add(new String[] {step.name(), "failed", e.getClass().getSimpleName() + ": " + e.getMessage()});
            }
        }
        Map<String, byte[]> bundle = new LinkedHashMap<>();
        bundle.put("manifest.json", manifest(collectedAt));
        bundle.putAll(files);
        bundle.put("commands/index.json", indexJson());
        bundle.put("collection-log.json", logJson());
        return bundle;
    }

    private String execute(Step step) {
        if (step instanceof Step.RegExport r) {
            String temp = source.tempFile(r.file());
            CommandResult res = source.run(List.of("reg", "export", r.key(), temp, "/y"), CollectionPlan.COMMAND_LIMIT);
            Optional<Blob> exported = res.succeeded() ? source.readFile(temp, 64L << 20) : Optional.empty();
            if (exported.isEmpty()) {
                throw new IllegalStateException("reg export " + r.key() + " failed: " + describe(res));
            }
            put("registry/" + r.file(), exported.get().toByteArray());
            return exported.get().size() + " bytes";
        }
        if (step instanceof Step.Command c) {
            CommandResult res = source.run(c.command(), c.limit());
            put("commands/" + c.name() + ".txt", res.console());
            index.add(new String[] {c.name(), String.join(" ", c.command()), res.exitCode().isPresent()
                    ? String.valueOf(res.exitCode().getAsInt()) : "", String.valueOf(res.duration().toMillis())});
            if (!res.succeeded()) {
                throw new IllegalStateException(describe(res));
            }
            return "exit 0";
        }
        if (step instanceof Step.ExportCommand e) {
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
        if (step instanceof Step.Events ev) {
            CommandResult res = source.run(List.of("wevtutil", "qe", ev.log(), "/q:" + ev.query(), "/f:xml", "/rd:true",
                    "/c:" + ev.count()), CollectionPlan.COMMAND_LIMIT);
            if (!res.succeeded()) {
                throw new IllegalStateException(describe(res));
            }
            put("events/" + ev.log().replace('/', '_') + ".xml", res.stdout().toByteArray());
            return res.stdout().size() + " bytes";
        }
        if (step instanceof Step.CopyFile f) {
            Blob content = source.readFile(f.path(), f.maxBytes())
                    .orElseThrow(() -> new IllegalStateException("cannot read " + f.path()));
            put(f.bundlePath(), content.toByteArray());
            return content.size() + " bytes";
        }
        if (step instanceof Step.CertificateStore s) {
            int n = 0;
            for (WindowsSource.StoredEntry entry : source.certificates(s.store())) {
                String tp = thumbprint(entry.der().toByteArray());
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
        throw new IllegalStateException("unknown step " + step);
    }

    /** Stores a file, redacting text kinds that may hold secrets. */
    private void put(String path, byte[] content) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".reg") || lower.endsWith(".config") || lower.endsWith(".json")) {
            Charset cs = content.length >= 2 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE
                    ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8;
            int bom = cs == StandardCharsets.UTF_16LE ? 2 : 0;
            String text = new String(content, bom, content.length - bom, cs);
            Redactor.Redacted r = Redactor.redact(path, text);
            if (!r.removed().isEmpty()) {
                r.removed().forEach(name -> redactions.add(new String[] {path, name}));
                byte[] body = r.text().getBytes(cs);
                byte[] out = new byte[body.length + bom];
                if (bom == 2) {
                    out[0] = (byte) 0xFF;
                    out[1] = (byte) 0xFE;
                }
                System.arraycopy(body, 0, out, bom, body.length);
                content = out;
            }
        }
        files.put(path, content);
    }

    private static String describe(CommandResult r) {
        if (r.failure().isPresent()) {
            return r.failure().get();
        }
        if (r.timedOut()) {
            return "stopped after " + r.duration().toSeconds() + " s (time limit)";
        }
        String out = new String(r.console(), StandardCharsets.UTF_8).strip();
        return "exit code " + r.exitCode().orElse(-1) + (out.isEmpty() ? "" : ": " + out.lines().findFirst().orElse(""));
    }

    private static String thumbprint(byte[] der) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
        } catch (CertificateException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a certificate of the store is unreadable: " + e.getMessage(), e);
        }
    }

    private byte[] manifest(String collectedAt) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("format", "ndes-snapshot");
            g.writeNumberField("formatVersion", 1);
            g.writeStringField("collectedAt", collectedAt);
            Manifest.Host h = source.host();
            g.writeObjectFieldStart("host");
            writeOpt(g, "computerName", h.computerName());
            writeOpt(g, "fqdn", h.fqdn());
            writeOpt(g, "domain", h.domain());
            writeOpt(g, "os", h.os());
            writeOpt(g, "osVersion", h.osVersion());
            writeOpt(g, "lastBootAt", h.lastBootAt().map(Object::toString));
            g.writeEndObject();
            g.writeObjectFieldStart("collector");
            g.writeStringField("name", "ndes-diag collect");
            g.writeStringField("version", NdesDiag.version());
            g.writeBooleanField("elevated", source.elevated());
            g.writeEndObject();
            g.writeArrayFieldStart("redactions");
            for (String[] r : redactions) {
                g.writeStartObject();
                g.writeStringField("file", r[0]);
                g.writeStringField("name", r[1]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private byte[] indexJson() {
        return json(g -> {
            g.writeStartArray();
            for (String[] c : index) {
                g.writeStartObject();
                g.writeStringField("name", c[0]);
                g.writeStringField("command", c[1]);
                if (!c[2].isEmpty()) {
                    g.writeNumberField("exitCode", Integer.parseInt(c[2]));
                }
                g.writeNumberField("durationMs", Long.parseLong(c[3]));
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private byte[] logJson() {
        return json(g -> {
            g.writeStartArray();
            for (String[] l : log) {
                g.writeStartObject();
                g.writeStringField("step", l[0]);
                g.writeStringField("result", l[1]);
                g.writeStringField("detail", l[2]);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static byte[] sidecar(PrivateKeyInfo k) {
        return json(g -> {
            g.writeStartObject();
            g.writeBooleanField("hasPrivateKey", k.hasPrivateKey());
            writeOpt(g, "keyStorage", k.keyStorage());
            writeOpt(g, "keyProvider", k.keyProvider());
            writeOpt(g, "keyContainer", k.keyContainer());
            writeOpt(g, "keyFile", k.keyFile());
            writeOpt(g, "keyFileSddl", k.keyFileSddl());
            writeOpt(g, "friendlyName", k.friendlyName());
            g.writeBooleanField("archived", k.archived());
            g.writeEndObject();
        });
    }

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] json(JsonBody body) {
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.useDefaultPrettyPrinter();
                body.write(g);
            }
            return (w + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeOpt(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }
}
