package dev.ndesdiag.iis;

import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TLS bindings HTTP.sys holds, read from the {@code SslBindingInfo} and
 * {@code SslSniBindingInfo} registry keys, or else from the console output of
 * {@code netsh http show sslcert} (fields read by name: newer Windows adds fields and indents
 * extended properties).
 */
public final class HttpSysSslBindings {

    public static final String PARAMETERS = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";
    /** The command capture that holds {@code netsh http show sslcert}. */
    public static final String NETSH = "netsh-http-sslcert";

    private static final Pattern FIELD = Pattern.compile("^\\s*([^:]+?(?::port)?)\\s+:\\s?(.*)$");

    private HttpSysSslBindings() {
    }

    /**
     * Returns the bindings the snapshot shows, registry first, else netsh.
     *
     * @param context the context of a check that declared {@link #INPUTS}; never null
     * @return the bindings, or empty when the snapshot holds neither source
     */
    public static Optional<List<SslBinding>> of(CheckContext context) {
        Optional<List<SslBinding>> fromRegistry = context.find(NdesInputs.HTTP_PARAMETERS).flatMap(HttpSysSslBindings::fromRegistry);
        if (fromRegistry.isPresent()) {
            return fromRegistry;
        }
        return context.find(NdesInputs.NETSH_SSLCERT).map(HttpSysSslBindings::fromNetsh);
    }

    /** What {@link #of} reads: the registry's SslBindingInfo, else {@code netsh http show sslcert}. */
    public static final Input<?>[] INPUTS = {NdesInputs.HTTP_PARAMETERS, NdesInputs.NETSH_SSLCERT};

    public static Optional<List<SslBinding>> fromRegistry(Registry registry) {
        boolean collected = false;
        for (String parent : List.of("SslBindingInfo", "SslSniBindingInfo")) {
            String path = PARAMETERS + "\\" + parent;
            collected |= registry.key(path).isPresent() || !registry.subkeys(path).isEmpty();
        }
        if (!collected) {
            return Optional.empty();
        }
        List<SslBinding> result = new ArrayList<>();
        for (String parent : List.of("SslBindingInfo", "SslSniBindingInfo")) {
            for (RegistryKey k : registry.subkeys(PARAMETERS + "\\" + parent)) {
                String endpoint = k.path().substring(k.path().lastIndexOf('\\') + 1);
                Optional<RegistryValue> hash = k.value("SslCertHash");
                if (hash.isEmpty()) {
                    continue;
                }
                result.add(new SslBinding(endpoint, parent.equals("SslSniBindingInfo"), hash.get().hex(),
                        k.value("SslCertStoreName").flatMap(RegistryValue::string).orElse("MY"),
                        k.value("AppId").flatMap(v -> v.string().or(() -> Optional.of(v.hex()))), "registry"));
            }
        }
        return Optional.of(result);
    }

    public static List<SslBinding> fromNetsh(CommandCapture capture) {
        List<SslBinding> result = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        for (String line : capture.output().split("\r\n|\r|\n", -1)) {
            Matcher m = FIELD.matcher(line);
            if (!m.matches() || line.strip().startsWith("-")) {
                continue;
            }
            String name = m.group(1).strip().toLowerCase(Locale.ROOT);
            String value = m.group(2).strip();
            if (name.equals("ip:port") || name.equals("hostname:port") || name.equals("central certificate store")) {
                flush(block, result);
                block.clear();
            }
            block.putIfAbsent(name, value);
        }
        flush(block, result);
        return result;
    }

    private static void flush(Map<String, String> block, List<SslBinding> result) {
        String endpoint = block.getOrDefault("ip:port", block.get("hostname:port"));
        String hash = block.get("certificate hash");
        if (endpoint == null || hash == null || hash.isBlank()) {
            return;
        }
        result.add(new SslBinding(endpoint, block.containsKey("hostname:port"), hash,
                block.getOrDefault("certificate store name", "MY"),
                Optional.ofNullable(block.get("application id")), "netsh"));
    }

    /**
     * Finds the binding HTTP.sys uses for an IIS HTTPS binding: the SNI binding for its host name
     * when SNI is on, else the exact IP:port, else {@code 0.0.0.0:443} (IPv4) or {@code [::]:443}.
     *
     * @param bindings the HTTP.sys bindings; never null
     * @param iisIp the IIS binding's IP ({@code *} for all unassigned); never null
     * @param port the port; positive
     * @param host the IIS binding's host name, empty when none; never null
     * @param sni whether the IIS binding requires SNI
     * @return the binding, or empty when HTTP.sys has none for it
     */
    public static Optional<SslBinding> forIisBinding(List<SslBinding> bindings, String iisIp, int port, String host,
            boolean sni) {
        if (sni && !host.isEmpty()) {
            return find(bindings, host.toLowerCase(Locale.ROOT) + ":" + port);
        }
        if (!iisIp.equals("*") && !iisIp.isEmpty()) {
            Optional<SslBinding> exact = find(bindings, iisIp.toLowerCase(Locale.ROOT) + ":" + port);
            if (exact.isPresent()) {
                return exact;
            }
        }
        return find(bindings, "0.0.0.0:" + port).or(() -> find(bindings, "[::]:" + port));
    }

    private static Optional<SslBinding> find(List<SslBinding> bindings, String endpoint) {
        return bindings.stream().filter(b -> b.endpoint().equals(endpoint)).findFirst();
    }
}
