package dev.ndesdiag.connector;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.value.Settings;
import java.util.List;
import java.util.Optional;

/**
 * A product entry of {@code HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall}: its
 * {@code DisplayName} and {@code DisplayVersion}, as Programs and Features shows them.
 *
 * @param key the entry's key
 * @param displayName its name
 * @param displayVersion its version, when the entry has one
 */
public record InstalledProduct(String key, String displayName, Optional<String> displayVersion) {

    /** The Uninstall key. */
    public static final String UNINSTALL = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
    /** The current connector's product name. */
    public static final String CONNECTOR = "Certificate Connector for Microsoft Intune";
    /** The legacy connectors, unsupported since version 6.2109.51.0 of the current one. */
    public static final java.util.List<String> LEGACY = java.util.List.of("Microsoft Intune Connector",
            "PFX Certificate Connector for Microsoft Intune");

    /**
     * Finds a product by its display name.
     *
     * @param uninstall the export; never null
     * @param name the display name, compared case-insensitively; never null
     * @return the highest version of the entries with that name, or empty
     */
    public static Optional<InstalledProduct> find(Registry uninstall, String name) {
        Optional<InstalledProduct> best = Optional.empty();
        for (RegistryKey k : uninstall.subkeys(UNINSTALL)) {
            Optional<String> dn = k.value("DisplayName").flatMap(RegistryValue::string).map(String::strip);
            if (dn.isEmpty() || !dn.get().equalsIgnoreCase(name)) {
                continue;
            }
            InstalledProduct p = new InstalledProduct(k.path(), dn.get(),
                    k.value("DisplayVersion").flatMap(RegistryValue::string).map(String::strip));
            Optional<InstalledProduct> current = best;
            if (current.isEmpty() || p.version().map(v -> current.get().version().map(b -> v.compareTo(b) > 0).orElse(true))
                    .orElse(false)) {
                best = Optional.of(p);
            }
        }
        return best;
    }

    /**
     * Why {@link #find} may have missed an entry, or an entry its value: the first line of that
     * value in an Uninstall entry that the reader could not decode ({@link Settings#unreadable}).
     *
     * @param uninstall the export; never null
     * @param name {@code DisplayName} or {@code DisplayVersion}; never null
     * @param problems the problems of the export; never null
     * @return the problem, or empty when every such line was read
     */
    public static Optional<InputProblem> unreadable(Registry uninstall, String name, List<InputProblem> problems) {
        return uninstall.subkeys(UNINSTALL).stream().map(k -> Settings.unreadable(Optional.of(k), name, problems))
                .flatMap(Optional::stream).findFirst();
    }

    /** @return the parsed version, when it is dotted numbers */
    public Optional<ConnectorVersion> version() {
        return displayVersion.flatMap(ConnectorVersion::parse);
    }
}
