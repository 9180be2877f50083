package dev.ndesdiag.bundle;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.api.snapshot.Logs;
import dev.ndesdiag.api.snapshot.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/** Lists {@code logs/**}; each log is opened as a stream when a check reads it, never loaded whole. */
final class LogsReader {

    private LogsReader() {
    }

    private record BundleLogFile(BundleSource source, String path, long size) implements LogFile {
        @Override
        public InputStream open() throws IOException {
            return source.open(path);
        }
    }

    static Part<Logs> read(BundleSource source) {
        List<LogFile> files = source.files().entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).startsWith("logs/"))
                .map(e -> (LogFile) new BundleLogFile(source, e.getKey(), e.getValue()))
                .toList();
        boolean folder = source.folders().stream().anyMatch(f -> f.equalsIgnoreCase("logs/"));
        if (files.isEmpty() && !folder) {
            return Part.absent(SnapshotPart.LOGS);
        }
        return Part.present(SnapshotPart.LOGS, new Logs(files));
    }
}
