package dev.ndesdiag.api.snapshot;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * CertificateStores holds the certificates of the LocalMachine stores the bundle contains,
 * by store name, case-insensitive ({@code My}, {@code Root}, {@code CA}).
 *
 * <p>A store that is in the map was collected (it may be empty); a store that is not was not collected.
 *
 * @since 0.1.0
 */
public final class CertificateStores {

    private final Map<String, List<StoredCertificate>> stores;

    /**
     * Creates the stores.
     *
     * @param stores certificates by store name; never null
     */
    public CertificateStores(Map<String, List<StoredCertificate>> stores) {
        Map<String, List<StoredCertificate>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        stores.forEach((name, certs) -> map.put(name, List.copyOf(certs)));
        this.stores = Collections.unmodifiableMap(map);
    }

    /**
     * Returns the certificates of one store.
     *
     * @param name the store name, such as {@code Root}; never null
     * @return the certificates, or empty when the store was not collected
     */
    public Optional<List<StoredCertificate>> store(String name) {
        return Optional.ofNullable(stores.get(name));
    }

    /**
     * Returns the names of the collected stores.
     *
     * @return the names; never null
     */
    public Set<String> storeNames() {
        return stores.keySet();
    }

    /**
     * Finds a certificate by thumbprint in any store, ignoring case, spaces and colons.
     *
     * @param thumbprint the SHA-1 thumbprint; never null
     * @return the first match, or empty
     */
    public Optional<StoredCertificate> byThumbprint(String thumbprint) {
        StringBuilder kept = new StringBuilder(thumbprint.length()); // as replaceAll("[\\s:]", "")
        for (int i = 0; i < thumbprint.length(); i++) {
            char c = thumbprint.charAt(i);
            if (c != ':' && c != ' ' && (c < '\t' || c > '\r')) {
                kept.append(c);
            }
        }
        String wanted = kept.toString().toUpperCase(Locale.ROOT);
        return stores.values().stream().flatMap(List::stream)
                .filter(c -> c.thumbprint().equals(wanted)).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateStores s && stores.equals(s.stores);
    }

    @Override
    public int hashCode() {
        return stores.hashCode();
    }
}
