package dev.ndesdiag.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.fixtures.TestPki.RaSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * What NDES takes as its RA certificates (template name, or the Certificate Request Agent EKU with the key
 * usage of the role), which one of a role it uses, and where the issuer of a certificate is found.
 */
class RaCertificateTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:15:00Z");
    private static final TestPki.Issued CA = TestPki.root("CN=Contoso CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(900)));

    private static StoredCertificate stored(String store, X509Certificate c) {
        return new StoredCertificate(store, "certs/" + store + "/" + StoredCertificate.thumbprintOf(c) + ".cer",
                StoredCertificate.thumbprintOf(c), c, Optional.empty());
    }

    private static StoredCertificate archived(String store, X509Certificate c) {
        PrivateKeyInfo key = new PrivateKeyInfo(true, Optional.of("CAPI"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty());
        return new StoredCertificate(store, "certs/" + store + "/x.cer", StoredCertificate.thumbprintOf(c), c, Optional.of(key));
    }

    private static X509Certificate ra(RaSpec spec, long fromDaysAgo, long untilDaysAhead) {
        return TestPki.ra("CN=NDES01-MSCEP-RA", CA, NOW.minus(Duration.ofDays(fromDaysAgo)), NOW.plus(Duration.ofDays(untilDaysAhead)),
                spec).certificate();
    }

    private static Optional<RaCertificate> classify(X509Certificate c) {
        return RaCertificate.classify(stored("My", c), Optional.empty());
    }

    @Test
    void aCertificateFromTheEnrollmentAgentOfflineTemplateIsTheSigningRaByItsTemplateAlone() {
        RaCertificate r = classify(ra(RaSpec.signing().withoutRequestAgentEku(), 10, 700)).orElseThrow();
        assertThat(r.roles()).containsExactly(RaRole.SIGNING);
        assertThat(r.identifiedBy()).isEqualTo("template EnrollmentAgentOffline");
        RaCertificate e = classify(ra(RaSpec.encryption().withoutRequestAgentEku(), 10, 700)).orElseThrow();
        assertThat(e.roles()).containsExactly(RaRole.ENCRYPTION);
        assertThat(e.identifiedBy()).isEqualTo("template CEPEncryption");
    }

    @Test
    void aCustomTemplateRaCertificatePlaysTheRolesItsKeyUsageAllows() {
        String oid = "1.3.6.1.4.1.311.21.8.9";
        assertThat(classify(ra(RaSpec.custom(KeyUsage.digitalSignature, oid), 10, 700)).orElseThrow().roles())
                .containsExactly(RaRole.SIGNING);
        assertThat(classify(ra(RaSpec.custom(KeyUsage.keyEncipherment, oid), 10, 700)).orElseThrow().roles())
                .containsExactly(RaRole.ENCRYPTION);
        RaCertificate both = classify(ra(RaSpec.custom(KeyUsage.digitalSignature | KeyUsage.keyEncipherment, oid), 10, 700))
                .orElseThrow();
        assertThat(both.roles()).containsExactlyInAnyOrder(RaRole.SIGNING, RaRole.ENCRYPTION);
        assertThat(both.identifiedBy()).isEqualTo("Certificate Request Agent EKU and key usage");
    }

    @Test
    void aRequestAgentCertificateWhoseKeyUsageAllowsNeitherRoleIsNoRaCertificate() {
        assertThat(classify(ra(RaSpec.custom(KeyUsage.keyAgreement, "1.3.6.1.4.1.311.21.8.9"), 10, 700))).isEmpty();
        assertThat(classify(ra(RaSpec.custom(KeyUsage.digitalSignature, "1.3.6.1.4.1.311.21.8.9").withoutRequestAgentEku(), 10, 700)))
                .isEmpty();
    }

    @Test
    void ndesUsesTheTimeValidCertificateEvenWhenARenewalNotYetValidExpiresLater() {
        RaCertificate current = classify(ra(RaSpec.signing(), 300, 60)).orElseThrow();
        RaCertificate future = classify(TestPki.ra("CN=NDES01-MSCEP-RA", CA, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(800)),
                RaSpec.signing()).certificate()).orElseThrow();
        assertThat(RaCertificate.inUse(List.of(future, current), NOW)).isSameAs(current);
    }

    @Test
    void withNoTimeValidCertificateTheOneExpiringLastIsTakenAsInUse() {
        RaCertificate older = classify(ra(RaSpec.signing(), 800, -100)).orElseThrow();
        RaCertificate newer = classify(ra(RaSpec.signing(), 700, -3)).orElseThrow();
        assertThat(RaCertificate.inUse(List.of(newer, older), NOW)).isSameAs(newer);
        assertThat(RaCertificate.inUse(List.of(older, newer), NOW)).isSameAs(newer);
    }

    @Test
    void anArchivedCaCertificateIsNotAnIssuer() {
        X509Certificate leaf = ra(RaSpec.signing(), 10, 700);
        CertificateStores stores = new CertificateStores(Map.of("CA", List.of(archived("CA", CA.certificate()))));
        Issuers.Lookup l = Issuers.of(leaf, stores, NOW);
        assertThat(l.verdict()).isEqualTo(Issuers.Verdict.ABSENT);
        assertThat(l.issuer()).isEmpty();
        assertThat(l.current()).isEmpty();
    }

    @Test
    void aCaRenewedWithTheSameKeyIsFoundThroughItsTimeValidCertificate() {
        // the CA certificate was renewed with the same key: both copies verify; the chain engine prefers the valid one
        TestPki.Issued expired = TestPki.root("CN=Contoso CA", CA.keys(), NOW.minus(Duration.ofDays(2000)), NOW.minus(Duration.ofDays(1)));
        TestPki.Issued longest = TestPki.root("CN=Contoso CA", CA.keys(), NOW.minus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(3000)));
        X509Certificate leaf = ra(RaSpec.signing(), 10, 700);
        CertificateStores stores = new CertificateStores(Map.of("Root", List.of(stored("Root", expired.certificate()),
                stored("Root", CA.certificate()), stored("Root", longest.certificate()))));
        Issuers.Lookup l = Issuers.of(leaf, stores, NOW);
        assertThat(l.verdict()).isEqualTo(Issuers.Verdict.FOUND);
        assertThat(l.issuer().orElseThrow().certificate()).isEqualTo(longest.certificate());
        assertThat(l.current().orElseThrow().certificate()).isEqualTo(longest.certificate());
        assertThat(l.previousKey()).isFalse();
        CertificateStores onlyOldAndCurrent = new CertificateStores(Map.of("Root", List.of(stored("Root", CA.certificate()),
                stored("Root", expired.certificate()))));
        assertThat(Issuers.of(leaf, onlyOldAndCurrent, NOW).issuer().orElseThrow().certificate()).isEqualTo(CA.certificate());
    }

    @Test
    void theCurrentCaCertificateIsTheTimeValidOneIssuedLastNotAnExpiredOne() {
        TestPki.Issued expired = TestPki.root("CN=Contoso CA", NOW.minus(Duration.ofDays(3000)), NOW.minus(Duration.ofDays(10)));
        X509Certificate leaf = ra(RaSpec.signing(), 10, 700);
        CertificateStores stores = new CertificateStores(Map.of("CA", List.of(stored("CA", expired.certificate())),
                "Root", List.of(stored("Root", CA.certificate()))));
        Issuers.Lookup l = Issuers.of(leaf, stores, NOW);
        assertThat(l.current().orElseThrow().certificate()).isEqualTo(CA.certificate());
        assertThat(l.previousKey()).isFalse();
    }

    @Test
    void aV2TemplateWithoutTheTemplateCacheIsDescribedByItsOid() {
        X509Certificate c = ra(RaSpec.custom(KeyUsage.digitalSignature, "1.3.6.1.4.1.311.21.8.1.2.3"), 10, 700);
        CertificateTemplate unnamed = CertificateTemplate.of(c, Optional.empty()).orElseThrow();
        assertThat(unnamed.name()).isEmpty();
        assertThat(unnamed.describe()).isEqualTo("template 1.3.6.1.4.1.311.21.8.1.2.3");
        assertThat(CertificateTemplate.of(TestPki.root("CN=Plain", NOW, NOW.plus(Duration.ofDays(1))).certificate(), Optional.empty()))
                .isEmpty();
        assertThat(CertificateTemplate.of(ra(RaSpec.signing(), 10, 700), Optional.empty()).orElseThrow().describe())
                .isEqualTo("EnrollmentAgentOffline");
    }

    @Test
    void theRoleNamesNdesDocumentsAreTheTemplatesAndKeyUsagesOfItsRaCertificates() {
        assertThat(RaRole.SIGNING.templateName()).isEqualTo("EnrollmentAgentOffline");
        assertThat(RaRole.ENCRYPTION.templateName()).isEqualTo("CEPEncryption");
        assertThat(RaRole.SIGNING.keyUsage()).isEqualTo("digital signature");
        assertThat(RaRole.ENCRYPTION.keyUsage()).isEqualTo("key encipherment");
    }
}
