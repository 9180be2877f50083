package dev.ndesdiag.connector;

import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.value.Settings;
import java.util.List;
import java.util.Optional;

/**
 * The Certificate Connector's registry, {@code HKLM\SOFTWARE\Microsoft\MicrosoftIntune\PFXCertificateConnector}
 * (the names public diagnostics read, existing-tools.md section 6.3): the features
 * ({@code EnableSCEP}, {@code EnablePFxCreate}, {@code EnablePFxImport}, {@code EnableRevocation}),
 * {@code ConnectionStatus\LastConnectionTime} and {@code IssueDetails} (also read at the key itself),
 * and the proxy ({@code Proxy\ProxyServer}, {@code Port}, {@code Username}).
 */
public final class ConnectorRegistry {

    /** The new connector's key. */
    public static final String KEY = "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector";
    /** The legacy Microsoft Intune Connector's key. */
    public static final String LEGACY_KEY = "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector";

    private ConnectorRegistry() {
    }

    /**
     * A value of the key or one of its sub-keys.
     *
     * @param intune the MicrosoftIntune export; never null
     * @param subkey such as {@code Proxy}, or empty for the key itself
     * @param name the value's name
     * @return the value, or empty
     */
    public static Optional<RegistryValue> value(Registry intune, String subkey, String name) {
        return intune.value(path(subkey), name);
    }

    /**
     * Why a value {@link #value} does not find could not be read: the line of the export that the
     * reader could not decode for it ({@link Settings#unreadable}). A check asks this before it
     * calls the value unset, and reports the problem's {@code ERROR} instead.
     *
     * @param intune the MicrosoftIntune export; never null
     * @param subkey such as {@code Proxy}, or empty for the key itself
     * @param name the value's name
     * @param problems the problems of the export ({@code context.problems(NdesInputs.INTUNE)}); never null
     * @return the problem, or empty when nothing about that value was unreadable
     */
    public static Optional<InputProblem> unreadable(Registry intune, String subkey, String name, List<InputProblem> problems) {
        return Settings.unreadable(intune.key(path(subkey)), name, problems);
    }

    private static String path(String subkey) {
        return subkey.isEmpty() ? KEY : KEY + "\\" + subkey;
    }

    /** A value as text (strings as they are, numbers in decimal). */
    public static Optional<String> text(Registry intune, String subkey, String name) {
        return value(intune, subkey, name).flatMap(v -> v.string().or(() -> v.number().isPresent()
                ? Optional.of(Long.toString(v.number().getAsLong())) : Optional.empty()));
    }

    /** @return whether the new connector's key exists */
    public static boolean present(Registry intune) {
        return intune.key(KEY).isPresent();
    }

    /**
     * The prologue of the checks that judge the new connector's configuration: {@code SKIPPED} when
     * its key is not in the export (whether the connector is installed is connector-version's verdict).
     *
     * @param intune the MicrosoftIntune export; never null
     * @return the result to return, or empty when the key is there
     */
    public static Optional<CheckResult> skippedWhenAbsent(Registry intune) {
        return present(intune) ? Optional.empty() : Optional.of(CheckResult.skipped("CONNECTOR_NOT_CONFIGURED",
                "The bundle has no " + KEY + " key; connector-version reports whether the connector is installed."));
    }

    /** @return the legacy connector's key, when present */
    public static Optional<RegistryKey> legacy(Registry intune) {
        return intune.key(LEGACY_KEY);
    }
}
