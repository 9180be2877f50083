package dev.ndesdiag.api.input;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One registry key, exactly: present when the snapshot holds the key itself. The check gets the key
 * with its values; problems are those of lines inside this key.
 *
 * @param key the key path, such as {@code HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters}; never null
 * @param file the name of its export in the bundle, such as {@code http-parameters.reg}; never null
 * @since 0.2.0
 */
public record RegistryKeyInput(String key, String file) implements Input<RegistryKey>, RegistryExport {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when the key is no {@code HK...} path or the file no bare {@code .reg} name
     *     (the two given the other way round)
     */
    public RegistryKeyInput {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(file, "file");
        RegistryTreeInput.requireKeyAndFile(key, file);
    }

    @Override
    public SnapshotPart part() {
        return SnapshotPart.REGISTRY;
    }

    @Override
    public String what() {
        return "the registry key " + key;
    }

    @Override
    public String collectCommand() {
        return RegistryTreeInput.regExport(key, file);
    }

    @Override
    public Part<RegistryKey> find(Snapshot snapshot) {
        Part<Registry> registry = snapshot.registry();
        if (!registry.isPresent()) {
            return registry.notPresent();
        }
        Optional<RegistryKey> found = registry.value().orElseThrow().key(key);
        return found.map(k -> Part.present(part(), k, RegistryTreeInput.problemsUnder(key, registry.problems())))
                .orElseGet(() -> Part.absent(part()));
    }

    @Override
    public boolean covers(Input<?> declared) {
        return RegistryTreeInput.exportCovers(key, declared);
    }

    /**
     * Returns the problems of one value of this key in a snapshot: lines the reader could not decode.
     *
     * @param problems the problems of the key, as the runner gives them; never null
     * @param valueName the value's name; never null
     * @return the problems about that value; never null
     */
    public List<InputProblem> problemsOf(List<InputProblem> problems, String valueName) {
        return problems.stream().filter(p -> p.concerns(Registry.normalize(key), valueName)).toList();
    }
}
