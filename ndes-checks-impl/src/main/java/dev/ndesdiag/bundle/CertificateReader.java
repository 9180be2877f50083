package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code certs/<Store>/<THUMBPRINT>.cer} (DER or PEM) and the optional {@code .json} key
 * sidecars. The thumbprint is computed from the certificate; a file name that disagrees, a
 * truncated or garbage file and a broken sidecar each become a problem naming the file.
 */
final class CertificateReader {

    private static final int MAX_CERT_BYTES = 1 << 20;

    private CertificateReader() {
    }

    static Part<CertificateStores> read(BundleSource source) {
        return read(source, BundleLimits.defaults());
    }

    static Part<CertificateStores> read(BundleSource source, BundleLimits limits) {
        Map<String, List<StoredCertificate>> stores = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String folder : source.folders()) {
            String[] parts = folder.split("/");
            if (parts.length == 2 && parts[0].equalsIgnoreCase("certs")) {
                stores.putIfAbsent(parts[1], new ArrayList<>());
            }
        }
        ProblemBudget budget = new ProblemBudget(limits.maxProblemsPerFile());
        List<InputProblem> problems = new ProblemList(budget);
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        for (String file : source.files().keySet()) {
            String[] parts = file.split("/");
            if (parts.length != 3 || !parts[0].equalsIgnoreCase("certs")) {
                continue;
            }
            String lower = parts[2].toLowerCase(Locale.ROOT);
            if (!(lower.endsWith(".cer") || lower.endsWith(".crt") || lower.endsWith(".pem"))) {
                continue;
            }
            List<StoredCertificate> store = stores.computeIfAbsent(parts[1], k -> new ArrayList<>());
            readOne(source, factory, file, parts[1], parts[2], problems).ifPresent(store::add);
        }
        if (stores.isEmpty()) {
            return Part.absent(SnapshotPart.CERTIFICATES);
        }
        return Part.present(SnapshotPart.CERTIFICATES, new CertificateStores(stores), budget.problems());
    }

    private static Optional<StoredCertificate> readOne(BundleSource source, CertificateFactory factory, String file,
            String store, String name, List<InputProblem> problems) {
        X509Certificate cert;
        try {
            byte[] bytes = source.readAll(file, MAX_CERT_BYTES);
            if (bytes.length == 0) {
                problems.add(InputProblem.of(SnapshotPart.CERTIFICATES, file, "is empty, not a certificate"));
                return Optional.empty();
            }
            cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            problems.add(InputProblem.of(SnapshotPart.CERTIFICATES, file, "cannot be read: " + e.getMessage()));
            return Optional.empty();
        } catch (CertificateException | RuntimeException e) {
            problems.add(InputProblem.of(SnapshotPart.CERTIFICATES, file,
                    "is not a readable X.509 certificate (truncated, or not DER/PEM): " + e.getMessage()));
            return Optional.empty();
        } catch (StackOverflowError e) {
            problems.add(InputProblem.of(SnapshotPart.CERTIFICATES, file,
                    "is not a readable X.509 certificate: its ASN.1 is nested too deeply to parse (a nested-DER bomb?); "
                            + "the other certificates were read"));
            return Optional.empty();
        } catch (OutOfMemoryError e) {
            problems.add(InputProblem.of(SnapshotPart.CERTIFICATES, file,
                    "could not be read: parsing it ran out of memory; the other certificates were read"));
            return Optional.empty();
        }
        String thumbprint;
        try {
            thumbprint = StoredCertificate.thumbprintOf(cert);
        } catch (IllegalArgumentException e) {
            problems.add(InputProblem.of(SnapshotPart.CERTIFICATES, file, "cannot be hashed: " + e.getMessage()));
            return Optional.empty();
        }
        String base = name.substring(0, name.lastIndexOf('.'));
        if (!base.equalsIgnoreCase(thumbprint)) {
            problems.add(InputProblem.of(SnapshotPart.CERTIFICATES, file, "is named " + base
                    + " but the certificate's SHA-1 thumbprint is " + thumbprint
                    + "; the certificate is analysed under its real thumbprint"));
        }
        Optional<PrivateKeyInfo> key = readSidecar(source, file.substring(0, file.lastIndexOf('.')) + ".json", problems);
        return Optional.of(new StoredCertificate(store, file, thumbprint, cert, key));
    }

    private static Optional<PrivateKeyInfo> readSidecar(BundleSource source, String wanted, List<InputProblem> problems) {
        Optional<String> file = source.find(wanted);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonDocument json = JsonDocument.object(source.readText(file.get(), MAX_CERT_BYTES));
            return Optional.of(new PrivateKeyInfo(
                    json.optBoolean("hasPrivateKey").orElse(false),
                    json.optString("keyStorage"),
                    json.optString("keyProvider"),
                    json.optString("keyContainer"),
                    json.optString("keyFile"),
                    json.optString("keyFileSddl"),
                    json.optString("friendlyName"),
                    json.optBoolean("archived").orElse(false),
                    json.optBoolean("keyOpens"),
                    json.optString("keyError")));
        } catch (IOException e) {
            problems.add(InputProblem.of(SnapshotPart.CERTIFICATES, file.get(), "cannot be read: " + e.getMessage()));
        } catch (InvalidInputException e) {
            problems.add(InputProblem.of(SnapshotPart.CERTIFICATES, file.get(), e.getMessage()));
        }
        return Optional.empty();
    }
}
