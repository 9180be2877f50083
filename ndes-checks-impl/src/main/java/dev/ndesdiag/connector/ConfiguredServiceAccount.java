package dev.ndesdiag.connector;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.value.Settings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The service account the Certificate Connector was configured with: the wizard's Service Account
 * page offers SYSTEM or a domain user (Microsoft Learn, certificate-connector-install), and the
 * connector records the choice under {@code PFXCertificateConnector\CA*}: {@code UseSystemAccount}
 * 1 for SYSTEM, else {@code Username}. That is where Microsoft's Validate-NDESConfiguration.ps1
 * (v1.1, "Updated to support system account as service account") reads it
 * ({@code HKLM:\SOFTWARE\Microsoft\MicrosoftIntune\PFXCertificateConnector\CA*}).
 *
 * @param system true when configured as SYSTEM
 * @param username the configured domain account, when not SYSTEM
 * @param key the registry key it was read from
 */
public record ConfiguredServiceAccount(boolean system, Optional<String> username, String key) {

    /** The names Win32_Service's StartName gives LocalSystem. */
    static final Set<String> SYSTEM_NAMES = Set.of("localsystem", "nt authority\\system", ".\\localsystem", "system");

    /**
     * Reads the configured accounts, one per {@code CA*} sub-key that records one.
     *
     * @param intune the {@code MicrosoftIntune} export; never null
     * @return the distinct configured accounts in key order; empty when none is recorded
     */
    public static List<ConfiguredServiceAccount> read(Registry intune) {
        List<ConfiguredServiceAccount> all = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (RegistryKey k : caKeys(intune)) {
            boolean system = k.value("UseSystemAccount").flatMap(v -> v.number().isPresent()
                    ? Optional.of(v.number().getAsLong()) : Optional.<Long>empty()).filter(n -> n == 1).isPresent();
            Optional<String> user = k.value("Username").flatMap(RegistryValue::string).map(String::strip).filter(s -> !s.isEmpty());
            if (!system && user.isEmpty()) {
                continue;
            }
            ConfiguredServiceAccount a = new ConfiguredServiceAccount(system, system ? Optional.empty() : user, k.path());
            if (seen.add(a.words().toLowerCase(Locale.ROOT))) {
                all.add(a);
            }
        }
        return all;
    }

    /**
     * Why {@link #read} may have read an account wrong or not at all: the first {@code UseSystemAccount}
     * or {@code Username} line of a {@code CA*} sub-key that the reader could not decode.
     *
     * @param intune the {@code MicrosoftIntune} export; never null
     * @param problems the problems of the export; never null
     * @return the problem, or empty when every such line was read
     */
    public static Optional<InputProblem> unreadable(Registry intune, List<InputProblem> problems) {
        return caKeys(intune).stream().flatMap(k -> Settings.unreadable(Optional.of(k), "UseSystemAccount", problems)
                        .or(() -> Settings.unreadable(Optional.of(k), "Username", problems)).stream())
                .findFirst();
    }

    /** The {@code CA*} sub-keys of the connector's key, where the account is recorded. */
    private static List<RegistryKey> caKeys(Registry intune) {
        return intune.subkeys(ConnectorRegistry.KEY).stream()
                .filter(k -> k.path().substring(k.path().lastIndexOf('\\') + 1).regionMatches(true, 0, "CA", 0, 2)).toList();
    }

    /** @return the account in words: {@code SYSTEM} or the user name */
    public String words() {
        return system ? "SYSTEM" : username.orElseThrow();
    }

    /** How a service's account compares with the configured one. */
    public enum Match {
        /** The same account. */
        SAME,
        /** Another account. */
        DIFFERENT,
        /** The two names are in forms that cannot be compared (down-level and UPN). */
        NOT_COMPARABLE
    }

    /**
     * Compares a service's logon account (Win32_Service StartName) with this one.
     *
     * @param startName the service's account; never null
     * @return the comparison
     */
    public Match compare(String startName) {
        String s = startName.strip().toLowerCase(Locale.ROOT);
        boolean serviceIsSystem = SYSTEM_NAMES.contains(s);
        if (system || serviceIsSystem) {
            return system == serviceIsSystem ? Match.SAME : Match.DIFFERENT;
        }
        String u = username.orElseThrow().toLowerCase(Locale.ROOT);
        if (u.equals(s)) {
            return Match.SAME;
        }
        boolean upnU = u.contains("@") && !u.contains("\\");
        boolean upnS = s.contains("@") && !s.contains("\\");
        if (upnU != upnS) {
            return Match.NOT_COMPARABLE;
        }
        return Match.DIFFERENT;
    }
}
