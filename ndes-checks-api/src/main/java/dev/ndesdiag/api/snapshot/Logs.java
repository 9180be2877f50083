package dev.ndesdiag.api.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * Logs holds the log files of a snapshot in path order.
 *
 * @param files the logs; never null
 * @since 0.1.0
 */
public record Logs(List<LogFile> files) {

    /** Copies the components. */
    public Logs {
        files = List.copyOf(files);
    }

    /**
     * Finds a log by its path inside the bundle, ignoring case.
     *
     * @param path such as {@code logs/NDESPlugin.log}; never null
     * @return the log, or empty
     */
    public Optional<LogFile> file(String path) {
        return files.stream().filter(f -> f.path().equalsIgnoreCase(path)).findFirst();
    }

    /**
     * Returns the logs under a folder of the bundle, such as {@code logs/iis/}.
     *
     * @param prefix the folder, ending in {@code /}; never null
     * @return the logs; never null
     */
    public List<LogFile> under(String prefix) {
        String p = prefix.toLowerCase(java.util.Locale.ROOT);
        return files.stream().filter(f -> f.path().toLowerCase(java.util.Locale.ROOT).startsWith(p)).toList();
    }
}
