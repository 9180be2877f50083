package dev.ndesdiag.network;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The CA certificates a TLS chain is judged against, and where they came from. The probe records
 * the HTTP answer whatever the chain; trust is judged separately with these anchors, so an NDES
 * server whose TLS certificate comes from the internal CA is not reported unreachable only because
 * Java's {@code cacerts} does not know that CA.
 */
public final class TrustAnchors {

    /** Where the anchors came from; the report says which was used. */
    public enum Source {
        /** LocalMachine\Root of the Windows machine the tool runs on, read through SunMSCAPI. */
        WINDOWS_MACHINE_ROOT,
        /** A file of CA certificates given with {@code --trust}. */
        FILE,
        /** The {@code certs/Root} store of a snapshot bundle. */
        BUNDLE_ROOT_STORE,
        /** Java's own {@code cacerts}: public CAs only. */
        JAVA_CACERTS
    }

    /** The largest trust file read: a few hundred CA certificates. */
    static final long MAX_FILE_BYTES = 4L << 20;

    private final Source source;
    private final String description;
    private final Set<TrustAnchor> anchors;

    private TrustAnchors(Source source, String description, Collection<X509Certificate> certificates) {
        this.source = source;
        this.description = description;
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : certificates) {
            set.add(new TrustAnchor(c, null));
        }
        this.anchors = Collections.unmodifiableSet(set);
    }

    /**
     * Reads CA certificates from a file: PEM (one or many {@code BEGIN CERTIFICATE} blocks) or DER.
     *
     * @param file the file; never null
     * @return the anchors; never null
     * @throws IOException when the file cannot be read, is too large or holds no certificate
     */
    public static TrustAnchors fromFile(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB; give a file of CA certificates");
        }
        byte[] bytes = Files.readAllBytes(file);
        List<X509Certificate> certs = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certs.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IOException(file + " holds no readable certificate (PEM or DER): " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IOException(file + " holds no certificate (PEM or DER)");
        }
        return new TrustAnchors(Source.FILE, file.toString(), certs);
    }

    /**
     * Anchors from certificates already in hand, such as a bundle's {@code certs/Root} store.
     *
     * @param certificates the CA certificates; never null
     * @return the anchors; never null
     */
    public static TrustAnchors bundleRootStore(Collection<X509Certificate> certificates) {
        return new TrustAnchors(Source.BUNDLE_ROOT_STORE, "the bundle's certs/Root store", certificates);
    }

    /**
     * Java's default trust store, {@code cacerts}.
     *
     * @return the anchors; never null
     * @throws GeneralSecurityException when the JDK has no usable default trust manager
     */
    public static TrustAnchors javaCacerts() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return new TrustAnchors(Source.JAVA_CACERTS, "Java's cacerts", List.of(x.getAcceptedIssuers()));
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }

    /**
     * LocalMachine\Root on Windows: {@code Windows-ROOT-LOCALMACHINE} on JDK 19 and later
     * (JDK-6782021, https://github.com/openjdk/jdk/pull/8211); on 17 and 18 only the current user's
     * {@code Windows-ROOT} exists (SunMSCAPI opens it with CertOpenSystemStore), whose view includes
     * the machine's roots.
     *
     * @param javaFeature the running Java's feature version ({@code Runtime.version().feature()})
     * @return the anchors, or empty when not on Windows or the store cannot be read
     */
    public static Optional<TrustAnchors> windowsMachineRoot(int javaFeature) {
        String type = storeTypeFor(javaFeature);
        try {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(null, null);
            List<X509Certificate> certs = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) instanceof X509Certificate c) {
                    certs.add(c);
                }
            }
            return Optional.of(new TrustAnchors(Source.WINDOWS_MACHINE_ROOT, type, certs));
        } catch (GeneralSecurityException | IOException e) {
            return Optional.empty();
        }
    }

    /** The SunMSCAPI store type that holds the machine's roots on this Java. */
    static String storeTypeFor(int javaFeature) {
        return javaFeature >= 19 ? "Windows-ROOT-LOCALMACHINE" : "Windows-ROOT";
    }

    /**
     * The anchors to judge by when none were given: the machine's Root store on Windows, else
     * Java's {@code cacerts}.
     *
     * @return the anchors; never null
     * @throws GeneralSecurityException when neither can be read
     */
    public static TrustAnchors platformDefault() throws GeneralSecurityException {
        String os = System.getProperty("os.name", "");
        if (os.toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
            Optional<TrustAnchors> machine = windowsMachineRoot(Runtime.version().feature());
            if (machine.isPresent()) {
                return machine.get();
            }
        }
        return javaCacerts();
    }

    /** @return where the anchors came from */
    public Source source() {
        return source;
    }

    /** @return the file, store or bundle part, for the report */
    public String description() {
        return description;
    }

    /** @return how many CA certificates there are */
    public int size() {
        return anchors.size();
    }

    /**
     * Judges a chain as a TLS client would, at a given time, without revocation checking (the CRL
     * checks judge revocation).
     *
     * @param chain the server's chain, leaf first; never null
     * @param at the time to judge at; never null
     * @return the verdict; never null
     */
    public TrustVerdict judge(List<X509Certificate> chain, Instant at) {
        if (chain.isEmpty()) {
            return new TrustVerdict(false, this, Optional.of("the server presented no certificate"));
        }
        if (anchors.isEmpty()) {
            return new TrustVerdict(false, this, Optional.of(description + " holds no CA certificate"));
        }
        try {
            List<X509Certificate> path = new ArrayList<>(chain);
            // a server may send its root too; the path ends below the anchor
            while (path.size() > 1 && isAnchor(path.get(path.size() - 1))) {
                path.remove(path.size() - 1);
            }
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path),
                    params);
            return new TrustVerdict(true, this, Optional.empty());
        } catch (CertPathValidatorException e) {
            return new TrustVerdict(false, this, Optional.of(reason(e)));
        } catch (GeneralSecurityException e) {
            return new TrustVerdict(false, this, Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private boolean isAnchor(X509Certificate c) {
        return anchors.stream().anyMatch(a -> a.getTrustedCert().equals(c));
    }

    private static String reason(CertPathValidatorException e) {
        String why = e.getReason() == CertPathValidatorException.BasicReason.UNSPECIFIED || e.getReason() == null
                ? "" : e.getReason().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": ";
        return why + e.getMessage();
    }
}
