package dev.ndesdiag.api.input;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One LocalMachine certificate store: present when {@code certs/<store>/} is in the bundle (an
 * empty store is present and empty). The check gets the store's certificates; problems are those
 * of the store's files.
 *
 * @param store the store's name, such as {@code My} or {@code Root}; never null
 * @since 0.2.0
 */
public record CertificateStoreInput(String store) implements Input<List<StoredCertificate>> {

    /** Validates the components. */
    public CertificateStoreInput {
        Objects.requireNonNull(store, "store");
    }

    @Override
    public SnapshotPart part() {
        return SnapshotPart.CERTIFICATES;
    }

    @Override
    public String what() {
        return "the LocalMachine\\" + store + " store (certs/" + store + "/)";
    }

    @Override
    public String collectCommand() {
        return "Get-ChildItem Cert:\\LocalMachine\\" + store + " | ForEach-Object { Export-Certificate -Cert $_ "
                + "-FilePath \"certs\\" + store + "\\$($_.Thumbprint).cer\" -Type CERT }"
                + ("My".equalsIgnoreCase(store) ? " (and the .json key sidecars)" : "");
    }

    @Override
    public Part<List<StoredCertificate>> find(Snapshot snapshot) {
        Part<CertificateStores> stores = snapshot.certificates();
        if (!stores.isPresent()) {
            return stores.notPresent();
        }
        Optional<List<StoredCertificate>> certs = stores.value().orElseThrow().store(store);
        String prefix = "certs/" + store.toLowerCase(Locale.ROOT) + "/";
        List<InputProblem> mine = stores.problems().stream()
                .filter(p -> p.file().toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
        return certs.map(c -> Part.present(part(), c, mine)).orElseGet(() -> Part.absent(part()));
    }

    @Override
    public boolean covers(Input<?> declared) {
        return declared instanceof CertificateStoreInput other && other.store.equalsIgnoreCase(store);
    }
}
