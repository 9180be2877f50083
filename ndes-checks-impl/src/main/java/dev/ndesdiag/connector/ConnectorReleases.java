package dev.ndesdiag.connector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The releases of the Certificate Connector for Microsoft Intune and Microsoft's support window,
 * from the resource {@code connector-releases.json} (copied from Microsoft Learn, URL in the file):
 * "Intune supports each connector release for six months after it's released."
 *
 * @param source where the release list comes from
 * @param lifecycle where the support rule is written
 * @param supportMonths how long a release is supported after its release date
 * @param asOf the date of the newest release the list knows
 * @param releases newest first
 */
public record ConnectorReleases(String source, String lifecycle, int supportMonths, LocalDate asOf, List<Release> releases) {

    /** One release. */
    public record Release(ConnectorVersion version, LocalDate released) {
    }

    /** Copies and sorts the components. */
    public ConnectorReleases {
        List<Release> sorted = new ArrayList<>(releases);
        sorted.sort(Comparator.comparing(Release::version).reversed());
        releases = List.copyOf(sorted);
    }

    /** @return the list shipped with ndes-diag, read from the jar once */
    public static ConnectorReleases shipped() {
        return Shipped.LIST;
    }

    /** Holds the shipped list, read when first asked for. */
    private static final class Shipped {
        private static final ConnectorReleases LIST = read();
    }

    private static ConnectorReleases read() {
        try (InputStream in = ConnectorReleases.class.getResourceAsStream("connector-releases.json")) {
            if (in == null) {
                throw new IllegalStateException("connector-releases.json is missing from the jar");
            }
            java.util.Map<String, String> fields = new java.util.HashMap<>();
            List<Release> releases = new ArrayList<>();
            try (JsonParser p = new JsonFactory().createParser(in)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (p.nextToken() == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            java.util.Map<String, String> r = new java.util.HashMap<>();
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String k = p.currentName();
                                p.nextToken();
                                r.put(k, p.getValueAsString());
                            }
                            releases.add(new Release(ConnectorVersion.parse(r.get("version")).orElseThrow(),
                                    LocalDate.parse(r.get("released"))));
                        }
                    } else {
                        fields.put(name, p.getValueAsString());
                    }
                }
            }
            return new ConnectorReleases(fields.get("source"), fields.get("lifecycle"),
                    Integer.parseInt(fields.get("supportMonths")), LocalDate.parse(fields.get("asOf")), releases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the newest release the list knows */
    public Release newest() {
        return releases.get(0);
    }

    /**
     * The release a version belongs to: the newest listed release not newer than it.
     *
     * @param version the installed version; never null
     * @return the release, or empty when the version is older than every listed release
     */
    public Optional<Release> releaseOf(ConnectorVersion version) {
        return releases.stream().filter(r -> r.version().compareTo(version) <= 0).findFirst();
    }

    /**
     * When a release's support ends.
     *
     * @param release the release; never null
     * @return the first instant it is no longer supported (UTC midnight)
     */
    public Instant supportEnds(Release release) {
        return release.released().plusMonths(supportMonths).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
