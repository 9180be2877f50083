package dev.ndesdiag.iis;

import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.api.value.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TLS bindings HTTP.sys holds, read from the {@code SslBindingInfo}, {@code SslSniBindingInfo}
 * and {@code SslCcsBindingInfo} registry keys, or else from the console output of
 * {@code netsh http show sslcert}. netsh's labels are localised ("Certificate Hash",
 * "Zertifikathash"), so its fields are recognised by the shape of their values and their order,
 * never by label: a binding starts with its endpoint ({@code ip:port}, {@code hostname:port}, or a
 * bare port for a Central Certificate Store binding followed by the application id), then the
 * certificate hash (hex), the application id (a GUID) and the store name.
 *
 * @see <a href="https://learn.microsoft.com/en-us/windows-server/networking/technologies/netsh/netsh-http">netsh http (add/show sslcert: ipport, hostnameport, ccs, certstorename)</a>
 */
public final class HttpSysSslBindings {

    public static final String PARAMETERS = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";
    /** The command capture that holds {@code netsh http show sslcert}. */
    public static final String NETSH = "netsh-http-sslcert";

    /** A console line {@code <label padded with spaces> : <value>}; the label may itself hold a colon ({@code IP:port}). */
    private static final Pattern FIELD = Pattern.compile("^\\s*(\\S.*?)\\s+:(?:\\s(.*))?$");
    private static final Pattern IP_PORT = Pattern.compile("^(\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.%]+\\]):(\\d{1,5})$");
    private static final Pattern HOST_PORT = Pattern.compile("^(?=[^:]*[A-Za-z*])([A-Za-z0-9*_](?:[A-Za-z0-9_.*-]*[A-Za-z0-9_])?):(\\d{1,5})$");
    private static final Pattern PORT = Pattern.compile("^\\d{1,5}$");
    private static final Pattern HASH = Pattern.compile("^[0-9a-fA-F]{1,128}$");
    private static final Pattern GUID = Pattern.compile("^\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?$");
    private static final List<String> TABLES = List.of("SslBindingInfo", "SslSniBindingInfo", "SslCcsBindingInfo");

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

    /**
     * Why {@link #of} may lack a binding: an {@code SslCertHash} line of a binding key that the
     * reader could not decode ({@link Settings#unreadable}), which {@link #fromRegistry} leaves out.
     * A check that finds no certificate for a binding asks this before it says so.
     *
     * @param context the context of a check that declared {@link #INPUTS}; never null
     * @return the problem, or empty when every binding's hash was read
     */
    public static Optional<InputProblem> unreadableHash(CheckContext context) {
        return context.find(NdesInputs.HTTP_PARAMETERS).flatMap(registry -> TABLES.stream()
                .flatMap(parent -> registry.subkeys(PARAMETERS + "\\" + parent).stream())
                .flatMap(k -> Settings.unreadable(Optional.of(k), "SslCertHash", context.problems(NdesInputs.HTTP_PARAMETERS)).stream())
                .findFirst());
    }

    /**
     * Reads the bindings from the HTTP service's registry key.
     *
     * @param registry the export of {@code HTTP\\Parameters}; never null
     * @return the bindings, or empty when none of the three binding keys was exported
     */
    public static Optional<List<SslBinding>> fromRegistry(Registry registry) {
        boolean collected = false;
        for (String parent : TABLES) {
            String path = PARAMETERS + "\\" + parent;
            collected |= registry.key(path).isPresent() || !registry.subkeys(path).isEmpty();
        }
        if (!collected) {
            return Optional.empty();
        }
        List<SslBinding> result = new ArrayList<>();
        for (String parent : TABLES) {
            SslBinding.Kind kind = parent.equals("SslBindingInfo") ? SslBinding.Kind.IP_PORT
                    : parent.equals("SslSniBindingInfo") ? SslBinding.Kind.HOSTNAME_PORT : SslBinding.Kind.CENTRAL_CERTIFICATE_STORE;
            for (RegistryKey k : registry.subkeys(PARAMETERS + "\\" + parent)) {
                String endpoint = k.path().substring(k.path().lastIndexOf('\\') + 1);
                Optional<RegistryValue> hash = k.value("SslCertHash");
                if (hash.isEmpty() && kind != SslBinding.Kind.CENTRAL_CERTIFICATE_STORE) {
                    continue;
                }
                if (kind == SslBinding.Kind.CENTRAL_CERTIFICATE_STORE) {
                    endpoint = "*:" + endpoint.substring(endpoint.lastIndexOf(':') + 1);
                }
                result.add(new SslBinding(endpoint, kind, hash.map(RegistryValue::hex).orElse(""),
                        k.value("SslCertStoreName").flatMap(RegistryValue::string).orElse("MY"),
                        k.value("AppId").flatMap(v -> v.string().or(() -> Optional.of(v.hex()))), "registry"));
            }
        }
        return Optional.of(result);
    }

    /**
     * Reads the bindings from {@code netsh http show sslcert} in any display language.
     *
     * @param capture the console output; never null
     * @return the bindings in output order; never null
     */
    public static List<SslBinding> fromNetsh(CommandCapture capture) {
        List<SslBinding> result = new ArrayList<>();
        List<String> values = new ArrayList<>();
        boolean afterBlank = true;
        for (String line : capture.output().split("\r\n|\r|\n", -1)) {
            Matcher m = FIELD.matcher(line);
            if (line.isBlank()) {
                afterBlank = true;
                continue;
            }
            if (!m.matches() || line.strip().startsWith("-")) {
                continue;
            }
            String value = m.group(2) == null ? "" : m.group(2).strip();
            // a Central Certificate Store binding starts with a bare port, always after the blank line between bindings
            if (IP_PORT.matcher(value).matches() || HOST_PORT.matcher(value).matches()
                    || (PORT.matcher(value).matches() && afterBlank)) {
                flush(values, result);
                values.clear();
            }
            afterBlank = false;
            values.add(value);
        }
        flush(values, result);
        return result;
    }

    /** Turns one block's values (endpoint first) into a binding, when the block is one. */
    private static void flush(List<String> values, List<SslBinding> result) {
        if (values.isEmpty()) {
            return;
        }
        String endpoint = values.get(0);
        // netsh's field order is fixed: the certificate hash comes right after the endpoint, then the application id
        int hashAt = values.size() > 1 && HASH.matcher(values.get(1).replace(" ", "")).matches() ? 1 : -1;
        int guidAt = -1;
        for (int i = 1; i < values.size() && guidAt < 0; i++) {
            if (GUID.matcher(values.get(i)).matches()) {
                guidAt = i;
            }
        }
        Optional<String> appId = guidAt < 0 ? Optional.empty() : Optional.of(values.get(guidAt));
        // the store name follows the application id in netsh's fixed field order
        String store = guidAt >= 0 && guidAt + 1 < values.size() ? values.get(guidAt + 1) : "MY";
        if (IP_PORT.matcher(endpoint).matches() && hashAt > 0) {
            result.add(new SslBinding(endpoint, SslBinding.Kind.IP_PORT, values.get(hashAt), store, appId, "netsh"));
        } else if (HOST_PORT.matcher(endpoint).matches() && hashAt > 0) {
            result.add(new SslBinding(endpoint, SslBinding.Kind.HOSTNAME_PORT, values.get(hashAt), store, appId, "netsh"));
        } else if (PORT.matcher(endpoint).matches() && guidAt > 0) {
            result.add(new SslBinding("*:" + endpoint, SslBinding.Kind.CENTRAL_CERTIFICATE_STORE, "", store, appId, "netsh"));
        }
    }

    /**
     * Finds the binding HTTP.sys uses for an IIS HTTPS binding: the Central Certificate Store entry
     * for its port when {@code sslFlags} says so, the SNI binding for its host name when SNI is on,
     * else the exact IP:port, else {@code 0.0.0.0:port} (IPv4) or {@code [::]:port}.
     *
     * @param bindings the HTTP.sys bindings; never null
     * @param binding the IIS binding; never null
     * @return the binding, or empty when HTTP.sys has none for it
     */
    public static Optional<SslBinding> forIisBinding(List<SslBinding> bindings, IisSites.Binding binding) {
        if (binding.centralCertificateStore()) {
            return bindings.stream().filter(b -> b.kind() == SslBinding.Kind.CENTRAL_CERTIFICATE_STORE && b.port() == binding.port())
                    .findFirst();
        }
        return forIisBinding(bindings, binding.ip(), binding.port(), binding.host(), binding.sni());
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
        return bindings.stream().filter(b -> b.kind() != SslBinding.Kind.CENTRAL_CERTIFICATE_STORE)
                .filter(b -> b.endpoint().equals(endpoint)).findFirst();
    }
}
