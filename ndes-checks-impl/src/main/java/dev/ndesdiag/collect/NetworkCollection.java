package dev.ndesdiag.collect;

import dev.ndesdiag.api.snapshot.FetchPurpose;
import dev.ndesdiag.api.snapshot.FetchOutcome;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.network.CertificateUrls;
import dev.ndesdiag.network.FetchOptions;
import dev.ndesdiag.network.FetchRequest;
import dev.ndesdiag.network.ScepProbe;
import dev.ndesdiag.network.UrlFetcher;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collector's network steps, run from the server itself: its CRL and AIA URLs and its own SCEP
 * URL, each under one deadline. Plain Java, no Windows call.
 */
final class NetworkCollection {

    /** The files a network step adds to the bundle, and its line in the collection log. */
    record Collected(Map<String, byte[]> files, String detail) {
    }

    private NetworkCollection() {
    }

    /** The My store's certificates and, walking up by issuer name, the CA certificates above them. */
    static List<X509Certificate> certificatesThatMatter(Map<String, List<X509Certificate>> stores) {
        List<X509Certificate> result = new ArrayList<>(stores.getOrDefault("My", List.of()));
        List<X509Certificate> authorities = new ArrayList<>(stores.getOrDefault("CA", List.of()));
        authorities.addAll(stores.getOrDefault("Root", List.of()));
        for (int i = 0; i < result.size(); i++) {
            X509Certificate c = result.get(i);
            if (c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
                continue;
            }
            for (X509Certificate ca : authorities) {
                if (ca.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && !result.contains(ca)) {
                    result.add(ca);
                }
            }
        }
        return result;
    }

    /**
     * Fetches the CDP and AIA URLs of the certificates that matter, under one deadline.
     *
     * @param stores the certificates collected so far, by store
     * @param options the deadline, size limit and proxy
     * @return network/fetches.json and the fetched files
     */
    static Collected fetchCertificateUrls(Map<String, List<X509Certificate>> stores, FetchOptions options) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long start = System.nanoTime();
        List<X509Certificate> certificates = certificatesThatMatter(stores);
        List<FetchRequest> first = new ArrayList<>(CertificateUrls.of(certificates));
        first.addAll(CertificateUrls.ocsp(certificates));
        List<NetworkFetch> fetches = new ArrayList<>(new UrlFetcher(options).fetchAll(first));
        // delta CRLs are named by the base CRLs' Freshest CRL extension: a second round, within the same deadline
        java.time.Duration left = options.deadline().minusNanos(System.nanoTime() - start);
        List<FetchRequest> deltas = CertificateUrls.deltas(baseCrls(fetches), certificates);
        if (!deltas.isEmpty()) {
            // no time left: a 1 ms deadline records each delta as timed out rather than leaving it out
            java.time.Duration budget = left.compareTo(java.time.Duration.ofMillis(1)) < 0 ? java.time.Duration.ofMillis(1) : left;
            fetches.addAll(new UrlFetcher(options.withDeadline(budget)).fetchAll(deltas));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fetches.size(); i++) {
            NetworkFetch f = fetches.get(i);
            String name = f.body().isPresent()
                    ? String.format(java.util.Locale.ROOT, "network/%04d.%s", i + 1, extension(f.purpose()))
                    : null;
            if (name != null) {
                files.put(name, f.body().get().toByteArray());
            }
            names.add(name);
        }
        files.put("network/fetches.json", JsonBytes.write(g -> {
            g.writeStartArray();
            for (int i = 0; i < fetches.size(); i++) {
                NetworkFetch f = fetches.get(i);
                g.writeStartObject();
                g.writeStringField("url", f.url());
                if (f.purpose().isPresent()) {
                    g.writeStringField("purpose", f.purpose().get().wireName());
                }
                g.writeStringField("outcome", f.outcome().wireName());
                JsonBytes.writeInt(g, "httpStatus", f.httpStatus().isPresent() ? f.httpStatus().getAsInt() : null);
                JsonBytes.writeLong(g, "elapsedMs", f.elapsedMs().isPresent() ? f.elapsedMs().getAsLong() : null);
                g.writeStringField("file", names.get(i));
                g.writeStringField("error", f.error().orElse(null));
                JsonBytes.writeOpt(g, "date", f.date().map(Object::toString));
                JsonBytes.writeOpt(g, "fetchedAt", f.fetchedAt().map(Object::toString));
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
        long failed = fetches.stream().filter(f -> f.outcome() != FetchOutcome.OK).count();
        return new Collected(files, fetches.size() + " URLs, " + failed + " not fetched");
    }

    private static String extension(Optional<FetchPurpose> purpose) {
        return purpose.map(p -> switch (p) {
            case CRL, DELTA_CRL -> "crl";
            case OCSP -> "ocsp";
            default -> "cer";
        }).orElse("cer");
    }

    /** The CRLs the first round got, parsed; what does not parse names no delta. */
    private static List<java.security.cert.X509CRL> baseCrls(List<NetworkFetch> fetches) {
        List<java.security.cert.X509CRL> crls = new ArrayList<>();
        for (NetworkFetch f : fetches) {
            if (f.outcome() == FetchOutcome.OK && f.purpose().filter(FetchPurpose.CRL::equals).isPresent() && f.body().isPresent()) {
                try {
                    crls.add((java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCRL(new java.io.ByteArrayInputStream(f.body().get().toByteArray())));
                } catch (java.security.GeneralSecurityException | RuntimeException e) {
                    // not a CRL: the check says so when it reads the file
                }
            }
        }
        return crls;
    }

    /**
     * Probes the SCEP URL as a device would.
     *
     * @param url the mscep.dll URL
     * @param options the deadline, size limit and proxy
     * @return endpoint/probe.json and the bodies
     */
    static Collected probe(URI url, FetchOptions options) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        // the answers are recorded whatever the chain; trust is judged against the machine's Root
        // store (Java's cacerts off Windows) and said in the collection log
        Optional<dev.ndesdiag.network.TrustAnchors> anchors;
        try {
            anchors = Optional.of(dev.ndesdiag.network.TrustAnchors.platformDefault());
        } catch (java.security.GeneralSecurityException e) {
            anchors = Optional.empty();
        }
        ScepProbe probe = new ScepProbe(options);
        List<ProbeResponse> responses;
        Optional<dev.ndesdiag.network.TrustVerdict> trust = Optional.empty();
        if (anchors.isPresent()) {
            ScepProbe.Result result = probe.probe(url, anchors.get(), java.time.Instant.now());
            responses = result.responses();
            trust = result.trust();
        } else {
            responses = probe.probe(url);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            ProbeResponse r = responses.get(i);
            String name = r.body().isPresent() ? String.format(java.util.Locale.ROOT, "endpoint/%02d.body", i + 1) : null;
            if (name != null) {
                files.put(name, r.body().get().toByteArray());
            }
            names.add(name);
        }
        files.put("endpoint/probe.json", JsonBytes.write(g -> {
            List<java.security.cert.X509Certificate> written = List.of();
            g.writeStartObject();
            g.writeArrayFieldStart("requests");
            for (int i = 0; i < responses.size(); i++) {
                ProbeResponse r = responses.get(i);
                g.writeStartObject();
                g.writeStringField("url", r.url());
                JsonBytes.writeInt(g, "httpStatus", r.httpStatus().isPresent() ? r.httpStatus().getAsInt() : null);
                g.writeStringField("contentType", r.contentType().orElse(null));
                JsonBytes.writeLong(g, "elapsedMs", r.elapsedMs().isPresent() ? r.elapsedMs().getAsLong() : null);
                g.writeStringField("bodyFile", names.get(i));
                g.writeStringField("error", r.error().orElse(null));
                if (!r.tlsChain().isEmpty() && !r.tlsChain().equals(written)) {
                    // what the server presented, leaf first (once: every request of a probe shares one
                    // handshake's chain); endpoint-tls-certificate judges it from the bundle
                    written = r.tlsChain();
                    g.writeArrayFieldStart("tlsChain");
                    for (java.security.cert.X509Certificate c : r.tlsChain()) {
                        g.writeString(java.util.Base64.getEncoder().encodeToString(encoded(c)));
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
        return new Collected(files, responses.size() + " requests" + trust.map(v -> "; TLS chain " + v.describe()).orElse(""));
    }

    private static byte[] encoded(java.security.cert.X509Certificate c) throws java.io.IOException {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new java.io.IOException("cannot encode the presented certificate " + c.getSubjectX500Principal(), e);
        }
    }
}
