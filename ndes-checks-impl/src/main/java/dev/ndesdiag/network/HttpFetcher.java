package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.FetchOutcome;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.history.OwnProbe;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/** Fetches one http or https URL with Apache HttpClient 5, classifying every failure. */
final class HttpFetcher {

    private final FetchOptions options;
    private final boolean anyChain;

    HttpFetcher(FetchOptions options) {
        this(options, false);
    }

    private HttpFetcher(FetchOptions options, boolean anyChain) {
        this.options = options;
        this.anyChain = anyChain;
    }

    /**
     * A fetcher for the SCEP probe: it accepts any TLS chain and name, so that the HTTP answer is
     * recorded whatever the certificate; the probe judges trust separately ({@link TrustAnchors}).
     */
    static HttpFetcher acceptingAnyChain(FetchOptions options) {
        // a device does not use the server's WinHTTP proxy rules: only an explicit --proxy applies
        return new HttpFetcher(new FetchOptions(options.deadline(), options.maxBytes(), options.maxRedirects(),
                options.proxy()), true);
    }

    /** What one GET gave: a status with content type and body, or a failure outcome with its error. */
    record Exchange(OptionalInt status, Optional<String> contentType, Optional<byte[]> body, boolean oversized,
            Optional<FetchOutcome> failureOutcome, Optional<String> error, long elapsedMs,
            Optional<java.time.Instant> date, Optional<java.time.Instant> receivedAt) {
    }

    /** The Date header (RFC 9110 IMF-fixdate), when there is one that parses. */
    static Optional<java.time.Instant> date(org.apache.hc.core5.http.HttpResponse response) {
        org.apache.hc.core5.http.Header h = response.getFirstHeader("Date");
        if (h == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.ZonedDateTime.parse(h.getValue().strip(),
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Performs one GET under the remaining time; never throws. */
    Exchange get(String url, long remainingMillis) {
        long start = System.nanoTime();
        Timeout timeout = Timeout.ofMilliseconds(Math.max(remainingMillis, 1));
        RequestConfig config = RequestConfig.custom().setResponseTimeout(timeout).setConnectionRequestTimeout(timeout)
                .setMaxRedirects(options.maxRedirects()).setRedirectsEnabled(true).build();
        ConnectionConfig connection = ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build();
        var connections = PoolingHttpClientConnectionManagerBuilder.create().setDefaultConnectionConfig(connection);
        if (anyChain) {
            connections.setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(ProbeTls.acceptingAnyChain())
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                    .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT).buildClassic());
        }
        var builder = HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultRequestConfig(config)
                .disableAutomaticRetries()
                .disableCookieManagement()
                // the probe identifies itself, so that log analysis sets its requests aside (snapshot format, endpoint/)
                .setUserAgent(OwnProbe.userAgent(NdesDiag.version()));
        try {
            options.proxyFor(URI.create(url)).ifPresent(p -> builder.setProxy(HttpHost.create(p)));
        } catch (IllegalArgumentException e) {
            // not a URI: the GET below fails with the reason
        }
        try (CloseableHttpClient client = builder.build()) {
            return client.execute(new HttpGet(URI.create(url)), response -> {
                HttpEntity entity = response.getEntity();
                byte[] body = new byte[0];
                if (entity != null) {
                    try (InputStream in = entity.getContent()) {
                        body = in.readNBytes(options.maxBytes() + 1);
                    }
                }
                boolean oversized = body.length > options.maxBytes();
                return new Exchange(OptionalInt.of(response.getCode()),
                        Optional.ofNullable(entity == null ? null : entity.getContentType()),
                        oversized ? Optional.empty() : Optional.of(body), oversized, Optional.empty(),
                        Optional.of("HTTP " + response.getCode() + " " + response.getReasonPhrase()), elapsed(start),
                        date(response), Optional.of(java.time.Instant.now()));
            });
        } catch (IOException | RuntimeException e) {
            NetworkFetch f = failure(new FetchRequest(url, Optional.empty()), e, elapsed(start));
            return new Exchange(OptionalInt.empty(), Optional.empty(), Optional.empty(), false, Optional.of(f.outcome()),
                    f.error(), elapsed(start), Optional.empty(), Optional.empty());
        }
    }

    NetworkFetch fetch(FetchRequest request, long remainingMillis) {
        Exchange x = get(request.url(), remainingMillis);
        NetworkFetch f = judge(request, x);
        return new NetworkFetch(f.url(), f.purpose(), f.outcome(), f.httpStatus(), f.elapsedMs(), f.file(), f.body(), f.error(),
                x.date(), x.receivedAt());
    }

    private NetworkFetch judge(FetchRequest request, Exchange x) {
        if (x.failureOutcome().isPresent()) {
            return result(request, x.failureOutcome().get(), OptionalInt.empty(), x.elapsedMs(), Optional.empty(),
                    x.error().orElse(null));
        }
        int status = x.status().orElseThrow();
        if (x.oversized()) {
            return result(request, FetchOutcome.ERROR, x.status(), x.elapsedMs(), Optional.empty(),
                    "the response exceeds " + options.maxBytes() + " bytes; not read further");
        }
        if (status >= 400) {
            return result(request, FetchOutcome.HTTP_ERROR, x.status(), x.elapsedMs(), Optional.empty(), x.error().orElse(null));
        }
        if (status >= 300) {
            return result(request, FetchOutcome.HTTP_ERROR, x.status(), x.elapsedMs(), Optional.empty(),
                    "HTTP " + status + ": redirected more than " + options.maxRedirects() + " times or nowhere");
        }
        return result(request, FetchOutcome.OK, x.status(), x.elapsedMs(), x.body().map(Blob::of), null);
    }

    static NetworkFetch failure(FetchRequest request, Exception e, long elapsed) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof UnknownHostException || t instanceof SSLException
                || t instanceof SocketTimeoutException || t instanceof ConnectException)) {
            t = t.getCause();
        }
        FetchOutcome outcome;
        if (t instanceof UnknownHostException) {
            outcome = FetchOutcome.DNS;
        } else if (t instanceof SSLException) {
            outcome = FetchOutcome.TLS;
        } else if (t instanceof ConnectTimeoutException || t instanceof SocketTimeoutException
                || t instanceof InterruptedIOException) {
            outcome = FetchOutcome.TIMEOUT;
        } else if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            outcome = t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timed out")
                    ? FetchOutcome.TIMEOUT : FetchOutcome.REFUSED;
        } else if (e instanceof IllegalArgumentException) {
            outcome = FetchOutcome.UNSUPPORTED;
        } else {
            outcome = FetchOutcome.ERROR;
        }
        String message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return result(request, outcome, OptionalInt.empty(), elapsed, Optional.empty(), message);
    }

    static NetworkFetch result(FetchRequest request, FetchOutcome outcome, OptionalInt status, long elapsedMs,
            Optional<Blob> body, String error) {
        return new NetworkFetch(request.url(), request.purpose(), outcome, status, OptionalLong.of(elapsedMs),
                Optional.empty(), body, Optional.ofNullable(error));
    }

    static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
