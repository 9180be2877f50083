package dev.ndesdiag.bundle;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.SystemInfo;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code system.json}: services, application pools and features. */
final class SystemReader {

    static final String FILE = "system.json";

    private SystemReader() {
    }

    static Part<SystemInfo> read(BundleSource source, BundleLimits limits) {
        return JsonPart.read(source, limits, FILE, SnapshotPart.SYSTEM, (json, file, problems) -> {
            JsonDocument root = JsonDocument.of(json, "the document");
            List<SystemInfo.Service> services = new ArrayList<>();
            for (JsonDocument s : root.objects("services")) {
                services.add(new SystemInfo.Service(s.string("name"), s.optString("status").orElse("Unknown"),
                        s.optString("startType"), s.optString("account"), s.optInstant("startedAt")));
            }
            List<SystemInfo.AppPool> pools = new ArrayList<>();
            for (JsonDocument p : root.objects("appPools")) {
                pools.add(new SystemInfo.AppPool(p.string("name"), p.optString("state").orElse("Unknown")));
            }
            return new SystemInfo(services, pools, root.strings("features"));
        });
    }
}
