package dev.ndesdiag.certificates;

import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The usual questions about a TLS or client-authentication certificate, each answered as a
 * finding naming the certificate: time-valid, private key, purposes, names.
 */
public final class TlsCertificateFacts {

    private TlsCertificateFacts() {
    }

    /** A FAIL per problem with validity (and a WARN within 30 days), named with the given prefix. */
    public static List<Finding> validity(String prefix, String what, StoredCertificate c, Instant now, String symptom,
            String renewal) {
        List<Finding> findings = new ArrayList<>();
        ExpiryHorizon h = ExpiryHorizon.of(c.certificate(), now);
        long days = ExpiryHorizon.daysLeft(c.certificate(), now);
        String date = c.certificate().getNotAfter().toInstant().toString().substring(0, 10);
        if (h == ExpiryHorizon.EXPIRED) {
            findings.add(evidence(Finding.fail(prefix + "_CERT_EXPIRED", what + " " + c.subject() + " (" + c.thumbprint()
                    + ") expired on " + date + " (" + -days + " days before collection): " + symptom + ".")
                    .withRemediation(renewal), c));
        } else if (h == ExpiryHorizon.NOT_YET_VALID) {
            findings.add(evidence(Finding.fail(prefix + "_CERT_NOT_YET_VALID", what + " " + c.thumbprint()
                    + " is not valid before " + c.certificate().getNotBefore().toInstant() + "; check the clock.")
                    .withRemediation("Check the time on the NDES server and the CA (w32tm /query /status)."), c));
        } else if (h == ExpiryHorizon.WITHIN_14_DAYS || h == ExpiryHorizon.WITHIN_30_DAYS) {
            findings.add(evidence(Finding.warn(prefix + "_CERT_EXPIRING_SOON", what + " " + c.thumbprint() + " expires in "
                    + days + " days, on " + date + "; then: " + symptom + ".").withRemediation(renewal), c)
                    .withEvidence("daysLeft", days));
        }
        return findings;
    }

    /**
     * A FAIL when the bundle says the certificate has no private key; a SKIPPED finding when it cannot
     * say (a hand-collected bundle has no key sidecars: unknown, not an error).
     */
    public static List<Finding> privateKey(String prefix, String what, StoredCertificate c, String renewal) {
        if (c.privateKey().isEmpty()) {
            return List.of(evidence(Finding.skipped(prefix + "_KEY_UNKNOWN", "The bundle has no key sidecar for " + what
                    + " " + c.thumbprint() + ", so whether the server holds its private key was not checked.")
                    .withRemediation("Collect with ndes-diag collect, which writes certs/My/<thumbprint>.json, or write the "
                            + "sidecar by hand (docs/snapshot-format.md)."), c));
        }
        if (!c.privateKey().get().hasPrivateKey()) {
            return List.of(evidence(Finding.fail(prefix + "_CERT_NO_PRIVATE_KEY", what + " " + c.thumbprint()
                    + " has no private key on the server, so it cannot be used for TLS.")
                    .withRemediation("Import it again from a PFX that holds the key, or: " + renewal), c));
        }
        return List.of();
    }

    public static Finding evidence(Finding f, StoredCertificate c) {
        return f.withEvidence("thumbprint", c.thumbprint())
                .withEvidence("subject", c.subject())
                .withEvidence("notAfter", c.certificate().getNotAfter().toInstant().toString())
                .withEvidence("dnsNames", CertificateNames.dnsNames(c.certificate()));
    }
}
