package dev.ndesdiag.checks.ca;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.certificates.ExpiryHorizon;
import dev.ndesdiag.certificates.Issuers;
import dev.ndesdiag.certificates.RaCertificate;
import dev.ndesdiag.inputs.NdesInputs;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CA NDES submits to, whose certificate issued the RA certificates, must chain on the NDES
 * server up to a root in LocalMachine\Root, every CA certificate on the way time-valid and
 * signature-checked with the same issuer lookup as the RA checks. Its CRLs are judged by
 * {@code crl-retrievability}, which follows the same chain.
 */
public final class CaChainTrustCheck extends AbstractCheck {

    static final int MAX_DEPTH = 8;

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public CaChainTrustCheck() {
        super(CheckDescriptor.of("ca-chain-trusted",
                        "The CA's certificate chains on the NDES server to a trusted root, every CA certificate time-valid",
                        Category.CERTIFICATES)
                .withSymptoms("HTTP 500", "NDES events 2 and 10", "0x800B0109")
                .requires(NdesInputs.MY, NdesInputs.CERTIFICATES)
                .uses(NdesInputs.TEMPLATE_CACHE)
                .withReferences(CaEnterpriseTypeCheck.NDES_GUIDANCE));
    }

    @Override
    public CheckResult run(CheckContext context) {
        CertificateStores stores = context.get(NdesInputs.CERTIFICATES);
        List<RaCertificate> ras = RaCertificate.in(stores, context.find(NdesInputs.TEMPLATE_CACHE));
        if (ras.isEmpty()) {
            return CheckResult.skipped("CA_CHAIN_NO_RA", "LocalMachine\\My holds no RA certificate, so the CA that issued them is "
                    + "unknown; ra-certificates reports the missing RA certificates.");
        }
        if (stores.store("CA").isEmpty() && stores.store("Root").isEmpty()) {
            return CheckResult.skipped("CA_CHAIN_NOT_CHECKED", "The bundle holds neither certs/CA nor certs/Root, so the CA's "
                    + "chain cannot be built.");
        }
        Instant now = context.now();
        RaCertificate ra = RaCertificate.inUse(ras, now);
        X509Certificate current = ra.certificate();
        List<String> path = new ArrayList<>();
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Issuers.Lookup lookup = Issuers.of(current, stores, now);
            String issuerName = current.getIssuerX500Principal().getName();
            if (lookup.verdict() != Issuers.Verdict.FOUND) {
                boolean wrongKey = lookup.verdict() == Issuers.Verdict.WRONG_KEY;
                return CheckResult.of(Finding.fail(wrongKey ? "CA_CHAIN_KEY_MISMATCH" : "CA_CHAIN_INCOMPLETE", "The chain of the CA "
                                + "NDES submits to breaks at " + issuerName + ": " + (wrongKey ? "certificates of that name are on "
                                + "the server, but none verifies the signature (a renewed CA key)." : "no certificate of that CA is "
                                + "in the Intermediate or Trusted Root store.") + " NDES cannot build the chain of its RA certificates "
                                + "and the CA's; it fails with events 2 and 10 and mscep.dll answers HTTP 500.")
                        .withEvidence("missingIssuer", issuerName).withEvidence("path", String.join(" <- ", path))
                        .withRemediation("Import the CA certificate (certutil -ca.cert on the CA, then certutil -addstore CA for an "
                                + "intermediate or certutil -addstore Root for a root), or publish it to AD (certutil -dspublish) "
                                + "and run certutil -pulse on the NDES server."));
            }
            StoredCertificate ca = lookup.issuer().orElseThrow();
            path.add(ca.subject() + " (" + ca.store() + ")");
            if (!ExpiryHorizon.of(ca.certificate(), now).isTimeValid()) {
                return CheckResult.of(Finding.fail("CA_CERT_NOT_TIME_VALID", "The CA certificate " + ca.subject() + " ("
                                + ca.thumbprint() + ") in the chain of NDES's CA is not time-valid at collection time; nothing it "
                                + "issued chains, and NDES fails with events 2 and 10.")
                        .withEvidence("thumbprint", ca.thumbprint()).withEvidence("notAfter", ca.certificate().getNotAfter().toInstant().toString())
                        .withRemediation("Renew the CA certificate, distribute it (certutil -dspublish; certutil -pulse), and renew the "
                                + "RA certificates from it."));
            }
            X509Certificate c = ca.certificate();
            if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                if (!ca.store().equalsIgnoreCase("Root")) {
                    return CheckResult.of(Finding.fail("CA_ROOT_NOT_TRUSTED", "The chain of NDES's CA ends at the self-signed "
                                    + ca.subject() + ", which is in the " + ca.store() + " store, not in Trusted Root: the server does "
                                    + "not trust it, and NDES fails with events 2 and 10.")
                            .withEvidence("thumbprint", ca.thumbprint()).withEvidence("store", ca.store())
                            .withRemediation("Add the root to LocalMachine\\Root (certutil -addstore Root <file>, or publish it "
                                    + "to AD with certutil -dspublish -f <file> RootCA), and remove it from " + ca.store() + "."));
                }
                return CheckResult.of(Finding.pass("CA_CHAIN_TRUSTED", "The CA chain " + String.join(" <- ", path)
                        + " is complete and time-valid, ending at a trusted root.").withEvidence("path", String.join(" <- ", path))
                        .withEvidence("raThumbprint", ra.thumbprint()));
            }
            current = c;
        }
        return CheckResult.of(Finding.error("CA_CHAIN_TOO_LONG", "The CA chain is longer than " + MAX_DEPTH + " certificates "
                + "(a loop of cross-certificates?)").withEvidence("path", String.join(" <- ", path)));
    }
}
