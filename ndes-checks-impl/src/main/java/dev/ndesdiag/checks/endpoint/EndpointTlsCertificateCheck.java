package dev.ndesdiag.checks.endpoint;

import dev.ndesdiag.certificates.CertificateNames;
import dev.ndesdiag.certificates.ExpiryHorizon;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges the TLS certificate the SCEP URL presents: it names the URL's host, is time-valid, and is
 * not within 30 days of expiry. A name mismatch is what WinHTTP reports as 12175.
 */
public final class EndpointTlsCertificateCheck extends AbstractCheck {

    static final Input<List<ProbeResponse>> RESPONSES = Inputs.probeResponses();

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public EndpointTlsCertificateCheck() {
        super(CheckDescriptor.of("endpoint-tls-certificate",
                        "The SCEP URL's TLS certificate names its host and is valid", Category.ENDPOINT)
                .withSymptoms("TLS errors", "WinHTTP 12175 (CN invalid)")
                .requires(RESPONSES));
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<ProbeResponse> responses = context.get(RESPONSES);
        Optional<ProbeResponse> withChain = responses.stream().filter(r -> !r.tlsChain().isEmpty()).findFirst();
        if (withChain.isEmpty()) {
            return CheckResult.skipped("NO_TLS_CHAIN", "No TLS certificate was seen (an http URL, or a probe recorded "
                    + "without the chain).");
        }
        X509Certificate leaf = withChain.get().tlsChain().get(0);
        String host = Optional.ofNullable(URI.create(withChain.get().url().replaceFirst("\\?.*$", "")).getHost()).orElse("");
        Instant now = context.now();
        List<Finding> findings = new ArrayList<>();
        String subject = leaf.getSubjectX500Principal().getName();
        if (!host.isEmpty() && !CertificateNames.matches(leaf, host)) {
            findings.add(Finding.fail("ENDPOINT_TLS_WRONG_NAME", "The TLS certificate " + subject + " does not name " + host
                            + " (names: " + String.join(", ", CertificateNames.dnsNames(leaf)) + "): clients fail TLS "
                            + "(WinHTTP 12175).")
                    .withEvidence("host", host).withEvidence("dnsNames", CertificateNames.dnsNames(leaf))
                    .withRemediation("Issue the certificate with a DNS SAN for " + host + " and bind it to 443."));
        }
        ExpiryHorizon h = ExpiryHorizon.of(leaf, now);
        long days = ExpiryHorizon.daysLeft(leaf, now);
        if (!h.isTimeValid()) {
            findings.add(Finding.fail("ENDPOINT_TLS_EXPIRED", "The TLS certificate " + subject + " is not time-valid "
                            + "(notAfter " + leaf.getNotAfter().toInstant() + ").")
                    .withEvidence("notAfter", leaf.getNotAfter().toInstant().toString())
                    .withRemediation("Renew the TLS certificate and bind the new one to 443."));
        } else if (h == ExpiryHorizon.WITHIN_14_DAYS || h == ExpiryHorizon.WITHIN_30_DAYS) {
            findings.add(Finding.warn("ENDPOINT_TLS_EXPIRING_SOON", "The TLS certificate " + subject + " expires in " + days
                            + " days.")
                    .withEvidence("daysLeft", days)
                    .withRemediation("Renew the TLS certificate and bind the new one to 443 (and update the policy module if "
                            + "it uses the same certificate)."));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.pass("ENDPOINT_TLS_OK", "The TLS certificate " + subject + " names " + host
                    + " and is valid for " + days + " more days.").withEvidence("daysLeft", days));
        }
        return CheckResult.of(findings);
    }
}
