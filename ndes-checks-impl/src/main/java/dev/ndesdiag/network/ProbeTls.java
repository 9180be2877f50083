package dev.ndesdiag.network;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The probe's TLS client: it accepts any chain so that it can record what the server answers and
 * presents. Nothing is sent but the probe's own GETs, and trust is judged afterwards by
 * {@link TrustAnchors}, never by this context.
 */
final class ProbeTls {

    private ProbeTls() {
    }

    /** An SSL context that accepts every server chain. */
    static SSLContext acceptingAnyChain() {
        return recording(chain -> {
        });
    }

    /** An SSL context that accepts every server chain and hands it to {@code seen}. */
    static SSLContext recording(Consumer<List<X509Certificate>> seen) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // not a server
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    seen.accept(List.of(chain));
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS client: " + e.getMessage(), e);
        }
    }
}
