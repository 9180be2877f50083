package dev.ndesdiag.connector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code commands/connector-endpoints.txt} as {@link EndpointProbe} writes it.
 *
 * @param proxy the proxy the probe went through, when any
 * @param endpoints one entry per endpoint
 * @param crls the fetches of the presented chains' CRLs; empty when the report records none (older reports)
 */
public record EndpointReport(Optional<String> proxy, List<Entry> endpoints, Optional<List<CrlFetch>> crls) {

    /**
     * One CRL fetch.
     *
     * @param url the URL
     * @param outcome the outcome, as {@code network/fetches.json} writes it ({@code ok}, {@code http-error}, ...)
     * @param httpStatus the HTTP status, when there was an answer
     * @param error what went wrong, when something did
     */
    public record CrlFetch(String url, String outcome, Optional<Integer> httpStatus, Optional<String> error) {
        /** @return whether the CRL arrived */
        public boolean ok() {
            return outcome.equals("ok");
        }
    }

    /**
     * Creates a report without CRL fetches.
     *
     * @param proxy the proxy
     * @param endpoints the endpoints
     */
    public EndpointReport(Optional<String> proxy, List<Entry> endpoints) {
        this(proxy, endpoints, Optional.empty());
    }

    /** One step's outcome. */
    public record Step(String outcome, Optional<String> error) {
        /** @return whether it succeeded */
        public boolean ok() {
            return outcome.equals("ok");
        }
    }

    /**
     * One endpoint.
     *
     * @param host the endpoint's host
     * @param port its port
     * @param via {@code direct} or {@code proxy}
     * @param dns name resolution (of the proxy when via the proxy)
     * @param tcp the TCP connection (to the proxy when via the proxy)
     * @param tls the tunnel and TLS handshake
     * @param chain the certificates presented, leaf first
     */
    public record Entry(String host, int port, String via, Step dns, Step tcp, Step tls, List<X509Certificate> chain) {
    }

    /** Copies the components. */
    public EndpointReport {
        endpoints = List.copyOf(endpoints);
        crls = crls.map(List::copyOf);
    }

    /**
     * Parses the report.
     *
     * @param text the JSON; never null
     * @return the report
     * @throws IllegalArgumentException naming what is wrong, when the text is not such a report
     */
    @SuppressWarnings("unchecked")
    public static EndpointReport parse(String text) {
        Object root = tree(text);
        if (!(root instanceof Map<?, ?> m) || !(m.get("endpoints") instanceof List<?> list)) {
            throw new IllegalArgumentException("not a connector endpoint report: no \"endpoints\" array");
        }
        List<Entry> entries = new ArrayList<>();
        // the endpoints of one service present the same chain: each certificate is decoded once
        Map<String, X509Certificate> decoded = new java.util.HashMap<>();
        for (Object o : list) {
            Map<String, Object> e = (Map<String, Object>) o;
            Map<String, Object> tls = map(e.get("tls"));
            List<X509Certificate> chain = new ArrayList<>();
            for (Object c : tls.get("chain") instanceof List<?> l ? l : List.of()) {
                chain.add(decoded.computeIfAbsent(String.valueOf(c), EndpointReport::certificate));
            }
            entries.add(new Entry(String.valueOf(e.get("host")), ((Number) e.getOrDefault("port", 443)).intValue(),
                    String.valueOf(e.getOrDefault("via", "direct")), step(e.get("dns")), step(e.get("tcp")), step(tls), chain));
        }
        Optional<List<CrlFetch>> crls = Optional.empty();
        if (m.get("crls") instanceof List<?> fetched) {
            List<CrlFetch> all = new ArrayList<>();
            for (Object o : fetched) {
                Map<String, Object> f = map(o);
                all.add(new CrlFetch(String.valueOf(f.get("url")), String.valueOf(f.getOrDefault("outcome", "error")),
                        f.get("httpStatus") instanceof Number n ? Optional.of(n.intValue()) : Optional.empty(),
                        Optional.ofNullable(f.get("error")).map(String::valueOf)));
            }
            crls = Optional.of(all);
        }
        return new EndpointReport(Optional.ofNullable(m.get("proxy")).map(String::valueOf), entries, crls);
    }

    private static Step step(Object o) {
        Map<String, Object> m = map(o);
        return new Step(String.valueOf(m.getOrDefault("outcome", "not-run")), Optional.ofNullable(m.get("error")).map(String::valueOf));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("expected an object, found " + o);
    }

    private static X509Certificate certificate(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a presented certificate is not DER in base64: " + e.getMessage(), e);
        }
    }

    /** Made once: a factory holds only its settings and symbol tables, and serves every thread. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(1 << 20).build()).build();

    private static Object tree(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            p.nextToken();
            return value(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("unexpected end");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    m.put(k, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }
}
