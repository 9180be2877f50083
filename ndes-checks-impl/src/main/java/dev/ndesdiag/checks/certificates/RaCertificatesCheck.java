package dev.ndesdiag.checks.certificates;

import dev.ndesdiag.certificates.ExpiryHorizon;
import dev.ndesdiag.certificates.Issuers;
import dev.ndesdiag.certificates.KeyProviders;
import dev.ndesdiag.certificates.RaCertificate;
import dev.ndesdiag.certificates.RaInventory;
import dev.ndesdiag.certificates.RaRenewal;
import dev.ndesdiag.certificates.RaRole;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.inputs.NdesInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the two RA certificates NDES cannot start without: the Exchange Enrollment Agent
 * (Offline request) (signing) and CEP Encryption (encryption) certificates in LocalMachine\My,
 * found by EKU and key usage as well as by template, each time-valid at collection time, with a
 * private key, issued by a CA certificate the server holds; and how close each is to expiry
 * (60 days noted, 30 days WARN, 14 days WARN urgently). An expired or missing RA certificate is
 * the most common HTTP 500 on mscep.dll.
 */
public final class RaCertificatesCheck extends AbstractCheck {

    private static final String REFERENCE =
            "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/troubleshoot-scep-certificate-ndes-policy-module";
    /** Microsoft's own validator: "Incorrect CSP selected during install. NDES only supports the CryptoAPI CSP." */
    private static final String CSP_REFERENCE =
            "https://github.com/markstan/Validate-NDESConfiguration";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public RaCertificatesCheck() {
        super(CheckDescriptor.of("ra-certificates",
                        "NDES RA certificates are present and valid", Category.CERTIFICATES)
                .withSymptoms("HTTP 500", "NDES does not start (Application log events 2, 10)")
                .requires(RaInventory.REQUIRED).uses(RaInventory.USED)
                // NDES's own record (events 10 and 2 at its last failed start), cited beside a failure (optional)
                .uses(NdesInputs.NDES_EVENTS)
                .withReferences(REFERENCE));
    }

    @Override
    public CheckResult run(CheckContext context) {
        RaInventory inventory = RaInventory.of(context);
        CertificateStores stores = inventory.stores();
        List<Finding> findings = new ArrayList<>();
        inventory.problems().stream()
                .map(InputProblem::toFinding)
                .forEach(findings::add);
        List<RaCertificate> ras = inventory.ras();
        Instant now = context.now();
        for (RaRole role : RaRole.values()) {
            List<RaCertificate> candidates = ras.stream().filter(r -> r.roles().contains(role)).toList();
            if (candidates.isEmpty()) {
                findings.add(missing(role, context));
                continue;
            }
            RaCertificate chosen = RaCertificate.inUse(candidates, now);
            findings.addAll(judge(role, chosen, stores, context, now));
        }
        Optional<EventRecord> startFailure = context.find(NdesInputs.NDES_EVENTS).orElse(List.of()).stream()
                .filter(e -> (e.eventId() == 10 || e.eventId() == 2) && e.timeCreated().isPresent())
                .max(java.util.Comparator.comparing(e -> e.timeCreated().get()));
        if (startFailure.isPresent()) {
            EventRecord e = startFailure.get();
            String cited = "event " + e.eventId() + " at " + e.timeCreated().get() + " (Application log; decoded by "
                    + "ndes-service-events)";
            findings.replaceAll(f -> f.status() == dev.ndesdiag.api.Status.FAIL ? f.withEvidence("ndesEvent", cited) : f);
        }
        return CheckResult.of(findings);
    }

    private static Finding missing(RaRole role, CheckContext context) {
        return Finding.fail("RA_CERT_MISSING", "LocalMachine\\My has no " + role.displayName()
                        + " certificate (Certificate Request Agent EKU with " + role.keyUsage() + "), so NDES cannot "
                        + "start and mscep.dll answers HTTP 500.")
                .withEvidence("role", role.displayName())
                .withRemediation(RaRenewal.replace(role, Optional.empty(), context))
                .withReference(REFERENCE);
    }

    private static List<Finding> judge(RaRole role, RaCertificate ra, CertificateStores stores, CheckContext context,
            Instant now) {
        List<Finding> findings = new ArrayList<>();
        findings.add(validity(role, ra, context, now));
        findings.add(privateKey(role, ra, context));
        findings.add(chain(role, ra, stores, context, now));
        return findings;
    }

    private static Finding withIdentity(Finding f, RaRole role, RaCertificate ra) {
        Finding out = f.withEvidence("role", role.displayName())
                .withEvidence("thumbprint", ra.thumbprint())
                .withEvidence("subject", ra.stored().subject())
                .withEvidence("notAfter", ra.certificate().getNotAfter().toInstant().toString())
                .withEvidence("identifiedBy", ra.identifiedBy());
        return ra.template().isPresent() ? out.withEvidence("template", ra.template().get().describe()) : out;
    }

    private static Finding validity(RaRole role, RaCertificate ra, CheckContext context, Instant now) {
        ExpiryHorizon horizon = ExpiryHorizon.of(ra.certificate(), now);
        long days = ExpiryHorizon.daysLeft(ra.certificate(), now);
        String name = "The " + role.displayName() + " certificate " + ra.stored().subject() + " (" + ra.thumbprint() + ")";
        String date = ra.certificate().getNotAfter().toInstant().toString().substring(0, 10);
        Finding f = switch (horizon) {
            case EXPIRED -> Finding.fail("RA_CERT_EXPIRED", name + " expired on " + date + " (" + -days
                            + " days before collection): NDES cannot sign or decrypt, so mscep.dll answers HTTP 500.")
                    .withRemediation(RaRenewal.replace(role, Optional.of(ra), context));
            case NOT_YET_VALID -> Finding.fail("RA_CERT_NOT_YET_VALID", name + " is not valid before "
                            + ra.certificate().getNotBefore().toInstant() + "; check the server's clock.")
                    .withRemediation("Check the time on the NDES server and the CA (w32tm /query /status), then iisreset.");
            case WITHIN_14_DAYS -> Finding.warn("RA_CERT_EXPIRING_URGENT", name + " expires in " + days
                            + " days, on " + date + ". Renew it now: once it expires, every SCEP enrollment fails with HTTP 500.")
                    .withRemediation(RaRenewal.renew(ra, context));
            case WITHIN_30_DAYS -> Finding.warn("RA_CERT_EXPIRING_SOON", name + " expires in " + days + " days, on "
                            + date + "; after that mscep.dll answers HTTP 500.")
                    .withRemediation(RaRenewal.renew(ra, context));
            case WITHIN_60_DAYS -> Finding.pass("RA_CERT_EXPIRING", name + " expires in " + days + " days, on " + date
                            + "; plan its renewal.")
                    .withRemediation(RaRenewal.renew(ra, context));
            case VALID -> Finding.pass("RA_CERT_VALID", name + " is valid until " + date + " (" + days + " days).");
        };
        return withIdentity(f.withEvidence("daysLeft", days), role, ra).withReference(REFERENCE);
    }

    private static Finding privateKey(RaRole role, RaCertificate ra, CheckContext context) {
        Optional<PrivateKeyInfo> key = ra.stored().privateKey();
        String name = "The " + role.displayName() + " certificate " + ra.thumbprint();
        if (key.isEmpty()) {
            // a hand-collected bundle has no sidecars: the key is unknown, which is no verdict (SKIPPED, not ERROR)
            return withIdentity(Finding.skipped("RA_PRIVATE_KEY_UNKNOWN", name + " has no key sidecar in the bundle ("
                            + ra.stored().file().replaceAll("\\.[^.]+$", ".json")
                            + "), so whether the server holds its private key, and in which provider, was not checked.")
                    .withRemediation("Collect the bundle again with ndes-diag collect, which writes the key sidecars, or "
                            + "write the sidecar by hand (docs/snapshot-format.md): certutil -store My " + ra.thumbprint()
                            + " shows the provider and whether the key is there."),
                    role, ra);
        }
        if (!key.get().hasPrivateKey()) {
            return withIdentity(Finding.fail("RA_CERT_NO_PRIVATE_KEY", name + " has no private key on the server "
                            + "(imported without it, or the key was deleted): NDES cannot use it and mscep.dll answers HTTP 500.")
                    .withRemediation(RaRenewal.replace(role, Optional.of(ra), context)), role, ra);
        }
        if (isKeyStorageProvider(key.get())) {
            Finding storedIn = Finding.fail("RA_KEY_IN_KSP", name + "'s private key is held by the CNG key storage "
                            + "provider " + key.get().keyProvider().orElse("(CNG)") + ". NDES only works with CryptoAPI "
                            + "CSP keys (a version 3 template, or a request that chose a KSP, gives such a key): it cannot "
                            + "use this RA certificate, logs events 10 and 2, and mscep.dll answers HTTP 500; installing or "
                            + "renewing with it fails with 0x80090014 (NTE_BAD_PROV_TYPE).");
            if (key.get().keyStorage().isPresent()) { // only what the sidecar says; a KSP provider name alone also decides
                storedIn = storedIn.withEvidence("keyStorage", key.get().keyStorage().get());
            }
            return withIdentity(storedIn.withEvidence("keyProvider", key.get().keyProvider().orElse("unknown"))
                            .withRemediation("Replace it with a certificate whose key is in a CryptoAPI CSP (\"Microsoft "
                                    + "Strong Cryptographic Provider\" or \"Microsoft Enhanced Cryptographic Provider "
                                    + "v1.0\"): keep the " + role.templateName() + " template at schema version 1 or 2 "
                                    + "(Compatibility tab: not Windows Server 2008 or later), then:\n"
                                    + RaRenewal.replace(role, Optional.of(ra), context))
                            .withReference(CSP_REFERENCE),
                    role, ra);
        }
        Finding ok = Finding.pass("RA_CERT_HAS_PRIVATE_KEY", name + " has its private key"
                + key.get().keyStorage().map(s -> " (" + s + ")").orElse("") + ".");
        return key.get().keyProvider().map(p -> ok.withEvidence("keyProvider", p)).orElse(ok)
                .withEvidence("thumbprint", ra.thumbprint());
    }

    private static boolean isKeyStorageProvider(PrivateKeyInfo key) {
        return key.keyStorage().map(s -> s.equalsIgnoreCase("CNG")).orElse(false)
                || key.keyProvider().map(KeyProviders::isCng).orElse(false);
    }

    private static Finding chain(RaRole role, RaCertificate ra, CertificateStores stores, CheckContext context,
            Instant now) {
        Issuers.Lookup issuer = Issuers.of(ra.certificate(), stores, now);
        String name = "The " + role.displayName() + " certificate " + ra.thumbprint();
        String issuerName = ra.stored().issuer();
        return switch (issuer.verdict()) {
            case FOUND -> {
                var ca = issuer.issuer().orElseThrow();
                if (!ExpiryHorizon.of(ca.certificate(), now).isTimeValid()) {
                    yield withIdentity(Finding.fail("RA_ISSUER_EXPIRED", name + " was issued by " + issuerName
                                    + ", whose certificate (" + ca.thumbprint() + ") is not time-valid, so its chain "
                                    + "cannot be built.")
                            .withEvidence("issuerThumbprint", ca.thumbprint())
                            .withRemediation("Renew the CA certificate on the CA, publish it (certutil -dspublish), then "
                                    + "issue new RA certificates from it."), role, ra);
                }
                if (issuer.previousKey()) {
                    var current = issuer.current().orElseThrow();
                    yield withIdentity(Finding.fail("RA_ISSUED_BY_PREVIOUS_CA_KEY", name + " was issued by the previous "
                                    + "key of " + issuerName + " (CA certificate " + ca.thumbprint() + ", valid until "
                                    + ca.certificate().getNotAfter().toInstant().toString().substring(0, 10) + "), but the CA "
                                    + "now issues with a new key (certificate " + current.thumbprint() + "). GetCACert "
                                    + "answers with the RA certificates and the current CA certificate, so Windows devices "
                                    + "cannot chain the RA certificate to the CA they are given and enrolment fails (device "
                                    + "events 32/307, CAPI2 0x800B0109).")
                            .withEvidence("issuerThumbprint", ca.thumbprint())
                            .withEvidence("currentCaThumbprint", current.thumbprint())
                            .withRemediation("Issue new RA certificates from the CA's current key and remove the old "
                                    + "ones:\n" + RaRenewal.replace(role, Optional.of(ra), context)), role, ra);
                }
                yield Finding.pass("RA_CERT_CHAINS", name + " chains to " + issuerName + " (" + ca.thumbprint() + ", "
                                + ca.store() + " store).")
                        .withEvidence("thumbprint", ra.thumbprint())
                        .withEvidence("issuerThumbprint", ca.thumbprint());
            }
            case WRONG_KEY -> withIdentity(Finding.fail("RA_CERT_ISSUER_KEY_MISMATCH", name + " names " + issuerName
                            + " as its issuer, but no certificate of that CA on the server verifies its signature: the CA "
                            + "was renewed with a new key and the RA certificate still belongs to the old one. Devices "
                            + "reject the RA (Windows: event 32/307, CAPI2 0x800B0109).")
                    .withRemediation("Import the CA certificate that signed it (certutil -ca.cert on the CA, "
                            + "certutil -addstore CA), or issue new RA certificates from the current CA certificate."),
                    role, ra);
            case ABSENT -> stores.store("CA").isEmpty() && stores.store("Root").isEmpty()
                    ? Finding.skipped("RA_CHAIN_NOT_CHECKED", name + " could not be chained: the bundle holds neither "
                                    + "the Intermediate (certs/CA/) nor the Trusted Root (certs/Root/) store.")
                            .withEvidence("thumbprint", ra.thumbprint())
                            .withRemediation("Collect certs/CA and certs/Root with Export-Certificate.")
                    : withIdentity(Finding.fail("RA_CERT_ISSUER_MISSING", name + " was issued by " + issuerName
                            + ", but neither the Intermediate nor the Trusted Root store holds that CA's certificate, so "
                            + "its chain cannot be built.")
                    .withRemediation("Export the issuing CA certificate on the CA (certutil -ca.cert ca.cer) and add it "
                            + "on the NDES server: certutil -addstore CA ca.cer (or Root for a single-tier PKI)."),
                    role, ra);
        };
    }
}
