package dev.ndesdiag.bundle;

import dev.ndesdiag.api.snapshot.Manifest;
import java.io.IOException;
import java.util.Optional;

/** Reads {@code manifest.json}, refusing other formats and newer format versions. */
final class ManifestReader {

    static final String FILE = "manifest.json";
    static final String FORMAT = "ndes-snapshot";
    static final int SUPPORTED_VERSION = 1;

    private ManifestReader() {
    }

    static Manifest read(BundleSource source, BundleLimits limits) throws BundleException {
        Optional<String> file = source.find(FILE);
        if (file.isEmpty()) {
            throw new BundleException("The bundle " + source.describe() + " has no manifest.json at its root "
                    + "(or under one top folder), so it is not an ndes-diag snapshot. Collect it with ndes-diag collect, "
                    + "or add the manifest the snapshot format describes.");
        }
        try {
            JsonDocument json = JsonDocument.object(source.readText(file.get(), 1 << 20));
            String format = json.optString("format").orElse("");
            if (!FORMAT.equals(format)) {
                throw new BundleException("manifest.json says format \"" + format + "\", not \"" + FORMAT
                        + "\": this is not an ndes-diag snapshot bundle.");
            }
            long version = json.optLong("formatVersion").orElseThrow(() ->
                    new InvalidInputException("lacks the whole number \"formatVersion\""));
            if (version > SUPPORTED_VERSION) {
                throw new BundleException("The bundle is snapshot format version " + version
                        + ", newer than this ndes-diag reads (up to " + SUPPORTED_VERSION
                        + "). Update ndes-diag to analyse it.");
            }
            if (version < 1) {
                throw new BundleException("manifest.json has the invalid formatVersion " + version + ".");
            }
            var collectedAt = json.optInstant("collectedAt").orElseThrow(() ->
                    new InvalidInputException("lacks \"collectedAt\", the collection time"));
            Manifest.Host host = Manifest.Host.unknown();
            Optional<JsonDocument> h = json.optObject("host");
            if (h.isPresent()) {
                JsonDocument o = h.get();
                host = new Manifest.Host(o.optString("computerName"), o.optString("fqdn"), o.optString("domain"),
                        o.optString("os"), o.optString("osVersion"), o.optInstant("lastBootAt"),
                        utcOffset(o));
            }
            Optional<Manifest.Collector> collector = Optional.empty();
            Optional<JsonDocument> c = json.optObject("collector");
            if (c.isPresent()) {
                collector = Optional.of(new Manifest.Collector(c.get().optString("name").orElse("unknown"),
                        c.get().optString("version"), c.get().optBoolean("elevated")));
            }
            return new Manifest(format, (int) version, collectedAt, host, json.optString("externalUrl"), collector);
        } catch (IOException e) {
            throw new BundleException("manifest.json of " + source.describe() + " cannot be read: " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw new BundleException("manifest.json of " + source.describe() + " " + e.getMessage()
                    + ". Fix or re-collect the manifest.", e);
        }
    }

    /** {@code host.utcOffsetMinutes}: UTC-14:00 to UTC+14:00 are the offsets that exist; anything else is ignored. */
    private static java.util.OptionalInt utcOffset(JsonDocument host) {
        try {
            java.util.OptionalInt minutes = host.optInt("utcOffsetMinutes");
            return minutes.isPresent() && Math.abs(minutes.getAsInt()) <= 14 * 60 ? minutes : java.util.OptionalInt.empty();
        } catch (InvalidInputException e) {
            return java.util.OptionalInt.empty(); // an optional hint; a wrong type does not refuse the bundle
        }
    }
}
