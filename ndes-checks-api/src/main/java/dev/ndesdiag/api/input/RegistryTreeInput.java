package dev.ndesdiag.api.input;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.util.List;
import java.util.Objects;

/**
 * A registry key with everything below it, as {@code reg export} writes it: present when the
 * snapshot holds the key or any key below it. The check gets the merged registry; problems are
 * those of lines inside the tree.
 *
 * @param key the root of the tree, such as {@code HKLM\SOFTWARE\Microsoft\Cryptography\MSCEP}; never null
 * @param file the name of its export in the bundle, such as {@code mscep.reg}; never null
 * @since 0.2.0
 */
public record RegistryTreeInput(String key, String file) implements Input<Registry>, RegistryExport {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when the key is no {@code HK...} path or the file no bare {@code .reg} name
     *     (the two given the other way round)
     */
    public RegistryTreeInput {
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
        return regExport(key, file);
    }

    @Override
    public Part<Registry> find(Snapshot snapshot) {
        Part<Registry> registry = snapshot.registry();
        if (!registry.isPresent()) {
            return registry;
        }
        Registry r = registry.value().orElseThrow();
        return r.holdsTree(key) ? Part.present(part(), r, problemsUnder(key, registry.problems())) : Part.absent(part());
    }

    @Override
    public boolean covers(Input<?> declared) {
        return exportCovers(key, declared);
    }

    static String regExport(String key, String file) {
        return "reg export \"" + key + "\" registry\\" + file + " /y";
    }

    /** An export of {@code key} holds a declared registry input at or below it. */
    static boolean exportCovers(String key, Input<?> declared) {
        if (!(declared instanceof RegistryExport export)) {
            return false;
        }
        String root = Registry.normalize(key);
        String wanted = Registry.normalize(export.key());
        return wanted.equals(root) || wanted.startsWith(root + "\\");
    }

    static List<InputProblem> problemsUnder(String key, List<InputProblem> problems) {
        String root = Registry.normalize(key);
        return problems.stream().filter(p -> p.subject().map(s -> {
            String element = Registry.normalize(s.element());
            return element.equals(root) || element.startsWith(root + "\\");
        }).orElse(false)).toList();
    }

    /** A key path starts with its hive ({@code HKLM}, {@code HKEY_LOCAL_MACHINE}...), an export is a bare {@code .reg} name. */
    static void requireKeyAndFile(String key, String file) {
        if (!key.regionMatches(true, 0, "HK", 0, 2)) {
            throw new IllegalArgumentException("registry key '" + key + "' does not start with its hive (HKLM\\...)"
                    + (file.regionMatches(true, 0, "HK", 0, 2) ? "; are the key and the file swapped?" : ""));
        }
        if (!file.toLowerCase(java.util.Locale.ROOT).endsWith(".reg") || file.contains("\\") || file.contains("/")) {
            throw new IllegalArgumentException("registry export '" + file + "' of " + key
                    + " is not a file name ending in .reg (it is stored as registry/<file>)");
        }
    }
}
