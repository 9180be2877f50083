package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.SystemInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code system.json}: services, application pools and features. */
final class SystemReader {

    static final String FILE = "system.json";

    private SystemReader() {
    }

    static Part<SystemInfo> read(BundleSource source, BundleLimits limits) {
        Optional<String> file = source.find(FILE);
        if (file.isEmpty()) {
            return Part.absent(SnapshotPart.SYSTEM);
        }
        try {
            JsonDocument root = JsonDocument.object(source.readText(file.get(), limits.maxDocumentBytes()));
            List<SystemInfo.Service> services = new ArrayList<>();
            for (JsonDocument s : root.objects("services")) {
                services.add(new SystemInfo.Service(s.string("name"), s.optString("status").orElse("Unknown"),
                        s.optString("startType"), s.optString("account"), s.optInstant("startedAt")));
            }
            List<SystemInfo.AppPool> pools = new ArrayList<>();
            for (JsonDocument p : root.objects("appPools")) {
                pools.add(new SystemInfo.AppPool(p.string("name"), p.optString("state").orElse("Unknown")));
            }
            return Part.present(SnapshotPart.SYSTEM, new SystemInfo(services, pools, root.strings("features")));
        } catch (IOException e) {
            return unreadable(file.get(), "cannot be read: " + e.getMessage());
        } catch (InvalidInputException e) {
            return unreadable(file.get(), e.getMessage());
        }
    }

    private static Part<SystemInfo> unreadable(String file, String message) {
        return Part.unreadable(SnapshotPart.SYSTEM, List.of(InputProblem.of(SnapshotPart.SYSTEM, file, message)));
    }
}
