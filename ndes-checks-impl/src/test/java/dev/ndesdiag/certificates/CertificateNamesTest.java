package dev.ndesdiag.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.fixtures.TestPki;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The names a TLS client compares and the purposes a certificate allows. RFC 6125 section 6.4.4: a
 * client checks the CN only when the certificate has no DNS subjectAltName; a wildcard covers
 * exactly the left-most label (https://www.rfc-editor.org/rfc/rfc6125#section-6.4.3). RFC 5280
 * section 4.2.1.12: no EKU extension, or anyExtendedKeyUsage (2.5.29.37.0), allows any purpose.
 */
class CertificateNamesTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final TestPki.Issued CA = TestPki.root("CN=Contoso Issuing CA", NOW.minus(Duration.ofDays(400)),
            NOW.plus(Duration.ofDays(4000)));

    private static TestPki.Issued tls(String dn, List<String> sans, String... ekus) {
        return TestPki.tls(dn, CA, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(300)), sans, ekus);
    }

    @Test
    void theSubjectAltNamesAreTheNamesAndTheCnCountsOnlyWithoutThem() {
        TestPki.Issued sanDiffersFromCn = tls("CN=NDES01", List.of("NDES.contoso.com", "ndes01.corp.contoso.com"));
        assertThat(CertificateNames.dnsNames(sanDiffersFromCn.certificate()))
                .containsExactly("ndes.contoso.com", "ndes01.corp.contoso.com");
        assertThat(CertificateNames.matches(sanDiffersFromCn.certificate(), "NDES01")).isFalse();
        assertThat(CertificateNames.matches(sanDiffersFromCn.certificate(), "Ndes.Contoso.com")).isTrue();
        TestPki.Issued cnOnly = tls("CN=NDES01.corp.contoso.com,O=Contoso", List.of());
        assertThat(CertificateNames.dnsNames(cnOnly.certificate())).containsExactly("ndes01.corp.contoso.com");
        assertThat(CertificateNames.commonName(cnOnly.certificate())).contains("NDES01.corp.contoso.com");
        TestPki.Issued noName = tls("O=Contoso", List.of());
        assertThat(CertificateNames.dnsNames(noName.certificate())).isEmpty();
        assertThat(CertificateNames.commonName(noName.certificate())).isEmpty();
        assertThat(CertificateNames.matches(noName.certificate(), "ndes01")).isFalse();
    }

    @Test
    void aWildcardCoversExactlyOneLeftMostLabel() {
        TestPki.Issued wildcard = tls("CN=*.contoso.com", List.of("*.contoso.com"));
        assertThat(CertificateNames.matches(wildcard.certificate(), "ndes.contoso.com")).isTrue();
        assertThat(CertificateNames.matches(wildcard.certificate(), "ndes01.corp.contoso.com")).isFalse();
        assertThat(CertificateNames.matches(wildcard.certificate(), "contoso.com")).isFalse();
        assertThat(CertificateNames.matches(wildcard.certificate(), ".contoso.com")).isFalse();
        assertThat(CertificateNames.matches(wildcard.certificate(), "ndes.fabrikam.com")).isFalse();
    }

    @Test
    void withoutAnEkuEveryPurposeIsAllowedAndAnyExtendedKeyUsageAllowsEveryPurpose() {
        TestPki.Issued none = tls("CN=a", List.of("a"));
        assertThat(CertificateNames.allows(none.certificate(), CertificateNames.SERVER_AUTH)).isTrue();
        TestPki.Issued clientOnly = tls("CN=b", List.of("b"), CertificateNames.CLIENT_AUTH);
        assertThat(CertificateNames.allows(clientOnly.certificate(), CertificateNames.SERVER_AUTH)).isFalse();
        assertThat(CertificateNames.allows(clientOnly.certificate(), CertificateNames.CLIENT_AUTH)).isTrue();
        TestPki.Issued any = tls("CN=c", List.of("c"), "2.5.29.37.0");
        assertThat(CertificateNames.allows(any.certificate(), CertificateNames.SERVER_AUTH)).isTrue();
    }

    private static StoredCertificate stored(Instant notBefore, Instant notAfter, Optional<PrivateKeyInfo> key) {
        TestPki.Issued c = TestPki.tls("CN=ndes01.corp.contoso.com", CA, notBefore, notAfter, List.of("ndes01.corp.contoso.com"),
                CertificateNames.SERVER_AUTH);
        return new StoredCertificate("MY", "certs/My/x.cer", StoredCertificate.thumbprintOf(c.certificate()), c.certificate(), key);
    }

    private static List<String> validity(StoredCertificate c) {
        return TlsCertificateFacts.validity("HTTPS", "The HTTPS certificate", c, NOW, "devices fail the TLS handshake",
                "Renew it.").stream().map(Finding::code).toList();
    }

    @Test
    void aTlsCertificateWarnsFrom30DaysLeftAndFailsOnceExpiredOrNotYetValid() {
        assertThat(validity(stored(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(31)), Optional.empty()))).isEmpty();
        assertThat(validity(stored(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(30)), Optional.empty())))
                .containsExactly("HTTPS_CERT_EXPIRING_SOON");
        assertThat(validity(stored(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(3)), Optional.empty())))
                .containsExactly("HTTPS_CERT_EXPIRING_SOON");
        assertThat(validity(stored(NOW.minus(Duration.ofDays(300)), NOW.minus(Duration.ofDays(2)), Optional.empty())))
                .containsExactly("HTTPS_CERT_EXPIRED");
        assertThat(validity(stored(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)), Optional.empty())))
                .containsExactly("HTTPS_CERT_NOT_YET_VALID");
    }

    @Test
    void theExpiryFindingsSayWhenAndCarryTheCertificatesFacts() {
        StoredCertificate expired = stored(NOW.minus(Duration.ofDays(300)), NOW.minus(Duration.ofDays(2)), Optional.empty());
        Finding f = TlsCertificateFacts.validity("HTTPS", "The HTTPS certificate", expired, NOW, "devices fail the TLS handshake",
                "Renew it.").get(0);
        assertThat(f.message()).contains("expired on 2026-11-18 (2 days before collection): devices fail the TLS handshake.");
        assertThat(f.evidence()).containsEntry("thumbprint", expired.thumbprint())
                .containsEntry("notAfter", "2026-11-18T10:00:00Z")
                .containsEntry("dnsNames", List.of("ndes01.corp.contoso.com"));
        StoredCertificate soon = stored(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(20)), Optional.empty());
        Finding w = TlsCertificateFacts.validity("HTTPS", "The HTTPS certificate", soon, NOW, "x", "Renew it.").get(0);
        assertThat(w.evidence()).containsEntry("daysLeft", 20L);
        assertThat(w.message()).contains("expires in 20 days, on 2026-12-10");
    }

    @Test
    void aMissingKeySidecarIsUnknownAndASidecarWithoutAKeyFails() {
        StoredCertificate noSidecar = stored(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)), Optional.empty());
        assertThat(TlsCertificateFacts.privateKey("HTTPS", "The HTTPS certificate", noSidecar, "Renew it."))
                .extracting(Finding::code).containsExactly("HTTPS_KEY_UNKNOWN");
        PrivateKeyInfo none = new PrivateKeyInfo(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false);
        StoredCertificate keyless = stored(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)), Optional.of(none));
        assertThat(TlsCertificateFacts.privateKey("HTTPS", "The HTTPS certificate", keyless, "Renew it."))
                .extracting(Finding::code).containsExactly("HTTPS_CERT_NO_PRIVATE_KEY");
        PrivateKeyInfo held = new PrivateKeyInfo(true, Optional.of("CNG"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false);
        StoredCertificate keyed = stored(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)), Optional.of(held));
        assertThat(TlsCertificateFacts.privateKey("HTTPS", "The HTTPS certificate", keyed, "Renew it.")).isEmpty();
    }
}
