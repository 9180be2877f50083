package dev.ndesdiag.mscep;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryValue;
import dev.ndesdiag.api.value.Settings;
import java.util.List;
import java.util.Optional;

/**
 * Values of {@code HKLM\SOFTWARE\Microsoft\Cryptography\MSCEP}. NDES writes some directly under the
 * key (the three template values) and others in a sub-key of the same name ({@code CAInfo\Configuration}
 * style); a value is looked up in both places.
 */
public final class MscepRegistry {

    public static final String KEY = "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP";

    private MscepRegistry() {
    }

    /** A string value: directly under MSCEP, else in the sub-key of the same name. */
    public static Optional<String> string(Registry registry, String name) {
        return registry.value(KEY, name).or(() -> registry.value(KEY + "\\" + name, name))
                .flatMap(RegistryValue::string);
    }

    /**
     * Why a string value {@link #string} does not find could not be read: a line of the export that
     * the reader could not decode for that value, directly under MSCEP or in its sub-key.
     */
    public static Optional<InputProblem> unreadable(Registry registry, String name, List<InputProblem> problems) {
        return Settings.unreadable(registry.key(KEY), name, problems)
                .or(() -> Settings.unreadable(registry.key(KEY + "\\" + name), name, problems));
    }

    /**
     * Why {@link #caConfig} found no CA: a line of {@code CAInfo\Configuration}, the default value
     * of {@code CAInfo} or {@code MSCEP\CAInfo} that the reader could not decode.
     */
    public static Optional<InputProblem> caConfigUnreadable(Registry registry, List<InputProblem> problems) {
        return Settings.unreadable(registry.key(KEY + "\\CAInfo"), "Configuration", problems)
                .or(() -> Settings.unreadable(registry.key(KEY + "\\CAInfo"), "", problems))
                .or(() -> Settings.unreadable(registry.key(KEY), "CAInfo", problems));
    }

    /** The CA NDES submits to: {@code CAInfo\Configuration}, else the default value of {@code CAInfo}. */
    public static Optional<String> caConfig(Registry registry) {
        return registry.value(KEY + "\\CAInfo", "Configuration").or(() -> registry.value(KEY + "\\CAInfo", ""))
                .or(() -> registry.value(KEY, "CAInfo")).flatMap(RegistryValue::string).map(String::strip)
                .filter(s -> !s.isEmpty());
    }
}
