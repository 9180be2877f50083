package dev.ndesdiag.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Turns the paths of {@code check --snapshot A.zip B.zip DIR ...} into bundles: a file is one bundle;
 * a folder with a {@code manifest.json} is one bundle; any other folder that holds bundles ({@code .zip}
 * files or folders with a {@code manifest.json}) means every bundle directly in it, by name; a folder
 * with neither is one (incomplete) bundle, as a single {@code --snapshot} always treated it.
 */
public final class FleetInputs {

    private FleetInputs() {
    }

    /**
     * Expands the paths into bundles, in the order given, a folder's bundles sorted by name.
     *
     * @param paths the command line's paths; never null
     * @return the bundles; never null
     * @throws IOException when a folder cannot be listed
     */
    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            List<Path> inside = bundlesIn(p);
            if (inside.isEmpty()) {
                out.add(p);
            } else {
                out.addAll(inside);
            }
        }
        return out;
    }

    /**
     * Tells whether the paths are a fleet: more than one path, or one folder of bundles.
     *
     * @param paths the command line's paths; never null
     * @return true when the run must summarise several servers
     * @throws IOException when a folder cannot be listed
     */
    public static boolean isFleet(List<Path> paths) throws IOException {
        return paths.size() > 1 || paths.size() == 1 && !bundlesIn(paths.get(0)).isEmpty();
    }

    private static List<Path> bundlesIn(Path p) throws IOException {
        if (!Files.isDirectory(p) || Files.isRegularFile(p.resolve("manifest.json"))) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(p)) {
            return children.filter(FleetInputs::isBundle).sorted().toList();
        }
    }

    private static boolean isBundle(Path child) {
        if (Files.isDirectory(child)) {
            return Files.isRegularFile(child.resolve("manifest.json"));
        }
        return Files.isRegularFile(child) && child.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }
}
