package dev.ndesdiag.certificates;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether a certificate's signature verifies with a key, each pair worked out once.
 *
 * <p>Several checks walk the same chains (the RA certificates' issuer, the CA's chain, the chains
 * whose CRLs matter), and a server whose CA was renewed holds two CA certificates of one name, so
 * the same certificate is tried against two keys again and again. The JDK remembers only the last
 * key a certificate was verified with, so alternating keys repeat the RSA work each time; here every
 * (certificate, key) pair is verified once. The answer depends only on the two encodings, so it is
 * the same whichever check asks. Certificates are held weakly: the answers go with the bundle.
 *
 * @since 0.1.0
 */
public final class Signatures {

    /** What verifying a certificate's signature with a key gave. */
    public enum Outcome {
        /** The key verifies the signature. */
        VERIFIED,
        /** The signature does not match the key. */
        MISMATCH,
        /** The JDK cannot check it (an unknown algorithm, a key of another kind, a malformed signature). */
        NOT_CHECKABLE
    }

    private static final Map<X509Certificate, Map<PublicKey, Outcome>> KNOWN =
            Collections.synchronizedMap(new WeakHashMap<>());

    private Signatures() {
    }

    /**
     * Verifies a certificate's signature with a key, or returns what an earlier call found.
     *
     * @param cert the certificate; never null
     * @param key the key that may have signed it; never null
     * @return what verifying gave; never null
     */
    public static Outcome check(X509Certificate cert, PublicKey key) {
        Map<PublicKey, Outcome> byKey = KNOWN.computeIfAbsent(cert, c -> Collections.synchronizedMap(new HashMap<>(4)));
        // under the certificate's lock: checks running at once that ask about the same pair (the RA
        // certificates' issuer, at the start of every bundle) wait for one verification, not each do it
        return byKey.computeIfAbsent(key, k -> verify(cert, k));
    }

    private static Outcome verify(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return Outcome.VERIFIED;
        } catch (SignatureException e) {
            return Outcome.MISMATCH;
        } catch (GeneralSecurityException | RuntimeException e) {
            return Outcome.NOT_CHECKABLE;
        }
    }

    /**
     * Tells whether a certificate was signed by another's key.
     *
     * @param cert the certificate; never null
     * @param issuer the certificate that may have issued it; never null
     * @return true only when the issuer's key verifies the signature
     */
    public static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        return check(cert, issuer.getPublicKey()) == Outcome.VERIFIED;
    }

    /**
     * Self-signed: issued by itself and, where the JDK can check it, signed by its own key.
     *
     * @param cert the certificate; never null
     * @return true when its subject is its issuer and its own key does not refute the signature
     */
    public static boolean selfSigned(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                && check(cert, cert.getPublicKey()) != Outcome.MISMATCH;
    }
}
